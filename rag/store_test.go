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
	"ccabot/knowledge/knowledgetest"
	"ccabot/knowledge/nlp"
)

// countingEmbedder counts Embed calls of the offline embedder.
type countingEmbedder struct {
	localEmbedder
	calls atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, text string) ([]float32, error) {
	c.calls.Add(1)
	return c.localEmbedder.Embed(ctx, text)
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
	extra := knowledge.Document{ID: "notes", Lang: nlp.English, Title: "Notes",
		Text: "The first paragraph.\n\nThe second paragraph."}
	emb := &countingEmbedder{localEmbedder: localEmbedder{Dim: 64}}

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
	other := &countingEmbedder{localEmbedder: localEmbedder{Dim: 32}}
	if _, stats = build(t, dir, other, docs); stats.Reused != 0 || stats.Embedded != 22 {
		t.Fatalf("new embedder: %+v, want everything embedded", stats)
	}
}

func TestIndexSurvivesACorruptOrUnwritableDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	emb := localEmbedder{Dim: 64}
	path := indexPath(dir, emb)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not a vector file"), 0o644); err != nil {
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
	if a, _ := NewService(ix, Options{}).Ask(t.Context(), Request{Question: "who is wang yi"}); a.Refused {
		t.Errorf("index over an unwritable dir does not answer: %q", a.Text)
	}
}

func TestEmptyCorpus(t *testing.T) {
	t.Parallel()
	ix, _, err := NewIndex(t.Context(), knowledge.Corpus{}, IndexOptions{})
	if err != nil {
		t.Fatalf("NewIndex(empty): %v", err)
	}
	a, err := NewService(ix, Options{}).Ask(t.Context(), Request{Question: "who is wang yi"})
	if err != nil || !a.Refused {
		t.Errorf("Answer over nothing = %+v, %v; want a refusal", a, err)
	}
}

func TestIndexSurvivesATornVectorFile(t *testing.T) {
	t.Parallel()
	emb := localEmbedder{Dim: 64}
	for name, damage := range map[string]func([]byte) []byte{
		"torn": func(b []byte) []byte { return b[:len(b)/2] },
		"huge count": func(b []byte) []byte {
			return append([]byte(vectorFileMagic+"\x40\xff\xff\xff\xff\x0f"), b[len(vectorFileMagic)+2:]...)
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if _, stats := build(t, dir, emb, knowledge.Builtin()); !stats.Persisted {
				t.Fatalf("first build not saved: %+v", stats)
			}
			path := indexPath(dir, emb)
			saved, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, damage(saved), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, stats := build(t, dir, emb, knowledge.Builtin()); stats.Unreadable == "" || stats.Embedded != 22 ||
				!stats.Persisted {
				t.Errorf("%s file: %+v; want it reported unreadable, everything embedded again and saved", name, stats)
			}
			if _, stats := build(t, dir, emb, knowledge.Builtin()); stats.Reused != 22 {
				t.Errorf("after the rebuild: %+v, want every vector reused", stats)
			}
		})
	}
}

// TestIndexDoesNotDependOnTiming builds the same operator corpus twice (its passages are analysed in parallel, in
// whatever order the scheduler gives) and wants the same answers; under -race it also checks the analysis shares
// nothing it should not.
func TestIndexDoesNotDependOnTiming(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := knowledgetest.WriteProse(dir, 192<<10, 64<<10, nil); err != nil {
		t.Fatal(err)
	}
	docs, skipped, err := knowledge.LoadDir(dir, 0)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("LoadDir = %v, %v", skipped, err)
	}
	c, _ := knowledge.NewCorpus(append(knowledge.Builtin(), docs...), 0)
	var answers [2][]string
	for run := range answers {
		ix, _, err := NewIndex(t.Context(), c, IndexOptions{})
		if err != nil {
			t.Fatal(err)
		}
		svc := NewService(ix, Options{})
		for _, q := range benchQuestions {
			a, err := svc.Ask(t.Context(), Request{Question: q})
			if err != nil {
				t.Fatal(err)
			}
			answers[run] = append(answers[run], a.Text)
		}
	}
	for i, q := range benchQuestions {
		if answers[0][i] != answers[1][i] {
			t.Errorf("Ask(%q) = %q, then %q", q, answers[0][i], answers[1][i])
		}
	}
	if !strings.Contains(answers[0][0], "Wu Yingchen") {
		t.Errorf("Ask(%q) = %q, want Wu Yingchen", benchQuestions[0], answers[0][0])
	}
}
