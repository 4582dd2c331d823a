//go:build ignore

// gen-synonyms writes synonyms.txt.gz: WordNet 3.0's synsets (nouns, verbs, adjectives) as lines of the Snowball
// English stems of their one-word members, for EnglishSynonyms (see ../synonyms.go). A synset with fewer
// than two distinct stems is left out. Needs Debian's wordnet-base (apt-get install wordnet-base); run with
// `go run gen-synonyms.go` in this folder. WordNet's licence is in WORDNET-LICENSE.txt beside this file.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"
)

var oneWord = regexp.MustCompile(`^[a-z]{3,}$`)

func main() {
	var lines []string
	seen := map[string]bool{}
	for _, pos := range []string{"noun", "verb", "adj"} {
		f, err := os.Open("/usr/share/wordnet/data." + pos)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "  ") {
				continue // licence header
			}
			fields := strings.Fields(line)
			n, err := strconv.ParseInt(fields[3], 16, 32)
			if err != nil {
				continue
			}
			var stems []string
			for i := 0; i < int(n); i++ {
				w := strings.ToLower(fields[4+2*i])
				if j := strings.IndexByte(w, '('); j > 0 {
					w = w[:j] // adjective markers: "big(a)"
				}
				if oneWord.MatchString(w) {
					stems = append(stems, english.Stem(w, false))
				}
			}
			slices.Sort(stems)
			stems = slices.Compact(stems)
			if len(stems) < 2 {
				continue
			}
			key := strings.Join(stems, " ")
			if !seen[key] {
				seen[key] = true
				lines = append(lines, key)
			}
		}
		f.Close()
	}
	slices.Sort(lines)
	out, err := os.Create("synonyms.txt.gz")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	for _, l := range lines {
		fmt.Fprintln(zw, l)
	}
	if err := zw.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out.Close()
	fmt.Println(len(lines), "synsets")
}
