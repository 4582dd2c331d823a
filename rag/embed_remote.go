package rag

import (
	"context"
	"fmt"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// RemoteEmbedder embeds through an OpenAI-compatible /embeddings endpoint (OpenAI text-embedding-3-small,
// Ollama or vLLM bge-m3, …), in batches, with deadlines and the same retry rules as Model. Vectors are scaled to
// unit length before they reach chromem-go. Safe for concurrent use.
type RemoteEmbedder struct {
	apiKey  string
	client  *openai.Client
	model   string
	timeout time.Duration
}

// embedBatch is how many texts go in one request.
const embedBatch = 64

// NewRemoteEmbedder returns an embedder for o.Model at o.BaseURL.
func NewRemoteEmbedder(o ModelOptions) *RemoteEmbedder {
	client, o := newClient(o)
	return &RemoteEmbedder{apiKey: o.APIKey, client: client, model: o.Model, timeout: o.Timeout}
}

// ID names the embedding space: provider and model. A model change re-embeds everything.
func (e *RemoteEmbedder) ID() string { return "openai-" + e.model }

// Embed embeds one text.
func (e *RemoteEmbedder) Embed(ctx context.Context, text string) ([]float32, error) {
	v, err := e.EmbedBatch(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

// EmbedBatch embeds texts, embedBatch at a time, in order.
func (e *RemoteEmbedder) EmbedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += embedBatch {
		batch := texts[start:min(start+embedBatch, len(texts))]
		vecs, err := e.request(ctx, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (e *RemoteEmbedder) request(ctx context.Context, batch []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		var ra time.Duration
		resp, err := e.client.CreateEmbeddings(context.WithValue(ctx, retryAfterKey{}, &ra),
			openai.EmbeddingRequestStrings{Input: batch, Model: openai.EmbeddingModel(e.model)})
		if err == nil {
			if len(resp.Data) != len(batch) {
				return nil, fmt.Errorf("embeddings: %d vectors for %d texts", len(resp.Data), len(batch))
			}
			vecs := make([][]float32, len(batch))
			for _, d := range resp.Data {
				if d.Index < 0 || d.Index >= len(batch) || len(d.Embedding) == 0 {
					return nil, fmt.Errorf("embeddings: bad item index %d", d.Index)
				}
				vecs[d.Index] = unitOrDefault(d.Embedding)
			}
			return vecs, nil
		}
		status := statusOf(err)
		retryable := status == http.StatusTooManyRequests || status >= 500 || status == 0
		if !retryable || attempt >= 2 || ctx.Err() != nil {
			return nil, scrub(configError(err, e.model, e.apiKey != ""), e.apiKey)
		}
		wait := jitter(500 * time.Millisecond << attempt)
		if status == http.StatusTooManyRequests {
			wait = min(max(ra, time.Second), maxRetryAfterWait)
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, err
		}
	}
}
