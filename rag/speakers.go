package rag

import (
	"slices"

	"ccabot/knowledge/nlp"
)

// inheritSpeaker links a paragraph that continues the previous one's speaker ("He added that …", "وأضاف أنه …")
// to the people and posts named there, so "what did Sun hope about its duties?" finds the paragraph that only
// says "He expressed the hope …". Within a paragraph, a sentence that goes on the same way ("They also expressed
// the hope …") inherits from the sentence before.
func (ix *Index) inheritSpeaker(i int, terms [][]termID) {
	ix.speaker[i] = -1
	sents := ix.sents[i]
	for j := 1; j < len(sents); j++ {
		if ix.continues(sents[j]) {
			sents[j].continued = true
			for _, c := range ix.speakers(sents[j-1 : j]) {
				ix.addConcept(&sents[j], c)
			}
		}
	}
	p := ix.passages[i]
	if i == 0 || len(sents) == 0 || ix.passages[i-1].DocID != p.DocID || !ix.continues(sents[0]) {
		return
	}
	inherited := ix.speakers(ix.sents[i-1])
	for _, c := range inherited {
		if ix.lex.entries[c].Kind == "person" {
			ix.speaker[i] = c
			break
		}
	}
	if ix.speaker[i] < 0 {
		return
	}
	for _, c := range inherited {
		terms[i] = append(terms[i], ix.vocab.intern(conceptTerm(c))...)
		for j := range sents {
			ix.addConcept(&sents[j], c)
		}
	}
}

// collectTitles records, for each person a sentence names, the titles and countries just before the name
// ("Chinese Foreign Minister Wang Yi", "وزير الخارجية الصيني وانغ يي") and the title just after it ("Wu Yingchen,
// Executive Director of the Secretariat"): news text names someone in full once, then by name alone.
func (ix *Index) collectTitles(a analysis, titles map[int]map[int]bool) {
	for k, sp := range a.spans {
		if ix.lex.entries[sp.entry].Kind != "person" {
			continue
		}
		link := func(e int) {
			if titles[sp.entry] == nil {
				titles[sp.entry] = map[int]bool{}
			}
			titles[sp.entry][e] = true
		}
		// Before: the run of titles and countries ending at most two words before the name.
		end := sp.start
		for j := k - 1; j >= 0; j-- {
			kind := ix.lex.entries[a.spans[j].entry].Kind
			if end-a.spans[j].end > 2 || kind != "role" && kind != "country" {
				break
			}
			link(a.spans[j].entry)
			end = a.spans[j].start
		}
		// After: a title (not a country: that would be the next person's) at most one word after the name.
		if k+1 < len(a.spans) && a.spans[k+1].start-sp.end <= 1 && ix.lex.entries[a.spans[k+1].entry].Kind == "role" {
			link(a.spans[k+1].entry)
		}
	}
}

// applyTitles lets every sentence and unit that names a person also speak of their titles: "what did the Chinese
// foreign minister praise?" finds "Wang praised …".
func (ix *Index) applyTitles(titles map[int]map[int]bool, terms [][]termID) {
	for i := range ix.passages {
		for j := range ix.sents[i] {
			s := &ix.sents[i][j]
			for _, c := range slices.Clone(s.concepts) {
				for t := range titles[c] {
					if s.free.has(ix.vocab.id(conceptTerm(t))) {
						continue
					}
					ix.addConcept(s, t)
					terms[i] = append(terms[i], ix.vocab.intern(conceptTerm(t))...)
				}
			}
		}
	}
}

// addConcept records that s speaks of glossary entry c (and so of its broader entries).
func (ix *Index) addConcept(s *sentence, c int) {
	s.concepts = append(s.concepts, c)
	s.free = s.free.union(ix.conceptSet(c))
}

// conceptSet is the concept terms of glossary entry c and of its broader entries.
func (ix *Index) conceptSet(c int) termSet {
	terms := []string{conceptTerm(c)}
	for _, b := range ix.lex.broader[c] {
		terms = append(terms, conceptTerm(b))
	}
	return ix.vocab.set(terms...)
}

// continues reports whether a sentence goes on about someone named before: it names no person or post and
// opens (after words like "also", "كما") with a pronoun or a verb of saying.
func (ix *Index) continues(s sentence) bool {
	for _, c := range s.concepts {
		if k := ix.lex.entries[c].Kind; k == "person" || k == "role" {
			return false
		}
	}
	return s.opensOn
}

// opensOn reports whether toks open (after words like "also", "كما") with a pronoun or a verb of saying.
func opensOn(toks []nlp.Token) bool {
	for _, t := range toks {
		if continuationPronouns[t.Word] || speechWords[t.Word] {
			return true
		}
		if !t.Stop {
			return false
		}
	}
	return false
}

// speakers are the people and posts the sentences name.
func (ix *Index) speakers(sents []sentence) []int {
	var out []int
	for _, s := range sents {
		for _, c := range s.concepts {
			if k := ix.lex.entries[c].Kind; k == "person" || k == "role" {
				out = append(out, c)
			}
		}
	}
	return out
}

// continuationPronouns open a sentence whose subject was named before.
var continuationPronouns = map[string]bool{"he": true, "she": true, "they": true, "هو": true, "هي": true, "هم": true, "وهو": true, "وهي": true, "وهم": true}
