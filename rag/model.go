package rag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sony/gobreaker/v2"
)

// ModelOptions configure the client of an OpenAI-compatible API (OpenAI, Ollama /v1, vLLM, llama.cpp server).
type ModelOptions struct {
	BaseURL        string // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
	APIKey         string // may be empty (Ollama)
	Model          string // chat model
	Timeout        time.Duration
	MaxConcurrency int
	Cooldown       time.Duration // how long a failing model is left alone; default DefaultModelCooldown
	HTTPClient     *http.Client  // nil: a client with no timeout of its own; every call has a deadline
	Logger         *slog.Logger
}

// Model calls a chat model with the retries and deadlines go-openai leaves to its users: a deadline on every
// call (LLM_TIMEOUT for the whole answer, retries included), at most MaxConcurrency calls in flight, 429 retried
// after its Retry-After (at most twice), 5xx and network errors retried once or twice with jittered backoff,
// a stream that ends without a finish reason treated as cut off, and a circuit breaker (see newBreaker) so a
// hung or failing model costs each question nothing once it has failed a few times. Safe for concurrent use.
type Model struct {
	apiKey  string
	client  *openai.Client
	name    string
	timeout time.Duration
	sem     chan struct{}
	log     *slog.Logger
	breaker *gobreaker.CircuitBreaker[completion]
	// faults counts calls that failed with a model fault: a caller that saw it change while waiting for a slot
	// does not add one more call to a struggling model.
	faults  atomic.Uint64
	suspect atomic.Bool // the last call that ended failed with a model fault
}

// newClient is the go-openai client for o, with the Retry-After capture, and o with its defaults filled in.
func newClient(o ModelOptions) (*openai.Client, ModelOptions) {
	cfg := openai.DefaultConfig(o.APIKey)
	cfg.BaseURL = strings.TrimRight(o.BaseURL, "/")
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg.HTTPClient = retryAfterDoer{hc}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return openai.NewClientWithConfig(cfg), o
}

// NewModel returns a Model; it does not contact the server (see Check).
func NewModel(o ModelOptions) *Model {
	client, o := newClient(o)
	if o.MaxConcurrency <= 0 {
		o.MaxConcurrency = 4
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Cooldown <= 0 {
		o.Cooldown = DefaultModelCooldown
	}
	return &Model{apiKey: o.APIKey, client: client, name: o.Model, timeout: o.Timeout,
		sem: make(chan struct{}, o.MaxConcurrency), log: o.Logger, breaker: newBreaker(o.Cooldown, o.Logger)}
}

// Name is the chat model's name.
func (m *Model) Name() string { return m.name }

// message is one chat message.
type message struct{ role, content string }

// completion is a model's reply.
type completion struct {
	text                           string
	promptTokens, completionTokens int
}

// errTruncated is a stream that ended before the model said it was done.
var errTruncated = errors.New("model stream cut off before its end")

// Retry policy.
const (
	maxRateLimitRetries = 2
	maxTransientRetries = 2
	maxRetryAfterWait   = 10 * time.Second
)

// complete asks the model; with onText set it streams, calling onText with the text so far as it arrives.
func (m *Model) complete(ctx context.Context, msgs []message, maxTokens int, onText func(string)) (completion, error) {
	c, err := m.call(ctx, msgs, maxTokens, onText)
	return c, scrub(err, m.apiKey)
}

func (m *Model) call(ctx context.Context, msgs []message, maxTokens int, onText func(string)) (completion, error) {
	if m.breaker.State() == gobreaker.StateOpen {
		return completion{}, errModelUnavailable
	}
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	faults := m.faults.Load()
	select {
	case m.sem <- struct{}{}:
		defer func() { <-m.sem }()
	case <-ctx.Done():
		return completion{}, fmt.Errorf("wait for a model slot: %w", ctx.Err())
	}
	// Until the circuit opens, a failing model would still take a new call for every slot a failure frees.
	// So a call that waited while calls failed is not made, and after a failure (until a success) a call is
	// made only when no other is in flight.
	switch {
	case m.faults.Load() != faults:
		return completion{}, fmt.Errorf("%w: calls failed while this one waited", errModelUnavailable)
	case m.suspect.Load() && len(m.sem) > 1:
		return completion{}, fmt.Errorf("%w: the last call failed; one call at a time until one succeeds", errModelUnavailable)
	}
	c, err := m.breaker.Execute(func() (completion, error) { return m.attempts(ctx, msgs, maxTokens, onText) })
	switch {
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		err = fmt.Errorf("%w (%v)", errModelUnavailable, err)
	case modelFault(err):
		m.faults.Add(1)
		m.suspect.Store(true)
	case err == nil:
		m.suspect.Store(false)
	}
	return c, err
}

// attempts makes the call, with the retry policy above, within ctx.
func (m *Model) attempts(ctx context.Context, msgs []message, maxTokens int, onText func(string)) (completion, error) {
	req := openai.ChatCompletionRequest{Model: m.name}
	if reasoningModel(m.name) {
		// OpenAI's reasoning models take max_completion_tokens (with room to think) and only the default
		// temperature; go-openai rejects anything else before sending.
		req.MaxCompletionTokens = 8 * maxTokens
	} else {
		// max_tokens, not max_completion_tokens: the field Ollama, vLLM and llama.cpp all read.
		req.MaxTokens, req.Temperature = maxTokens, 0.1 //nolint:staticcheck // see above
	}
	for _, msg := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: msg.role, Content: msg.content})
	}
	var c completion
	err := withRetries(ctx, func(ctx context.Context) error {
		var err error
		if onText != nil {
			c, err = m.stream(ctx, req, onText)
		} else {
			c, err = m.once(ctx, req)
		}
		return err
	})
	return c, err
}

