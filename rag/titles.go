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
// right after: in that corpus the title does not name the person. Only the few words from where a passage writes
// a title are read (see looseAt): tokenising every passage twice would add a fifth to building the index.
func (l *lexicon) dropLooseTitles(passages []knowledge.Passage) {
	titles := l.titleForms()
	if len(titles) == 0 {
		return
	}
	looseIn := make([][]string, len(passages)) // per passage, read in parallel as the analysis is
	parallel(len(passages), func(i int) {
		text := roughFold(passages[i].Text)
		for key := range titles {
			for _, w := range l.written[key] {
				for at := strings.Index(text, w); at >= 0; at = nextIndex(text, w, at) {
					if l.looseAt(text, at, key) {
						looseIn[i] = append(looseIn[i], key)
					}
				}
			}
		}
	})
	for _, keys := range looseIn {
		for _, key := range keys {
			delete(l.entryOf, key)
			first := strings.Fields(key)[0]
			l.forms[first] = slices.DeleteFunc(l.forms[first], func(f []string) bool { return strings.Join(f, " ") == key })
		}
	}
}

// titleReach is how many bytes around where a title is written are read: the words before it, which may make it
// part of a longer title ("نائب وزير الخارجية الصيني"), and the name that must follow it.
const titleReach = 200

// looseAt reports whether title form key, written in text at byte at, is the title there and is not followed
// by the same person's name.
func (l *lexicon) looseAt(text string, at int, key string) bool {
	lo := max(0, at-titleReach/2)
	if sp := strings.IndexByte(text[lo:at], ' '); lo > 0 && sp >= 0 {
		lo += sp + 1 // from a word's start
	}
	before := len(nlp.Tokenize(text[lo:at]))
	toks := nlp.Tokenize(strings.ToValidUTF8(text[lo:min(len(text), at+titleReach)], ""))
	spans := l.match(toks)
	k := slices.IndexFunc(spans, func(sp span) bool { return sp.start == before })
	if k < 0 || spanKey(toks[spans[k].start:spans[k].end]) != key {
		return false // not the title here: part of a longer one, or another form holding its words
	}
	return k+1 == len(spans) || spans[k+1].entry != spans[k].entry || spans[k+1].start != spans[k].end
}

// nextIndex is the index of the next w in text after the one at at, or -1.
func nextIndex(text, w string, at int) int {
	if i := strings.Index(text[at+len(w):], w); i >= 0 {
		return at + len(w) + i
	}
	return -1
}

// roughFold is the cheap part of nlp.Normalize: lower case, one apostrophe and the Arabic letters it writes
// alike. Enough to find a glossary form written in a text; Normalize's NFKC would cost as much as tokenising.
var roughFold = func() func(string) string {
	r := strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ة", "ه", "ى", "ي", "ئ", "ي", "ؤ", "و", "’", "'")
	return func(s string) string { return r.Replace(strings.ToLower(s)) }
}()

// spanKey is the stem key of a matched form.
func spanKey(toks []nlp.Token) string {
	stems := make([]string, len(toks))
	for i, t := range toks {
		stems[i] = t.Stem
	}
	return strings.Join(stems, " ")
}
