package rag

import (
	"slices"
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// A person's glossary forms may include a title that names them in the article ("Chinese Foreign Minister", "وزير
// الخارجية الصيني" for Wang Yi), so that "according to the Chinese foreign minister …" finds the sentences that
// call him only "Wang". A title is no fixed person, though: an operator document may give it to someone else
// ("Chinese Foreign Minister Qin Gang"). Such title forms are kept only while every use of them in the corpus
// stands right before the same person's name.

// titleForms are the stem keys of the person forms that hold a role's form (see lexicon.inner): "chines foreign
// minist" holds "foreign minist".
func (l *lexicon) titleForms() map[string]bool {
	out := map[string]bool{}
	for key, inner := range l.inner {
		if slices.ContainsFunc(inner, func(e int) bool { return l.entries[e].Kind == "role" }) {
			out[key] = true
		}
	}
	return out
}

// dropLooseTitles removes the title forms (see titleForms) that some passage uses without the same person's name
// right after: in that corpus the title does not name the person.
func (l *lexicon) dropLooseTitles(passages []knowledge.Passage) {
	titles := l.titleForms()
	if len(titles) == 0 {
		return
	}
	loose := map[string]bool{}
	for _, p := range passages {
		toks := nlp.Tokenize(p.Text)
		spans := l.match(toks)
		for k, sp := range spans {
			key := spanKey(toks[sp.start:sp.end])
			if !titles[key] {
				continue
			}
			if k+1 == len(spans) || spans[k+1].entry != sp.entry || spans[k+1].start != sp.end {
				loose[key] = true
			}
		}
	}
	for key := range loose {
		delete(l.entryOf, key)
		first := strings.Fields(key)[0]
		l.forms[first] = slices.DeleteFunc(l.forms[first], func(f []string) bool { return strings.Join(f, " ") == key })
	}
}

// spanKey is the stem key of a matched form.
func spanKey(toks []nlp.Token) string {
	stems := make([]string, len(toks))
	for i, t := range toks {
		stems[i] = t.Stem
	}
	return strings.Join(stems, " ")
}
