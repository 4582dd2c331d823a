package llm

import (
	"errors"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// ErrUnavailable is a call not made because the model is failing: the circuit is open (or a half-open probe is
// in flight), or calls failed while this one waited for a slot. Callers answer without the model.
var ErrUnavailable = errors.New("model unavailable: answering without it")

// ErrPermanent matches, with errors.Is, a call the server refused with a 4xx status other than 429: a wrong
// key, an unknown model, a bad request, an endpoint it lacks. Retrying will not fix it; the settings must
// change.
var ErrPermanent = errors.New("the server refused the request")

// StatusError is a call the server answered with an HTTP error status. Its text is scrubbed of the API key;
// it unwraps to the cause (which is not scrubbed).
type StatusError struct {
	StatusCode int // e.g. 401, 404, 429, 503
	msg        string
	err        error
}

// Error is the failed call's text, without the API key.
func (e *StatusError) Error() string { return e.msg }

// Unwrap returns the cause: the client library's error, as received.
func (e *StatusError) Unwrap() error { return e.err }

// Is makes a 4xx other than 429 match ErrPermanent.
func (e *StatusError) Is(target error) bool {
	return target == ErrPermanent && e.StatusCode >= 400 && e.StatusCode < 500 &&
		e.StatusCode != http.StatusTooManyRequests
}

// apiError is err as this package returns it: its text scrubbed of secret (servers echo API keys in error
// messages), and a *StatusError when the server answered with an error status. It is applied once per call,
// where the call leaves the package.
func apiError(err error, secret string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if secret != "" {
		msg = strings.ReplaceAll(msg, secret, "REDACTED")
	}
	if status := statusOf(err); status != 0 {
		return &StatusError{StatusCode: status, msg: msg, err: err}
	}
	if msg == err.Error() {
		return err
	}
	return &scrubbedError{msg: msg, err: err}
}

// scrubbedError is an error without a status whose text held the API key.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// statusOf is the HTTP status behind a go-openai error, 0 for network errors. RequestError is checked first:
// an Ollama-style error wraps an empty APIError whose status is 0.
func statusOf(err error) int {
	var re *openai.RequestError
	if errors.As(err, &re) {
		return re.HTTPStatusCode
	}
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatusCode
	}
	return 0
}
