package rag

import "math"

// BM25 parameters: the usual defaults, which the retrieval notes measured as best on this article too.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 is an in-memory BM25 index over analysed passages. It is built once and then only read, so it is safe for
// concurrent queries.
type bm25 struct {
	postings map[string][]posting
	docLen   []float64
	avgLen   float64
	n        int
}

type posting struct {
	doc int
	tf  float64
}

func newBM25(docs [][]string) *bm25 {
	ix := &bm25{postings: map[string][]posting{}, docLen: make([]float64, len(docs)), n: len(docs)}
	var total float64
	for d, terms := range docs {
		tf := map[string]float64{}
		for _, t := range terms {
			tf[t]++
		}
		for t, f := range tf {
			ix.postings[t] = append(ix.postings[t], posting{doc: d, tf: f})
		}
		ix.docLen[d] = float64(len(terms))
		total += float64(len(terms))
	}
	if ix.n > 0 {
		ix.avgLen = math.Max(total/float64(ix.n), 1)
	}
	return ix
}

// idf is BM25's smoothed inverse document frequency; a term no passage holds gets the largest value, ln(2N+2).
func (ix *bm25) idf(term string) float64 {
	df := float64(len(ix.postings[term]))
	return math.Log(1 + (float64(ix.n)-df+0.5)/(df+0.5))
}

// score adds each passage's BM25 score for the weighted query terms into scores (len = number of passages).
func (ix *bm25) score(query map[string]float64, scores []float64) {
	for term, w := range query {
		idf := ix.idf(term)
		for _, p := range ix.postings[term] {
			norm := bm25K1 * (1 - bm25B + bm25B*ix.docLen[p.doc]/ix.avgLen)
			scores[p.doc] += w * idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
		}
	}
	for i := range scores {
		scores[i] = roundScore(scores[i])
	}
}

// roundScore drops the last bits of a sum over a map, whose order Go varies from run to run: equal scores stay
// equal, so ties (and with them answers) are the same on every run.
func roundScore(x float64) float64 { return math.Round(x*1e9) / 1e9 }
