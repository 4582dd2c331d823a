package rag

import (
	"slices"
	"strconv"
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// lexicon matches glossary forms in token sequences. Every form of an entry becomes the same concept term, so
// "Kirghizstan", "Kyrgyz" and "قرغيزستان" all match each other and the article's "قيرغيزستان".
type lexicon struct {
	entries []knowledge.Entry
	broader [][]int               // entry → broader entries
	forms   map[string][][]string // first stem → stem sequences of forms starting with it
	entryOf map[string]int        // joined stem sequence → entry index
	// given maps the first word of a person's full Latin name ("zheenbek") to the person, -1 when it begins
	// more than one person's name: a question may name someone by it alone ("jeenbek who?").
	given map[string]int
	// inner maps the stem key of a person's form that holds other names ("chines foreign minist", a title) to
	// the entries it holds (China, Foreign Minister): in a source, the title names them as well as the person.
	inner map[string][]int
	// written maps the stem key of a person's form to the form as the glossary writes it (see roughFold).
	written map[string][]string
}

func newLexicon(entries []knowledge.Entry) *lexicon {
	l := &lexicon{entries: entries, forms: map[string][][]string{}, entryOf: map[string]int{},
		broader: make([][]int, len(entries)), given: map[string]int{}, written: map[string][]string{}}
	byName := map[string]int{}
	for i, e := range entries {
		byName[e.EN[0]] = i
	}
	for i, e := range entries {
		for _, b := range e.Broader {
			if j, ok := byName[b]; ok {
				l.broader[i] = append(l.broader[i], j)
			}
		}
	}
	for i, e := range entries {
		for _, f := range e.Forms() {
			toks := nlp.Tokenize(f)
			if len(toks) == 0 {
				continue
			}
			stems := make([]string, len(toks))
			for j, t := range toks {
				stems[j] = t.Stem
			}
			key := strings.Join(stems, " ")
			if _, dup := l.entryOf[key]; dup {
				continue // the first entry to claim a spelling keeps it
			}
			if e.Kind == "person" {
				l.written[key] = append(l.written[key], roughFold(f))
			}
			l.entryOf[key] = i
			l.forms[stems[0]] = append(l.forms[stems[0]], stems)
			// Latin given names only: Arabic ones are often words too ("مراد", what is meant; "رشيد", wise).
			if e.Kind == "person" && len(toks) > 1 && !toks[0].Stop && len(toks[0].Word) >= 4 &&
				!nlp.IsArabic(toks[0].Word) && !nlp.IsCommonEnglish(toks[0].Word) {
				if j, seen := l.given[stems[0]]; seen && j != i {
					l.given[stems[0]] = -1
				} else {
					l.given[stems[0]] = i
				}
			}
		}
	}
	l.inner = map[string][]int{}
	for key, e := range l.entryOf {
		if l.entries[e].Kind != "person" {
			continue
		}
		var toks []nlp.Token
		for _, st := range strings.Fields(key) {
			toks = append(toks, nlp.Token{Word: st, Stem: st})
		}
		for _, sp := range l.matchExcept(toks, e) {
			l.inner[key] = append(l.inner[key], sp.entry)
		}
	}
	return l
}

// name is entry i's canonical spelling in lang.
func (l *lexicon) name(i int, lang nlp.Lang) string {
	if lang == nlp.Arabic {
		return l.entries[i].AR[0]
	}
	return l.entries[i].EN[0]
}

// conceptTerm is the index term standing for glossary entry i.
func conceptTerm(i int) string { return "§" + strconv.Itoa(i) }

// conceptIndex is the glossary entry a concept term stands for.
func (l *lexicon) conceptIndex(term string) int {
	i, _ := strconv.Atoi(strings.TrimPrefix(term, "§"))
	return i
}

// span is a glossary match over toks[start:end].
type span struct{ entry, start, end int }

// match finds glossary forms in toks, left to right, longest first, without overlaps. A form's first word may
// carry a preposition the stemmer leaves (see firstStems).
func (l *lexicon) match(toks []nlp.Token) []span { return l.matchExcept(toks, -1) }

// matchExcept is match with the forms of entry skip left out.
func (l *lexicon) matchExcept(toks []nlp.Token, skip int) []span {
	var out []span
	for i := 0; i < len(toks); {
		best := span{entry: -1}
		for _, first := range firstStems(toks[i]) {
			for _, stems := range l.forms[first] {
				if len(stems) > len(toks)-i || len(stems) <= best.end-best.start {
					continue
				}
				ok := true
				for j, s := range stems[1:] {
					if toks[i+1+j].Stem != s {
						ok = false
						break
					}
				}
				if e := l.entryOf[strings.Join(stems, " ")]; ok && e != skip {
					best = span{entry: e, start: i, end: i + len(stems)}
				}
			}
		}
		if best.entry < 0 && !toks[i].Stop {
			if e, ok := l.given[toks[i].Stem]; ok && e >= 0 {
				best = span{entry: e, start: i, end: i + 1} // a given name alone: "jeenbek who?"
			}
		}
		if best.entry < 0 || allStop(toks[best.start:best.end]) {
			i++
			continue
		}
		out = append(out, best)
		i = best.end
	}
	return out
}

// firstStems are the stems a token may start a glossary form with: its own, and for an Arabic word made of the
// preposition ل or ب and a word starting with alef ("لآلية", "بأمله"), the stem of that word. (Other letters are
// too often part of the word: "كاملة" is not ك + "أمله".)
func firstStems(t nlp.Token) []string {
	out := []string{t.Stem}
	for _, p := range []string{"لا", "با"} {
		if r, ok := nlp.CutPrefix(t.Word, p, 2); ok {
			if st := nlp.Stem("ا" + r); st != t.Stem {
				out = append(out, st)
			}
		}
	}
	return out
}

// analysis is a text seen as retrieval terms.
type analysis struct {
	toks []nlp.Token
	// terms holds every index term with repetition: concept terms for glossary matches and the stems of all
	// content words (BM25 counts them).
	terms []string
	// free is what a question must find in a source to be covered: concept terms, and the stems of content
	// words outside any glossary title ("رئيس", president, alone is not covered by "نائب رئيس الوزراء", deputy
	// prime minister; "meeting" is covered by "Foreign Ministers' Meeting").
	free     []string
	concepts []int  // matched glossary entries, in order
	spans    []span // where they were matched
	// words are the surface forms (nlp.BareWord) of the free terms.
	words []string
	// roots maps each free Arabic stem to its root term (see rootTerm): a source's roots are also among its
	// terms and free terms, a question's are its fallback when a stem is not found.
	roots map[string]string
	// variants maps a free Arabic stem of a question to the stems of other spellings of its word (see
	// wordVariants): the other person of a verb ("تحد" ↔ "يحد").
	variants map[string][]string
}

// rootTerm is the index term standing for an Arabic word's root, or "" for a word too short to have a reliable
// one (fewer than four letters, or a root under three).
func rootTerm(t nlp.Token) string {
	if !nlp.IsArabic(t.Word) || len([]rune(t.Word)) < 4 {
		return ""
	}
	r := nlp.Root(t.Word)
	if len([]rune(r)) < 3 {
		return ""
	}
	return "√" + r
}

// analyzeSource analyses a passage or sentence: a concept it names also covers the broader concepts.
func (l *lexicon) analyzeSource(text string) analysis {
	return l.analyzeTokens(nlp.Tokenize(text), true)
}

// analyzeTokens analyses tokens as a question (source false) or as source text (source true).
func (l *lexicon) analyzeTokens(toks []nlp.Token, source bool) analysis {
	a := analysis{toks: toks}
	spans := l.match(toks)
	a.spans = spans
	inSpan := make([]bool, len(toks))
	for k, s := range spans {
		// A question's matched words are their concept. In a source, only a title keeps its words to itself:
		// the "meeting" in "Foreign Ministers' Meeting" is a meeting, the "رئيس" in "نائب رئيس الوزراء" is no
		// president.
		for i := s.start; i < s.end; i++ {
			inSpan[i] = !source || l.entries[s.entry].Kind == "role"
		}
		if k > 0 && spans[k-1].entry == s.entry && spans[k-1].end == s.start {
			continue // one mention in two forms: "Chinese Foreign Minister Wang Yi"
		}
		a.concepts = append(a.concepts, s.entry)
		a.terms = append(a.terms, conceptTerm(s.entry))
		a.free = append(a.free, conceptTerm(s.entry))
		if source {
			named := slices.Concat(l.broader[s.entry], l.inner[spanKey(toks[s.start:s.end])])
			for _, b := range named {
				a.terms = append(a.terms, conceptTerm(b))
				a.free = append(a.free, conceptTerm(b))
			}
		}
	}
	for i, t := range toks {
		if t.Stop || len([]rune(t.Stem)) < 2 && !nlp.IsDigits(t.Stem) {
			continue
		}
		a.terms = append(a.terms, t.Stem)
		if inSpan[i] {
			continue
		}
		a.free = append(a.free, t.Stem)
		a.words = append(a.words, nlp.BareWord(t.Word))
		if r := rootTerm(t); r != "" {
			if a.roots == nil {
				a.roots = map[string]string{}
			}
			a.roots[t.Stem] = r
			if source {
				a.terms = append(a.terms, r)
				a.free = append(a.free, r)
			}
		}
		// A verb comes before what it is said of ("تحد مصر", "تقع الواحة"); a name the question ends with
		// ("وين تونس؟") is no verb, and "يونس" is not "تونس".
		if vs := wordVariants(t); !source && len(vs) > 0 && slices.ContainsFunc(toks[i+1:], func(t nlp.Token) bool { return !t.Stop }) {
			if a.variants == nil {
				a.variants = map[string][]string{}
			}
			a.variants[t.Stem] = vs
		}
	}
	return a
}

// wordVariants are the stems of other spellings of a question word that the sources may use for it: the verb in
// the other person ("يحد" for "تحد", "يقع" for "تقع"), which light10 does not strip. A noun that starts so
// ("تاريخ") gets a variant no source holds.
func wordVariants(t nlp.Token) []string {
	r := []rune(t.Stem)
	if len(r) < 3 || !nlp.IsArabic(t.Stem) {
		return nil
	}
	switch r[0] {
	case 'ي':
		return []string{"ت" + string(r[1:])}
	case 'ت':
		return []string{"ي" + string(r[1:])}
	}
	return nil
}

// allStop reports a run of stop words only: "لايه" (for what) is not the form "ولاية" it stems like.
func allStop(toks []nlp.Token) bool {
	for _, t := range toks {
		if !t.Stop {
			return false
		}
	}
	return true
}
