package rag

import (
	"context"

	"ccabot/rag/llm"
)

// RemoteEmbedder is the Embedder of a model behind an OpenAI-compatible /embeddings endpoint (see llm.Embedder
// for batches, deadlines and retries). It names the embedding space after the model and scales vectors to unit
// length before they reach chromem-go. Safe for concurrent use.
type RemoteEmbedder struct{ api *llm.Embedder }

// NewRemoteEmbedder returns an Embedder that embeds through api.
func NewRemoteEmbedder(api *llm.Embedder) *RemoteEmbedder { return &RemoteEmbedder{api: api} }

// ID names the embedding space: provider and model. A model change re-embeds everything.
func (e *RemoteEmbedder) ID() string { return "openai-" + e.api.Model() }

// Embed embeds one text.
func (e *RemoteEmbedder) Embed(ctx context.Context, text string) ([]float32, error) {
	v, err := e.EmbedBatch(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

// EmbedBatch embeds texts, in order.
func (e *RemoteEmbedder) EmbedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	vecs, err := e.api.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	for i, v := range vecs {
		vecs[i] = unitOrDefault(v)
	}
	return vecs, nil
}
