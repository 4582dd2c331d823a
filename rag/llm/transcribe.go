package llm

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Transcriber turns a voice question into text through an OpenAI-compatible /v1/audio/transcriptions endpoint
// (OpenAI's whisper-1 or gpt-4o-transcribe, a faster-whisper or whisper.cpp server, Groq), with the deadline
// (Timeout for the whole call, retries included), concurrency bound and retry policy of chat calls.
// Safe for concurrent use.
type Transcriber struct {
	apiKey  string
	client  *openai.Client
	backoff time.Duration // Options.RetryBackoff
	model   string
	timeout time.Duration
	sem     chan struct{}
}

// NewTranscriber returns a Transcriber for o (o.Model is the speech model, e.g. whisper-1); it does not
// contact the server.
func NewTranscriber(o Options) *Transcriber {
	client, o := newClient(o)
	return &Transcriber{apiKey: o.APIKey, client: client, model: o.Model, timeout: o.Timeout, backoff: o.RetryBackoff,
		sem: make(chan struct{}, o.MaxConcurrency)}
}

// Transcribe returns what is said in audio, a recording named filename (its extension tells the server the
// format: voice.ogg for Telegram voice notes). lang ("ar", "en") is a hint; "" lets the model detect the
// language. Errors are scrubbed of the API key; errors.Is(err, ErrPermanent) tells an endpoint that does not
// transcribe.
func (t *Transcriber) Transcribe(ctx context.Context, audio []byte, filename, lang string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	select {
	case t.sem <- struct{}{}:
		defer func() { <-t.sem }()
	case <-ctx.Done():
		return "", fmt.Errorf("wait for a transcription slot: %w", ctx.Err())
	}
	var text string
	err := withRetries(ctx, t.backoff, func(ctx context.Context) error {
		resp, err := t.client.CreateTranscription(ctx, openai.AudioRequest{Model: t.model, FilePath: filename,
			Reader: bytes.NewReader(audio), Language: lang})
		text = resp.Text
		return err
	})
	if err != nil {
		if s := statusOf(err); s == http.StatusNotFound || s == http.StatusMethodNotAllowed {
			err = fmt.Errorf("the endpoint does not transcribe with model %q: %w", t.model, err)
		}
		return "", apiError(err, t.apiKey)
	}
	return strings.TrimSpace(text), nil
}