// withRetries makes one call to the API with the retry policy every endpoint shares (chat, transcription):
// 429 retried after its Retry-After (at most twice, if ctx's deadline allows), 5xx and network errors retried
// once or twice with jittered backoff; a stream cut off is not retried (part of it may have been shown).
func withRetries(ctx context.Context, call func(ctx context.Context) error) error {
	rateLimited, transient := 0, 0
	for {
		var ra time.Duration
		err := call(context.WithValue(ctx, retryAfterKey{}, &ra))
		if err == nil || ctx.Err() != nil {
			if err != nil {
				err = fmt.Errorf("model call: %w", ctx.Err())
			}
			return err
		}
		switch status := statusOf(err); {
		case status == http.StatusTooManyRequests && rateLimited < maxRateLimitRetries:
			rateLimited++
			wait := min(max(ra, time.Second), maxRetryAfterWait)
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
				return fmt.Errorf("rate limited, retry after %v exceeds LLM_TIMEOUT: %w", wait, err)
			}
			if err := sleepCtx(ctx, wait); err != nil {
				return err
			}
		case (status >= 500 || status == 0 && !errors.Is(err, errTruncated)) && transient < maxTransientRetries:
			transient++
			if err := sleepCtx(ctx, jitter(300*time.Millisecond<<transient)); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

func (m *Model) once(ctx context.Context, req openai.ChatCompletionRequest) (completion, error) {
	resp, err := m.client.CreateChatCompletion(ctx, req)
	if err != nil {
		return completion{}, err
	}
	if len(resp.Choices) == 0 {
		return completion{}, errors.New("model reply has no choices")
	}
	return completion{text: resp.Choices[0].Message.Content, promptTokens: resp.Usage.PromptTokens,
		completionTokens: resp.Usage.CompletionTokens}, nil
}

func (m *Model) stream(ctx context.Context, req openai.ChatCompletionRequest, onText func(string)) (completion, error) {
	req.Stream = true
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	st, err := m.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return completion{}, err
	}
	defer st.Close()
	var c completion
	var text strings.Builder
	finished := false
	for {
		chunk, err := st.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return completion{}, err
		}
		if chunk.Usage != nil {
			c.promptTokens, c.completionTokens = chunk.Usage.PromptTokens, chunk.Usage.CompletionTokens
		}
		if len(chunk.Choices) == 0 {
			continue
		}
		if d := chunk.Choices[0].Delta.Content; d != "" {
			text.WriteString(d)
			onText(text.String())
		}
		if chunk.Choices[0].FinishReason != "" {
			finished = true
		}
	}
	if !finished {
		return completion{}, errTruncated
	}
	c.text = text.String()
	return c, nil
}

// reasoningModel reports OpenAI's o-series and GPT-5 models, which take different request parameters.
func reasoningModel(name string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Check makes one cheap call to verify the endpoint, key and model. Its error names the variable to fix.
func (m *Model) Check(ctx context.Context) error {
	_, err := m.complete(ctx, []message{{openai.ChatMessageRoleUser, "Reply with OK."}}, 1, nil)
	return configError(err, m.name, m.apiKey != "")
}

// configError explains a failed call in terms of the settings. Without a key, a 401 means the server wants
// one (OPENAI_BASE_URL alone is right for Ollama and vLLM, not for OpenAI), so the variable to set is named.
func configError(err error, model string, keySet bool) error {
	if err == nil {
		return nil
	}
	switch status := statusOf(err); {
	case !keySet && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		return fmt.Errorf("OPENAI_BASE_URL wants an API key (%d): set OPENAI_API_KEY: %w", status, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("OPENAI_API_KEY was rejected by OPENAI_BASE_URL (%d): %w", status, err)
	case status == http.StatusNotFound:
		return fmt.Errorf("model %q not found at OPENAI_BASE_URL (check CHAT_MODEL / EMBEDDING_MODEL): %w", model, err)
	case status == http.StatusBadRequest:
		return fmt.Errorf("OPENAI_BASE_URL refused the request for model %q (check CHAT_MODEL): %w", model, err)
	}
	return fmt.Errorf("OPENAI_BASE_URL did not answer properly: %w", err)
}

// IsPermanent reports an error that retrying will not fix: the server answered 4xx (wrong key, unknown model,
// bad request), not 429.
func IsPermanent(err error) bool {
	s := statusOf(err)
	return s >= 400 && s < 500 && s != http.StatusTooManyRequests
}

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

// scrub removes a secret from an error's text (servers echo API keys in error messages); errors.As still sees
// the original.
func scrub(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(err.Error(), secret, "REDACTED"), err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// retryAfterDoer captures the Retry-After header of a 429 (go-openai drops it) into the request's context.
type retryAfterDoer struct{ c *http.Client }

type retryAfterKey struct{}

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		if p, ok := req.Context().Value(retryAfterKey{}).(*time.Duration); ok {
			if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil {
				*p = time.Duration(s) * time.Second
			}
		}
	}
	return resp, err
}

func jitter(d time.Duration) time.Duration { return d/2 + time.Duration(rand.Int64N(int64(d))) }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
