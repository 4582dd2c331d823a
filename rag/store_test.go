package rag

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"ccabot/knowledge"
)

// countingEmbedder counts Embed calls of the offline embedder.
type countingEmbedder struct {
	LocalEmbedder
	calls atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, text string) ([]float32, error) {
	c.calls.Add(1)
	return c.LocalEmbedder.Embed(ctx, text)
}

func build(t *testing.T, dir string, emb Embedder, docs []knowledge.Document) (*Index, IndexStats) {
	t.Helper()
	c, _ := knowledge.NewCorpus(docs, 0)
	ix, stats, err := NewIndex(t.Context(), c, IndexOptions{Dir: dir, Embedder: emb})
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	return ix, stats
}

func TestIndexPersistsAndReembedsOnlyChanges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	docs := knowledge.Builtin()
	extra := knowledge.Document{ID: "notes", Lang: knowledge.English, Title: "Notes",
		Text: "The first paragraph.\n\nThe second paragraph."}
	emb := &countingEmbedder{LocalEmbedder: LocalEmbedder{Dim: 64}}

	_, stats := build(t, dir, emb, append(docs, extra))
	if stats.Embedded != 24 || stats.Reused != 0 || !stats.Persisted || emb.calls.Load() != 24 {
		t.Fatalf("first build: %+v with %d embed calls, want 24 embedded and saved", stats, emb.calls.Load())
	}

	emb.calls.Store(0)
	_, stats = build(t, dir, emb, append(docs, extra))
	if stats.Embedded != 0 || stats.Reused != 24 || stats.Persisted || emb.calls.Load() != 0 {
		t.Fatalf("restart: %+v with %d embed calls, want everything reused", stats, emb.calls.Load())
	}

	emb.calls.Store(0)
	extra.Text = "The first paragraph.\n\nA changed second paragraph.\n\nA new third one."
	_, stats = build(t, dir, emb, append(docs, extra))
	if stats.Embedded != 2 || stats.Reused != 23 || emb.calls.Load() != 2 {
		t.Fatalf("after a change: %+v with %d embed calls, want 2 embedded, 23 reused", stats, emb.calls.Load())
	}

	emb.calls.Store(0)
	_, stats = build(t, dir, emb, docs)
	if stats.Embedded != 0 || stats.Dropped != 3 || !stats.Persisted {
		t.Fatalf("after removing a document: %+v, want 3 dropped and the file rewritten", stats)
	}

	// Another embedding space never reuses these vectors.
	other := &countingEmbedder{LocalEmbedder: LocalEmbedder{Dim: 32}}
	if _, stats = build(t, dir, other, docs); stats.Reused != 0 || stats.Embedded != 22 {
		t.Fatalf("new embedder: %+v, want everything embedded", stats)
	}
}

func TestIndexSurvivesACorruptOrUnwritableDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	emb := LocalEmbedder{Dim: 64}
	path := indexPath(dir, emb)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not a chromem export"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	c0, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	_, stats, err := NewIndex(t.Context(), c0, IndexOptions{Dir: dir, Embedder: emb,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil || stats.Embedded != 22 || !stats.Persisted || stats.Unreadable == "" {
		t.Fatalf("corrupt file: %+v, %v; want a full rebuild that is saved, and why", stats, err)
	}
	if l := logs.String(); !strings.Contains(l, "level=WARN") || !strings.Contains(l, "passages=22") ||
		!strings.Contains(l, "reason=") {
		t.Errorf("log = %q, want one warning with the count and the reason", l)
	}

	// A DATA_DIR that is a file cannot hold the index: the index still works, and the error says so.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	ix, _, err := NewIndex(context.Background(), c, IndexOptions{Dir: file, Embedder: emb})
	if ix == nil || err == nil {
		t.Fatalf("NewIndex(unwritable dir) = %v, %v; want a working index and an error", ix, err)
	}
	if a, _ := NewService(ix, Options{}).Answer(t.Context(), "who is wang yi", nil); a.Refused {
		t.Errorf("index over an unwritable dir does not answer: %q", a.Text)
	}
}

func TestEmptyCorpus(t *testing.T) {
	t.Parallel()
	ix, _, err := NewIndex(t.Context(), knowledge.Corpus{}, IndexOptions{})
	if err != nil {
		t.Fatalf("NewIndex(empty): %v", err)
	}
	a, err := NewService(ix, Options{}).Answer(t.Context(), "who is wang yi", nil)
	if err != nil || !a.Refused {
		t.Errorf("Answer over nothing = %+v, %v; want a refusal", a, err)
	}
}
