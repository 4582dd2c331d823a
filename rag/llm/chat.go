package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sony/gobreaker/v2"
)

// Model calls a chat model with the retries and deadlines go-openai leaves to its users: a deadline on every
// call (LLM_TIMEOUT for the whole answer, retries included), at most MaxConcurrency calls in flight, the retry
// policy of withRetries, a stream that ends without a finish reason treated as cut off, and a circuit breaker
// (see newBreaker) so a hung or failing model costs each question nothing once it has failed a few times.
// Safe for concurrent use.
type Model struct {
	apiKey  string
	client  *openai.Client
	backoff time.Duration // Options.RetryBackoff
	name    string
	timeout time.Duration
	sem     chan struct{}
	log     *slog.Logger
	breaker *gobreaker.CircuitBreaker[Completion]
	// faults counts calls that failed with a model fault: a caller that saw it change while waiting for a slot
	// does not add one more call to a struggling model.
	faults  atomic.Uint64
	suspect atomic.Bool // the last call that ended failed with a model fault
}

// NewModel returns a Model; it does not contact the server (see Check).
func NewModel(o Options) *Model {
	client, o := newClient(o)
	return &Model{apiKey: o.APIKey, client: client, name: o.Model, timeout: o.Timeout, backoff: o.RetryBackoff,
		sem: make(chan struct{}, o.MaxConcurrency), log: o.Logger, breaker: newBreaker(o.Cooldown, o.Logger)}
}

// Name is the chat model's name.
func (m *Model) Name() string { return m.name }

// Message is one chat message: its author's Role and its Content.
type Message struct{ Role, Content string }

// The roles of chat messages, as the API spells them.
const (
	RoleSystem    = "system"    // the rules and the sources
	RoleUser      = "user"      // the asker
	RoleAssistant = "assistant" // the model's earlier answers
)

// Completion is a model's reply and what it cost, in tokens (0 when the server does not say).
type Completion struct {
	Text                           string
	PromptTokens, CompletionTokens int
}

// errTruncated is a stream that ended before the model said it was done.
var errTruncated = errors.New("model stream cut off before its end")

// Complete asks the model, with at most maxTokens in its answer. With onText set it streams, calling onText
// with the whole text so far as it arrives (a cut stream is then an error, never retried: part of it may have
// been shown). A call not made because the model is failing is ErrUnavailable; errors are scrubbed of the key.
func (m *Model) Complete(ctx context.Context, msgs []Message, maxTokens int, onText func(string)) (Completion, error) {
	c, err := m.call(ctx, msgs, maxTokens, onText)
	return c, apiError(err, m.apiKey)
}

func (m *Model) call(ctx context.Context, msgs []Message, maxTokens int, onText func(string)) (Completion, error) {
	if m.breaker.State() == gobreaker.StateOpen {
		return Completion{}, ErrUnavailable
	}
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	faults := m.faults.Load()
	select {
	case m.sem <- struct{}{}:
		defer func() { <-m.sem }()
	case <-ctx.Done():
		return Completion{}, fmt.Errorf("wait for a model slot: %w", ctx.Err())
	}
	// Until the circuit opens, a failing model would still take a new call for every slot a failure frees.
	// So a call that waited while calls failed is not made, and after a failure (until a success) a call is
	// made only when no other is in flight.
	switch {
	case m.faults.Load() != faults:
		return Completion{}, fmt.Errorf("%w: calls failed while this one waited", ErrUnavailable)
	case m.suspect.Load() && len(m.sem) > 1:
		return Completion{}, fmt.Errorf("%w: the last call failed; one call at a time until one succeeds", ErrUnavailable)
	}
	c, err := m.breaker.Execute(func() (Completion, error) { return m.attempts(ctx, msgs, maxTokens, onText) })
	switch {
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		err = fmt.Errorf("%w (%v)", ErrUnavailable, err)
	case modelFault(err):
		m.faults.Add(1)
		m.suspect.Store(true)
	case err == nil:
		m.suspect.Store(false)
	}
	return c, err
}

// attempts makes the call, with the retry policy of withRetries, within ctx.
func (m *Model) attempts(ctx context.Context, msgs []Message, maxTokens int, onText func(string)) (Completion, error) {
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
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: msg.Role, Content: msg.Content})
	}
	var c Completion
	err := withRetries(ctx, m.backoff, func(ctx context.Context) error {
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

func (m *Model) once(ctx context.Context, req openai.ChatCompletionRequest) (Completion, error) {
	resp, err := m.client.CreateChatCompletion(ctx, req)
	if err != nil {
		return Completion{}, err
	}
	if len(resp.Choices) == 0 {
		return Completion{}, errors.New("model reply has no choices")
	}
	return Completion{Text: resp.Choices[0].Message.Content, PromptTokens: resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens}, nil
}

func (m *Model) stream(ctx context.Context, req openai.ChatCompletionRequest, onText func(string)) (Completion, error) {
	req.Stream = true
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	st, err := m.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return Completion{}, err
	}
	defer st.Close()
	var c Completion
	var text strings.Builder
	finished := false
	for {
		chunk, err := st.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Completion{}, err
		}
		if chunk.Usage != nil {
			c.PromptTokens, c.CompletionTokens = chunk.Usage.PromptTokens, chunk.Usage.CompletionTokens
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
		return Completion{}, errTruncated
	}
	c.Text = text.String()
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
