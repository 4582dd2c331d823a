package nlp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// synonymsGz holds WordNet 3.0's synsets as lines of Snowball stems (see data/gen-synonyms.go and
// data/WORDNET-LICENSE.txt).
//
//go:embed data/synonyms.txt.gz
var synonymsGz []byte

// synsets is read once, when the first index is built.
var synsets = sync.OnceValue(func() [][]string {
	zr, err := gzip.NewReader(bytes.NewReader(synonymsGz))
	if err != nil {
		panic("embedded synonyms: " + err.Error())
	}
	var out [][]string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		out = append(out, strings.Fields(sc.Text()))
	}
	if sc.Err() != nil {
		panic("embedded synonyms: " + sc.Err().Error())
	}
	return out
})

// EnglishSynonyms maps the stem of an English word a vocabulary lacks to a synonym's stem it holds ("state" →
// "countri", "nation" → "countri", "inaugur" → "launch"), from WordNet: an English paraphrase then finds the words
// of the sources. known reports the vocabulary's stems and df how often each occurs: among several synonyms the
// most frequent wins. A stem keep rejects is never mapped (for the bot: a topic word, as "president" must stay a
// thing the sources lack).
// senseCounts is how many synsets each stem belongs to, counted once.
var senseCounts = sync.OnceValue(func() map[string]int {
	n := map[string]int{}
	for _, set := range synsets() {
		for _, s := range set {
			n[s]++
		}
	}
	return n
})

// maxSenses is the most synsets a word may belong to and still be read as a synonym. A word of many senses is
// mostly a common verb whose everyday sense is not the one a synonym stands for: "get" (24 synsets) would read
// as "develop", "hold" (32) as "support", "see" (18) as "ensure". "state" (11) and "nation" (7) still read as
// "country".
const maxSenses = 12

func EnglishSynonyms(known func(string) bool, df func(string) int, keep func(string) bool) map[string]string {
	out := map[string]string{}
	senses := senseCounts()
	for _, set := range synsets() {
		best := ""
		for _, s := range set {
			if known(s) && (best == "" || df(s) > df(best)) {
				best = s
			}
		}
		if best == "" {
			continue
		}
		for _, s := range set {
			if known(s) || keep(s) || senses[s] > maxSenses {
				continue
			}
			if cur, ok := out[s]; !ok || df(best) > df(cur) {
				out[s] = best
			}
		}
	}
	return out
}
