package ragtest

import (
	"slices"
	"time"
)

// Option configures a [Server] created by [New].
type Option func(*Server)

// WithKey sets the accepted API key (sent as "Authorization: Bearer KEY").
// The empty key makes the server accept every request whatever its
// Authorization header, like Ollama.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithModels replaces the chat model list (default "gpt-4o-mini", "llama3.1").
func WithModels(models ...string) Option {
	return func(s *Server) { s.chatModels = slices.Clone(models) }
}

// WithEmbeddingModels replaces the embedding model list (default
// "text-embedding-3-small", "bge-m3").
func WithEmbeddingModels(models ...string) Option {
	return func(s *Server) { s.embedModels = slices.Clone(models) }
}

// WithResponder sets the function producing chat replies (default: always "OK").
func WithResponder(r Responder) Option { return func(s *Server) { s.responder = r } }

// WithEmbeddingDim sets the length of embedding vectors (default 64) used when
// a request does not ask for a "dimensions" value; n <= 0 keeps the default.
func WithEmbeddingDim(n int) Option { return func(s *Server) { s.embedDim = n } }

// WithChunkDelay makes a streaming reply wait d before each chunk event.
func WithChunkDelay(d time.Duration) Option { return func(s *Server) { s.chunkDelay = d } }

// WithChunkWords sets how many words each streamed content chunk carries
// (default 3).
func WithChunkWords(n int) Option { return func(s *Server) { s.chunkWords = n } }

// WithLatency makes the server wait d before handling every request; see
// also [Server.Latency].
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithoutTokenLimit makes the server ignore max_tokens, like some self-hosted servers: replies are never cut.
func WithoutTokenLimit() Option { return func(s *Server) { s.noTokenLimit = true } }
