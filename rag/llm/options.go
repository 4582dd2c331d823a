// Package llm is the client of an OpenAI-compatible API (OpenAI, Ollama's /v1, vLLM, the llama.cpp server):
// chat answers, streamed or whole (Model), embeddings (Embedder) and speech to text (Transcriber), with the
// deadlines, concurrency bound, retries and circuit breaker that go-openai leaves to its users.
//
// It is the only package that imports go-openai, and no go-openai type crosses its API: messages are Message
// values, and failures are errors callers branch on with errors.Is and errors.As (ErrUnavailable, ErrPermanent,
// *StatusError), so the library can be replaced here alone. Every error it returns is scrubbed of the API key.
package llm

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"ccabot/config"
)

// Options configure a client of an OpenAI-compatible API (OpenAI, Ollama /v1, vLLM, llama.cpp server). A zero
// field takes its default: for an operator's setting, config's default (written there only); for the rest, the
// default documented here.
type Options struct {
	BaseURL string // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
	APIKey  string // may be empty (Ollama)
	Model   string // the chat, embedding or speech model
	// Timeout bounds each call, retries included; default config.DefaultLLMTimeout.
	Timeout time.Duration
	// MaxConcurrency is the most chat or transcription calls in flight; default config.DefaultLLMMaxConcurrency.
	MaxConcurrency int
	Cooldown       time.Duration // how long a failing chat model is left alone; default 30 s (see breaker.go)
	RetryBackoff   time.Duration // the wait before the first retry of a 5xx or network error, doubled next; default 600 ms
	Logger         *slog.Logger  // default: discard
}

// newClient is the go-openai client for o, with the Retry-After capture, and o with its defaults filled in. Its
// HTTP client has no timeout of its own: every call has a deadline (Timeout).
func newClient(o Options) (*openai.Client, Options) {
	cfg := openai.DefaultConfig(o.APIKey)
	cfg.BaseURL = strings.TrimRight(o.BaseURL, "/")
	cfg.HTTPClient = retryAfterDoer{&http.Client{}}
	if o.Timeout <= 0 {
		o.Timeout = config.DefaultLLMTimeout
	}
	if o.MaxConcurrency <= 0 {
		o.MaxConcurrency = config.DefaultLLMMaxConcurrency
	}
	if o.Cooldown <= 0 {
		o.Cooldown = defaultCooldown
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = 600 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return openai.NewClientWithConfig(cfg), o
}
