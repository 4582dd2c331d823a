package rag

import (
	"context"
	"fmt"
	"sort"

	chromem "github.com/philippgille/chromem-go"
)

// hit is one retrieved unit: a paragraph and its renderings, scored.
type hit struct {
	group int
	// score ranks hits: the fused retrieval score and the coverage, averaged, weighed by the kind held, with a
	// little for naming the unit's subject; the best are then ranked again by sentence coverage. About [0, 1].
	score float64
	// coverage is the share (IDF-weighted) of the question's terms and concepts found in the unit. A question
	// whose best hit covers too little is one the sources do not answer.
	coverage float64
}

// Hybrid weights: lexical and vector channels count equally; the rank mixes retrieval and coverage equally.
const (
	bm25Share     = 0.5
	coverageShare = 0.5
	// denseCandidates is how many nearest passages the vector channel contributes at least.
	denseCandidates = 50
)

// kindFit weighs unit g by the kind of answer q asks for: 1 when a sentence holds the better kind (a person for
// "who", a city for "where"), 0.9 when one holds an acceptable kind (a country), 0.8 when none does. Such a unit
// may still be the best there is, but not ahead of one that can answer.
func (ix *Index) kindFit(q *query, g int) float64 {
	if q.kind == anyAnswer {
		return 1
	}
	fit := 0.8
	for _, p := range ix.groups[g].members {
		for _, s := range ix.sents[p] {
			switch {
			case answers(ix.lex, q, s, true):
				return 1
			case answers(ix.lex, q, s, false):
				fit = 0.9
			}
		}
	}
	return fit
}

// search ranks the units for q, best first, and returns at most k (all when k <= 0). A vector-store failure is
// returned; BM25 alone never fails.
func (ix *Index) search(ctx context.Context, q *query, k int) ([]hit, error) {
	n := len(ix.passages)
	if n == 0 || !q.hasContent() {
		return nil, nil
	}
	lex := make([]float64, n)
	ix.bm.score(q.weights, lex)
	dense := make([]float64, n)
	var res []chromem.Result
	vec, err := ix.queryVector(ctx, q.dense)
	if err == nil {
		res, err = ix.store.query(ctx, vec, max(denseCandidates, 4*k))
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The embedding endpoint failed: this question is answered from the lexical channel alone.
		ix.log.Warn("vector search failed; using BM25 alone for this question", "err", err)
	}
	for _, r := range res {
		if i, ok := ix.byID[r.ID]; ok && r.Similarity > 0 {
			dense[i] = float64(r.Similarity)
		}
	}
	maxLex, maxDense := maxOf(lex), maxOf(dense)
	best := make([]float64, len(ix.groups))
	for i := range n {
		var s float64
		if maxLex > 0 {
			s += bm25Share * lex[i] / maxLex
		}
		if maxDense > 0 {
			s += (1 - bm25Share) * dense[i] / maxDense
		}
		g := ix.groupOf[i]
		best[g] = max(best[g], s)
	}
	hits := make([]hit, 0, len(ix.groups))
	for g := range ix.groups {
		if best[g] == 0 {
			continue
		}
		cov := q.coverage(ix.groups[g].free)
		score := (1-coverageShare)*best[g] + coverageShare*cov
		score *= ix.kindFit(q, g)
		score += subjectShare * ix.aboutSubject(q, g)
		hits = append(hits, hit{group: g, coverage: cov, score: score})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	// The best few are ranked again with how much of the question one sentence of theirs covers: a paragraph
	// saying it in one place beats one that has the words scattered over a long text.
	top := hits[:min(len(hits), rerankDepth)]
	for i := range top {
		top[i].score = (1-sentenceShare)*top[i].score + sentenceShare*ix.sentenceCoverage(q, top[i].group)
	}
	sort.SliceStable(top, func(a, b int) bool { return top[a].score > top[b].score })
	if k > 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits, nil
}

// rerankDepth is how many of the best units are ranked again by sentence coverage; sentenceShare is its weight.
const (
	rerankDepth   = 30
	sentenceShare = 1.0 / 3
)

// sentenceCoverage is the largest share of q that one sentence of unit g covers.
func (ix *Index) sentenceCoverage(q *query, g int) float64 {
	best := 0.0
	for _, p := range ix.groups[g].members {
		for _, s := range ix.sents[p] {
			best = max(best, q.coverage(s.free))
		}
	}
	return best
}

// kindHits ranks every unit for a question that names nothing but the kind of answer it wants ("when?", "what
// was the exact date of it?"): it asks about what the sources are about, so the units holding that kind come
// first, in corpus order (the built-in article's lead first).
func (ix *Index) kindHits(q *query) []hit {
	hits := make([]hit, 0, len(ix.groups))
	for g := range ix.groups {
		fit := ix.kindFit(q, g)
		hits = append(hits, hit{group: g, coverage: 1, score: fit})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	return hits
}

func (ix *Index) queryVector(ctx context.Context, text string) ([]float32, error) {
	if ix.local != nil {
		return ix.local.queryVector(text, ix.idf), nil
	}
	v, err := ix.emb.Embed(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("embed question: %w", err)
	}
	return v, nil
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// subjectShare is what naming a unit's subject adds to its rank: "ما الدولة التي تحد سوريا من الشمال؟" is about
// the article on Syria more than about the one on Lebanon that says "تحدها سوريا من الشمال".
const subjectShare = 0.1

// aboutSubject is the share (IDF-weighted) of unit g's subject (see inheritTopic) that q names; 0 for a unit
// whose document defines none, as a news report does.
func (ix *Index) aboutSubject(q *query, g int) float64 {
	subject := ix.groups[g].subject
	if len(subject) == 0 {
		return 0
	}
	var got, total float64
	for _, t := range subject {
		w := ix.bm.idf(t)
		total += w
		if _, ok := q.cover[t]; ok {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}
