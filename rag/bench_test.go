package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"ccabot/knowledge"
	"ccabot/knowledge/knowledgetest"
	"ccabot/knowledge/nlp"
)

var benchQuestions = []string{
	"who is the executive director of the secretariat?", "مين وزير خارجية قيرغيزستان؟",
	"when was the secretariat launched", "ما هي المسؤولية الأساسية للأمانة؟", "who is the president of kazakhstan",
	"وين انطلقت الامانة", "what did wang yi say", "and the tajik one?",
}

// BenchmarkAnswer is the bot's own time per question on the article: analysis, retrieval, coverage, extraction.
func BenchmarkAnswer(b *testing.B) {
	svc := articleService()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := svc.Ask(ctx, Request{Question: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAnswerPercentiles reports the answer path's p50 and p99 (the bot's own time per question) on the
// article alone and with 1,000 operator passages beside it.
func BenchmarkAnswerPercentiles(b *testing.B) {
	for _, extra := range []int{0, 1_000} {
		b.Run(fmt.Sprintf("article+%d", extra), func(b *testing.B) {
			svc := articleService()
			if extra > 0 {
				c, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
				c.Passages = append(c.Passages, syntheticCorpus(extra).Passages...)
				ix, _, err := NewIndex(context.Background(), c, IndexOptions{})
				if err != nil {
					b.Fatal(err)
				}
				svc = NewService(ix, Options{})
			}
			ctx := context.Background()
			var d []time.Duration
			i := 0
			for b.Loop() {
				start := time.Now()
				if _, err := svc.Ask(ctx, Request{Question: benchQuestions[i%len(benchQuestions)]}); err != nil {
					b.Fatal(err)
				}
				d = append(d, time.Since(start))
				i++
			}
			slices.Sort(d)
			b.ReportMetric(float64(d[len(d)/2].Microseconds()), "µs-p50")
			b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "µs-p99")
		})
	}
}

// syntheticCorpus makes n passages of article-like words in both languages.
func syntheticCorpus(n int) knowledge.Corpus {
	var words []string
	for _, d := range knowledge.Builtin() {
		words = append(words, strings.Fields(d.Text)...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	c := knowledge.Corpus{}
	for i := range n {
		var b strings.Builder
		for range 40 + r.IntN(40) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		id := fmt.Sprintf("syn#%d", i+1)
		c.Passages = append(c.Passages, knowledge.Passage{ID: id, DocID: "syn", Group: id, Para: i + 1,
			Lang: nlp.DetectLang(b.String()), Title: "synthetic", Text: b.String()})
	}
	return c
}

// BenchmarkSearch measures retrieval (BM25 + chromem-go vector query + coverage) over synthetic corpora, and
// reports the heap the index holds and the time a memory-bandwidth-bound scan of the same vectors would take
// (at 14 GB/s, the flat-scan rate measured on this machine class).
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := syntheticCorpus(n)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			ix, _, err := NewIndex(context.Background(), c, IndexOptions{})
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			q := ix.prepare("who is the executive director of the secretariat", nil)
			b.ResetTimer()
			for b.Loop() {
				if _, err := ix.search(context.Background(), q, 3); err != nil {
					b.Fatal(err)
				}
			}
			vecBytes := float64(n * defaultLocalDim * 4)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-heap")
			b.ReportMetric(vecBytes/14e9*1e3, "ms-bandwidth-bound")
			runtime.KeepAlive(ix)
		})
	}
}

// BenchmarkIndexBuild is building the article's index from nothing (cold) and from saved vectors (restart).
func BenchmarkIndexBuild(b *testing.B) {
	c, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := NewIndex(context.Background(), c, IndexOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("restart", func(b *testing.B) {
		dir := b.TempDir()
		if _, _, err := NewIndex(context.Background(), c, IndexOptions{Dir: dir}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			_, stats, err := NewIndex(context.Background(), c, IndexOptions{Dir: dir})
			if err != nil || stats.Embedded != 0 {
				b.Fatalf("restart embedded %d: %v", stats.Embedded, err)
			}
		}
	})
}

// BenchmarkIndexOperatorText is loading and indexing operator documents of the given size (generated news-like
// prose, knowledgetest.WriteProse) beside the article: the cost of a large KNOWLEDGE_DIR at start-up. It reports
// the bytes allocated and the heap held per passage.
func BenchmarkIndexOperatorText(b *testing.B) {
	for _, mib := range []int{1, 16} {
		b.Run(fmt.Sprintf("%dMiB", mib), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := knowledgetest.WriteProse(dir, mib<<20, 1<<20, nil); err != nil {
				b.Fatal(err)
			}
			var passages int
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var ix *Index
			for b.Loop() {
				docs, skipped, err := knowledge.LoadDir(dir, 0)
				if err != nil || len(skipped) > 0 {
					b.Fatalf("LoadDir = %v, %v", skipped, err)
				}
				c, _ := knowledge.NewCorpus(append(knowledge.Builtin(), docs...), 0)
				if ix, _, err = NewIndex(context.Background(), c, IndexOptions{}); err != nil {
					b.Fatal(err)
				}
				passages = len(c.Passages)
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N*passages), "B-alloc/passage")
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc)/float64(passages), "B-held/passage")
			b.ReportMetric(float64(passages), "passages")
			runtime.KeepAlive(ix)
		})
	}
}
