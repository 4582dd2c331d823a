package nlp

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The Arabic rules that take a word apart: the conjunction و, the article, and the other clitics a word may
// carry. Letters are folded before any of them apply (see Normalize), so ة is already ه and أ is ا.

// articles are the definite article ال alone and after the conjunctions و ف and the prepositions ب ك; after the
// preposition ل it is written لل.
var articles = []string{"وال", "بال", "كال", "فال", "لل", "ال"}

// proclitics are the one-letter conjunctions و ف and prepositions ب ل ك written joined to the next word. Where
// the rest of the word is kept as a word of its own (BareWord, BareQuestionWord), ك is left out: too many words
// begin with a ك of their own ("كلمه", "كامل").
var proclitics = []string{"و", "ف", "ب", "ل", "ك"}

// Arabic clitics and dialect verb prefixes a word may carry in a question but not in the sources: a preposition
// or conjunction (proclitics: "بكلمة"), the present-tense ب/بي/بت/بن of Egyptian and Levantine ("بتظهر"),
// the future ح/ه/رح ("حتنفذ"), and object or possessor suffixes the light stemmer leaves (هم كم هن نا و:
// "ردهم", "اسمو").
var (
	arabicProclitics = slices.Concat(proclitics, []string{"بي", "بت", "بن", "ح", "ه"})
	arabicEnclitics  = []string{"هم", "كم", "هن", "نا", "و", "ك"}
)

// CutAnd takes the conjunction و ("and") off the front of w when at least minRunes letters remain: "والرئيس" →
// "الرئيس", "ووزير" → "وزير". Whether a leading و is the conjunction or the word's own first letter ("وزير",
// minister; "ولد") the word alone does not tell, so minRunes says how short a rest the caller accepts: 2 where the
// rest is looked up in a word list, 3 where it is kept as a stem, a root or a word.
func CutAnd(w string, minRunes int) (string, bool) { return CutPrefix(w, "و", minRunes) }

// CutArticle takes the definite article off the front of w, alone or after a conjunction or preposition (ال وال
// بال كال فال, and لل), when at least minRunes letters remain: "والتعاون" → "تعاون", "للامانه" → "امانه".
func CutArticle(w string, minRunes int) (string, bool) {
	for _, p := range articles {
		if r, ok := CutPrefix(w, p, minRunes); ok {
			return r, true
		}
	}
	return w, false
}

// CutTanween takes off the alef of the accusative tanween ("آمالا" → "امال", "احتفالا" → "احتفال") when at least
// three letters remain. The alef may also be the word's own ("استانا"): use the rest only to match a word the
// other text holds.
func CutTanween(w string) (string, bool) {
	r, ok := strings.CutSuffix(w, "ا")
	if !ok || utf8.RuneCountInString(r) < 3 {
		return w, false
	}
	return r, true
}

// CutPrefix takes prefix p off the front of w when at least minRunes letters remain: the one rule for taking a
// conjunction, preposition or article off an Arabic word, counting letters (not bytes).
func CutPrefix(w, p string, minRunes int) (string, bool) {
	r, ok := strings.CutPrefix(w, p)
	if !ok || utf8.RuneCountInString(r) < minRunes {
		return w, false
	}
	return r, true
}

// CliticVariants are the forms of an Arabic word (or stem) without one proclitic, without one enclitic, and
// without both, each keeping at least three letters.
func CliticVariants(w string) []string {
	var out []string
	heads := []string{w}
	for _, p := range arabicProclitics {
		if r, ok := CutPrefix(w, p, 3); ok {
			heads = append(heads, r)
		}
	}
	for _, h := range heads {
		if h != w {
			out = append(out, h)
		}
		for _, e := range arabicEnclitics {
			if r, ok := strings.CutSuffix(h, e); ok && len([]rune(r)) >= 3 {
				out = append(out, r)
			}
		}
	}
	return out
}

// BareWord is a normalised word without the Arabic article or a one-letter conjunction or preposition in front
// ("والرئيس" → "رئيس"), keeping at least three letters: the form in which a word is looked up among the words of
// a text.
func BareWord(w string) string {
	if r, ok := CutArticle(w, 3); ok {
		return r
	}
	if r, ok := CutAnd(w, 3); ok {
		return r
	}
	for _, p := range []string{"ب", "ل", "ف"} {
		if r, ok := CutPrefix(w, p, 3); ok {
			return r
		}
	}
	return w
}

// InflectedBase is a bare word (see BareWord) without one ending of number, gender or possession, keeping at
// least three letters ("ولايات" and "ولايه" → "ولاي", "ابنتي" and "ابنته" → "ابنت", "حربين" → "حرب"): two words
// with one base are forms of one word. One ending only, the longest: "رئيسيه" (main) → "رئيسي" is not "رئيس"
// (president).
func InflectedBase(w string) string {
	for _, suffix := range inflections {
		if r, ok := strings.CutSuffix(w, suffix); ok && utf8.RuneCountInString(r) >= 3 {
			if possessives[suffix] && utf8.RuneCountInString(r) >= 4 {
				r = strings.TrimSuffix(r, "ت") // "مساحتها" is "مساحه": ة is written ت before a possessive
			}
			return r
		}
	}
	return w
}

// possessives are the inflections that end a noun owned: before them a feminine ة is written ت.
var possessives = map[string]bool{"هما": true, "ها": true, "هم": true, "هن": true, "نا": true, "ه": true, "ي": true, "ك": true}

// inflections are the endings InflectedBase cuts, longest first, normalised (ة is written ه); "ا" is the
// accusative tanween ("جويا").
var inflections = []string{"هما", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "نا", "ه", "ي", "ك", "ا"}

// BareQuestionWord is a normalised word without the conjunction و in front, or without the ب, ف or ل in front
// of a stop word ("وقال" → "قال", "باي" → "اي"), keeping at least two letters: the form in which a question word
// is looked up.
func BareQuestionWord(w string) string {
	if r, ok := CutAnd(w, 2); ok {
		return r // "وقال ايه"
	}
	for _, p := range []string{"ب", "ف", "ل"} {
		if r, ok := CutPrefix(w, p, 2); ok && stopWords[r] {
			return r // "باي سنه"
		}
	}
	return w
}
