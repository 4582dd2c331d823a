package rag

import (
	"math"
	"slices"
)

// BM25 parameters: the usual defaults, which the retrieval notes measured as best on this article too.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 is an in-memory BM25 index over analysed passages. It is built once and then only read, so it is safe for
// concurrent queries.
type bm25 struct {
	vocab    *vocab
	postings [][]posting // by term id; a term interned after the index was built has none
	docLen   []float64
	avgLen   float64
	n        int
}

// posting is a passage holding a term, and how often. Both fit 32 bits (a term count is a small whole number,
// exact in a float32): an index of 16 MiB of operator text holds two million postings.
type posting struct {
	doc int32
	tf  float32
}

// newBM25 indexes docs, each a passage's terms (ids in v) with repeats; it sorts each doc's terms in place. The
// posting lists are sized exactly (counted first) in an arena: grown one by one by append, they held a third more
// than they needed and lay scattered among the garbage of the build.
func newBM25(docs [][]termID, v *vocab) *bm25 {
	ix := &bm25{vocab: v, docLen: make([]float64, len(docs)), n: len(docs)}
	df := make([]int, v.size())
	for _, terms := range docs {
		slices.Sort(terms) // a run of one term is its count
		for i, t := range terms {
			if i == 0 || t != terms[i-1] {
				df[t]++
			}
		}
	}
	ix.postings = make([][]posting, len(df))
	var block arena[posting]
	for t, n := range df {
		ix.postings[t] = block.take(n) // filled by append within its own capacity
	}
	var total float64
	for d, terms := range docs {
		for i := 0; i < len(terms); {
			j := i + 1
			for j < len(terms) && terms[j] == terms[i] {
				j++
			}
			t := terms[i]
			ix.postings[t] = append(ix.postings[t], posting{doc: int32(d), tf: float32(j - i)})
			i = j
		}
		ix.docLen[d] = float64(len(terms))
		total += float64(len(terms))
	}
	if ix.n > 0 {
		ix.avgLen = math.Max(total/float64(ix.n), 1)
	}
	return ix
}

// postingsOf are the passages holding term.
func (ix *bm25) postingsOf(term string) []posting {
	if id := ix.vocab.id(term); int(id) < len(ix.postings) {
		return ix.postings[id]
	}
	return nil
}

// idf is BM25's smoothed inverse document frequency; a term no passage holds gets the largest value, ln(2N+2).
func (ix *bm25) idf(term string) float64 {
	df := float64(len(ix.postingsOf(term)))
	return math.Log(1 + (float64(ix.n)-df+0.5)/(df+0.5))
}

// score adds each passage's BM25 score for the weighted query terms into scores (len = number of passages).
func (ix *bm25) score(query map[string]float64, scores []float64) {
	for term, w := range query {
		idf := ix.idf(term)
		for _, p := range ix.postingsOf(term) {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*ix.docLen[p.doc]/ix.avgLen)
			scores[p.doc] += w * idf * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	for i := range scores {
		scores[i] = roundScore(scores[i])
	}
}

// roundScore drops the last bits of a sum over a map, whose order Go varies from run to run: equal scores stay
// equal, so ties (and with them answers) are the same on every run.
func roundScore(x float64) float64 { return math.Round(x*1e9) / 1e9 }
