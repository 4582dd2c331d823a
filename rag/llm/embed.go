package llm

import (
	"context"
	"fmt"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Embedder embeds texts through an OpenAI-compatible /embeddings endpoint (OpenAI text-embedding-3-small,
// Ollama or vLLM bge-m3, …), in batches, with a deadline on each request and the retry policy of chat calls
// (withRetries). Vectors are returned as the server sends them, not normalised. Safe for concurrent use.
type Embedder struct {
	apiKey  string
	client  *openai.Client
	backoff time.Duration // Options.RetryBackoff
	model   string
	timeout time.Duration
}

// embedBatch is how many texts go in one request.
const embedBatch = 64

// NewEmbedder returns an Embedder for o.Model at o.BaseURL; it does not contact the server.
func NewEmbedder(o Options) *Embedder {
	client, o := newClient(o)
	return &Embedder{apiKey: o.APIKey, client: client, model: o.Model, timeout: o.Timeout, backoff: o.RetryBackoff}
}

// Model is the embedding model's name.
func (e *Embedder) Model() string { return e.model }

// Embed embeds texts, embedBatch to a request (each within Timeout), and returns their vectors in order.
// Errors are typed (see errors.go) and scrubbed of the API key.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
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

func (e *Embedder) request(ctx context.Context, batch []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	var resp openai.EmbeddingResponse
	err := withRetries(ctx, e.backoff, func(ctx context.Context) error {
		var err error
		resp, err = e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{Input: batch,
			Model: openai.EmbeddingModel(e.model)})
		return err
	})
	if err != nil {
		return nil, apiError(err, e.apiKey)
	}
	if len(resp.Data) != len(batch) {
		return nil, fmt.Errorf("embeddings: %d vectors for %d texts", len(resp.Data), len(batch))
	}
	vecs := make([][]float32, len(batch))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(batch) || len(d.Embedding) == 0 {
			return nil, fmt.Errorf("embeddings: bad item index %d", d.Index)
		}
		vecs[d.Index] = d.Embedding
	}
	return vecs, nil
}
