package rag

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"ccabot/knowledge/nlp"
)

// claim is one sentence of a model answer and the sources it rests on.
type claim struct {
	text string // the sentence without its citations and links
	refs []int  // source numbers (1-based): its own citations, or those it takes from its neighbours
	para int    // paragraph (blank-line separated block) of the answer
	own  bool   // refs are the sentence's own
}

var (
	// sentenceEndCitation is a sentence end followed at once by a citation ("… in Xi'an.[3] He …"), which
	// Sentences would not cut.
	sentenceEndCitation = regexp.MustCompile(`([.!?؟…])(\[\d{1,2}\])`)
	// leadingCitations are citations opening a sentence: they close the sentence before ("… in Xi'an. [3] He").
	leadingCitations = regexp.MustCompile(`^(?:\s*\[\d{1,2}\])+`)
	blankLine        = regexp.MustCompile(`\n[ \t]*\n`)
	// listMarker opens a list item ("1. ", "٢) ", "- "): its number counts nothing.
	listMarker = regexp.MustCompile(`^\s*(?:[0-9٠-٩]{1,2}[.)]|[-*•–])\s+`)
)

// claimsOf splits an answer into its sentences (nlp.Sentences, also at line breaks; a list item's marker
// is dropped), each with the sources it cites (numbers 1 to n). Citations standing alone after a sentence end
// belong to the sentence before them, and so do citations opening a sentence of the same paragraph ("… in
// Xi'an. [3] He …"). A sentence without citations of its own takes those of the next sentence of its paragraph
// that has some (a paragraph citing once at its end cites for all its sentences), else of the previous one in
// its paragraph, else of the nearest sentence before it, else after it.
func claimsOf(text string, n int) []claim {
	var out []claim
	var carry []int // citations met before any sentence
	for p, para := range blankLine.Split(text, -1) {
		first := len(out)
		for _, line := range strings.Split(para, "\n") {
			line = listMarker.ReplaceAllString(line, "")
			if strings.Contains(line, "[") {
				line = sentenceEndCitation.ReplaceAllString(line, "$1 $2")
			}
			for _, sent := range nlp.Sentences(line) {
				if lead := leadingCitations.FindString(sent); lead != "" && len(out) > first {
					out[len(out)-1].refs = mergeRefs(out[len(out)-1].refs, refsIn(lead, n))
					out[len(out)-1].own = true
					sent = sent[len(lead):]
				}
				refs := refsIn(sent, n)
				body := strings.TrimSpace(citation.ReplaceAllString(sent, " "))
				if !strings.ContainsFunc(body, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
					if len(out) > 0 && len(refs) > 0 { // citations alone: the previous sentence's
						out[len(out)-1].refs = mergeRefs(out[len(out)-1].refs, refs)
						out[len(out)-1].own = true
					} else {
						carry = mergeRefs(carry, refs)
					}
					continue
				}
				refs = mergeRefs(carry, refs)
				carry = nil
				out = append(out, claim{text: body, refs: refs, para: p, own: len(refs) > 0})
			}
		}
	}
	for i := range out {
		if out[i].own {
			continue
		}
		out[i].refs = borrowedRefs(out, i)
	}
	return out
}

// borrowedRefs are the citations sentence i takes from its neighbours (see claimsOf).
func borrowedRefs(cs []claim, i int) []int {
	for j := i + 1; j < len(cs) && cs[j].para == cs[i].para; j++ {
		if cs[j].own {
			return cs[j].refs
		}
	}
	for j := i - 1; j >= 0; j-- {
		if cs[j].own {
			return cs[j].refs
		}
	}
	for j := i + 1; j < len(cs); j++ {
		if cs[j].own {
			return cs[j].refs
		}
	}
	return nil
}

// refsIn are the source numbers 1 to n cited in s.
func refsIn(s string, n int) []int {
	refs, _ := citations(s, n)
	return refs
}

// mergeRefs is the sorted union of two citation lists.
func mergeRefs(a, b []int) []int {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
