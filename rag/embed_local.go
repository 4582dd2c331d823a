package rag

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// localEmbedder is the offline embedder: hashed character 3- to 5-grams of each normalised word (padded with
// word boundaries), weighted by sublinear term frequency, signed-hashed into Dim buckets and scaled to unit length.
// Character n-grams match across Arabic clitics, inflections and typos where whole words do not, and need no
// model or network.
//
// Passage vectors depend on the passage alone (no corpus statistics), so a stored vector stays valid when other
// documents are added; corpus rarity enters on the query side only (see queryVector).
type localEmbedder struct {
	Dim int
}

// defaultLocalDim is the vector size of the offline embedder: 4 KiB a passage. On the QA sets 1,024 dimensions
// retrieve as well as 2,048 and 4,096, at half the memory and scan time.
const defaultLocalDim = 1024

// ID names the embedding space; stored vectors are reused only under the same ID.
func (e localEmbedder) ID() string { return fmt.Sprintf("local-char3to5-v1-d%d", e.Dim) }

// Embed returns the unit vector of text. It never returns a zero vector (chromem-go would score it NaN): a text
// without letters or digits maps to a fixed unit vector that matches nothing in particular.
func (e localEmbedder) Embed(_ context.Context, text string) ([]float32, error) {
	return e.embedInto(make([]float32, e.Dim), text), nil
}

// embedInto writes the unit vector of text into v (zeroed, of length Dim) and returns v.
func (e localEmbedder) embedInto(v []float32, text string) []float32 {
	forEachGram(nlp.Normalize(text), func(h uint64, count int) {
		b := bucketOf(h, e.Dim)
		v[b.index] += b.sign * float32(1+math.Log(float64(count)))
	})
	return unitOrDefault(v)
}

// bucket is one hashed n-gram position with its sign.
type bucket struct {
	index int
	sign  float32
}

// forEachGram calls fn once per distinct character 3-, 4- and 5-gram of each word (padded with boundary marks),
// with its FNV-1a hash and count. Hashes are computed in place and counted by sorting: no map, few allocations.
func forEachGram(normalized string, fn func(hash uint64, count int)) {
	hashes := make([]uint64, 0, 3*len(normalized))
	var buf [5 * utf8.UTFMax]byte
	for _, w := range strings.Fields(normalized) {
		r := []rune("\x02" + w + "\x03")
		for n := 3; n <= 5; n++ {
			for i := 0; i+n <= len(r); i++ {
				b := buf[:0]
				for _, c := range r[i : i+n] {
					b = utf8.AppendRune(b, c)
				}
				hashes = append(hashes, fnv1a(b))
			}
		}
	}
	slices.Sort(hashes)
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		fn(hashes[i], j-i)
		i = j
	}
}

// fnv1a is the 64-bit FNV-1a hash of b (as hash/fnv computes it, without its allocation).
func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func bucketOf(sum uint64, dim int) bucket {
	b := bucket{index: int(sum % uint64(dim)), sign: 1}
	if sum>>63 == 1 {
		b.sign = -1
	}
	return b
}

// queryVector embeds a question with each n-gram's weight multiplied by its squared inverse document frequency
// over the passages (df counts passages with a non-zero bucket). Against unit passage vectors this ranks like
// TF-IDF cosine, without baking corpus statistics into stored vectors.
func (e localEmbedder) queryVector(text string, idf []float32) []float32 {
	v := make([]float32, e.Dim)
	forEachGram(nlp.Normalize(text), func(h uint64, count int) {
		b := bucketOf(h, e.Dim)
		w := float32(1 + math.Log(float64(count)))
		if idf != nil {
			w *= idf[b.index] * idf[b.index]
		}
		v[b.index] += b.sign * w
	})
	return unitOrDefault(v)
}

// bucketIDF computes the inverse document frequency of each bucket over the given unit vectors.
func bucketIDF(vectors [][]float32, dim int) []float32 {
	df := make([]int, dim)
	for _, v := range vectors {
		for i, x := range v {
			if x != 0 {
				df[i]++
			}
		}
	}
	idf := make([]float32, dim)
	n := float64(len(vectors))
	for i, d := range df {
		idf[i] = float32(math.Log((n+1)/(float64(d)+1)) + 1)
	}
	return idf
}

func unitOrDefault(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		v[0] = 1
		return v
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
	return v
}
