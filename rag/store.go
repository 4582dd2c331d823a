package rag

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"

	chromem "github.com/philippgille/chromem-go"

	"ccabot/knowledge"
)

// Embedder turns text into vectors. Implementations must be safe for concurrent use. One that also has
// EmbedBatch(ctx, texts) ([][]float32, error), as RemoteEmbedder does, embeds the corpus a batch at a time.
type Embedder interface {
	// ID names the embedding space (provider, model, dimensions); vectors are reused only under the same ID.
	ID() string
	Embed(ctx context.Context, text string) ([]float32, error)
}

// batchEmbedder is an Embedder that can embed many texts in one call; indexing uses it when available.
type batchEmbedder interface {
	Embedder
	EmbedBatch(ctx context.Context, texts []string) ([][]float32, error)
}

// IndexStats reports what building the index cost.
type IndexStats struct {
	Passages, Reused, Embedded, Dropped int
	Persisted                           bool
	// Unreadable is why a saved index could not be used ("" when there was none or it was read): every passage
	// was embedded again, which with remote embeddings is paid for.
	Unreadable string
}

// store is the chromem-go collection of passage vectors. Vectors persist under dir as one file per embedding
// space (see writeVectors), written atomically, and are reused on the next start when a passage's content hash is
// unchanged. chromem's own persistent mode is not used: it writes a file per document named by a 32-bit hash of
// the ID, which collides silently at scale, and it cannot list documents to prune removed passages.
type store struct {
	col     *chromem.Collection
	vectors [][]float32 // by passage index, as embedded; read only
}

const collectionName = "passages"

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func indexPath(dir string, emb Embedder) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "index", unsafeFileChars.ReplaceAllString(emb.ID(), "_")+".vectors")
}

// openStore builds the vector store for passages, reusing vectors saved under dir (when dir is not "") and
// embedding only new or changed passages. A missing, unreadable or stale file is not an error: everything is
// embedded again. A failure to save is returned with the (working) store, so the caller can warn and go on.
func openStore(ctx context.Context, dir string, emb Embedder, passages []knowledge.Passage) (*store, IndexStats, error) {
	stats := IndexStats{Passages: len(passages)}
	path := indexPath(dir, emb)
	var old map[string]savedVector
	var hashes []string
	if path != "" {
		var err error
		if old, err = readVectors(path); err != nil {
			stats.Unreadable = err.Error()
		}
		hashes = make([]string, len(passages))
	}

	docs := make([]chromem.Document, len(passages))
	var todo []int
	for i, p := range passages {
		docs[i] = chromem.Document{ID: p.ID, Content: p.Text}
		if path == "" {
			todo = append(todo, i)
			continue
		}
		hashes[i] = p.Hash()
		if prev, ok := old[p.ID]; ok && prev.hash == hashes[i] {
			docs[i].Embedding = prev.vec
			stats.Reused++
			continue
		}
		todo = append(todo, i)
	}
	if err := embedAll(ctx, emb, docs, todo); err != nil {
		return nil, stats, err
	}
	stats.Embedded = len(todo)
	stats.Dropped = len(old) - stats.Reused

	db := chromem.NewDB()
	col, err := db.CreateCollection(collectionName, map[string]string{"embedder": emb.ID()}, emb.Embed)
	if err != nil {
		return nil, stats, fmt.Errorf("create collection: %w", err)
	}
	// Every vector is at hand, so documents are added one by one: AddDocuments would start a goroutine per
	// passage (tens of megabytes of stacks for 16 MiB of operator text) to do nothing but wait on a semaphore.
	s := &store{col: col, vectors: make([][]float32, len(docs))}
	for i, d := range docs {
		if err := col.AddDocument(ctx, d); err != nil {
			return nil, stats, fmt.Errorf("add passage %s: %w", d.ID, err)
		}
		s.vectors[i] = d.Embedding // shared with the collection, read only
	}
	if path == "" || stats.Embedded == 0 && stats.Dropped == 0 {
		return s, stats, nil
	}
	ids := make([]string, len(passages))
	for i, p := range passages {
		ids[i] = p.ID
	}
	if err := writeVectors(path, ids, hashes, s.vectors); err != nil {
		return s, stats, fmt.Errorf("save index %s: %w", path, err)
	}
	stats.Persisted = true
	return s, stats, nil
}

func embedAll(ctx context.Context, emb Embedder, docs []chromem.Document, todo []int) error {
	if len(todo) == 0 {
		return nil
	}
	if b, ok := emb.(batchEmbedder); ok {
		texts := make([]string, len(todo))
		for k, i := range todo {
			texts[k] = docs[i].Content
		}
		vecs, err := b.EmbedBatch(ctx, texts)
		if err != nil {
			return fmt.Errorf("embed %d passages: %w", len(todo), err)
		}
		if len(vecs) != len(todo) {
			return fmt.Errorf("embed %d passages: got %d vectors", len(todo), len(vecs))
		}
		for k, i := range todo {
			docs[i].Embedding = vecs[k]
		}
		return nil
	}
	if l, ok := emb.(localEmbedder); ok {
		// The offline embedder is CPU-bound: every core, and one block for all vectors (a hundred megabytes for
		// 16 MiB of operator text, kept for good) rather than tens of thousands of objects among the garbage of
		// the build.
		block := make([]float32, len(todo)*l.Dim)
		parallel(len(todo), func(k int) {
			docs[todo[k]].Embedding = l.embedInto(block[k*l.Dim:(k+1)*l.Dim:(k+1)*l.Dim], docs[todo[k]].Content)
		})
		return nil
	}
	for _, i := range todo {
		v, err := emb.Embed(ctx, docs[i].Content)
		if err != nil {
			return fmt.Errorf("embed passage %s: %w", docs[i].ID, err)
		}
		docs[i].Embedding = v
	}
	return nil
}

// query returns up to n passage IDs with their cosine similarity to the unit vector q, best first.
func (s *store) query(ctx context.Context, q []float32, n int) ([]chromem.Result, error) {
	n = min(n, s.col.Count())
	if n <= 0 {
		return nil, nil
	}
	res, err := s.col.QueryEmbedding(ctx, q, n, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("query %d nearest passages: %w", n, err)
	}
	return res, nil
}
