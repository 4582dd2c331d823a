package rag

import "strings"

// sentence is one sentence of a passage, analysed for extractive answers.
type sentence struct {
	text     string
	free     termSet
	concepts []int   // glossary entries named
	types    typeSet // times and numbers among its words
	dates    int     // words of calendar dates
	items    int     // distinct countries and people named: the length of a list it gives
	// counted holds the terms next to a number ("five countries": "countri"): what the sentence counts.
	counted termSet
	// most is the largest number that counts something in it ("the six countries": 6), 0 for none.
	most int
	// continued: the sentence goes on about the previous one's subject ("They also expressed …").
	continued bool
	// opensOn: the sentence opens with a pronoun or a verb of saying (see continues).
	opensOn bool
}

// sentenceOf builds the sentence record of text from its analysis a, with lex's glossary and v's term ids. The
// index makes one for every sentence; the extractor, for the clauses of a long one it cuts.
func sentenceOf(text string, a analysis, lex *lexicon, v *vocab) sentence {
	s := sentence{text: text, free: v.set(a.free...)}
	s.types, s.dates = wordTypes(a)
	counted, most := countedTerms(a)
	s.counted, s.most = v.set(counted...), most
	s.opensOn = opensOn(a.toks)
	if strings.ContainsAny(text, "\"«»“”") {
		s.types |= hasQuote
	}
	if strings.ContainsAny(text, "%٪") && s.types&hasNumber != 0 {
		s.types |= hasMeasure // "13%": the tokens keep no sign
	}
	s.concepts = a.concepts
	seen := map[int]bool{}
	for _, e := range a.concepts {
		switch lex.entries[e].Kind {
		case "country", "person":
			if !seen[e] {
				seen[e] = true
				s.items++
			}
		}
	}
	return s
}
