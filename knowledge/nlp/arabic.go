package nlp

import (
	"strings"
	"unicode/utf8"
)

// The Arabic rules that take a word apart: clitics, the article and the conjunction و. Letters are folded
// before any of them apply (see Normalize), so ة is already ه and أ is ا.

// Arabic clitics and dialect verb prefixes a word may carry in a question but not in the sources: a preposition
// or conjunction (ب ل ك ف و: "بكلمة"), the present-tense ب/بي/بت/بن of Egyptian and Levantine ("بتظهر"),
// the future ح/ه/رح ("حتنفذ"), and object or possessor suffixes the light stemmer leaves (هم كم هن نا و:
// "ردهم", "اسمو").
var (
	arabicProclitics = []string{"ب", "ل", "ك", "ف", "و", "بي", "بت", "بن", "ح", "ه"}
	arabicEnclitics  = []string{"هم", "كم", "هن", "نا", "و", "ك"}
)

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
	for _, p := range []string{"وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف"} {
		if r, ok := CutPrefix(w, p, 3); ok {
			return r
		}
	}
	return w
}

// BareQuestionWord is a normalised word without the conjunction و in front, or without the ب, ف or ل in front
// of a stop word ("وقال" → "قال", "باي" → "اي"): the form in which a question word is looked up.
func BareQuestionWord(w string) string {
	for _, p := range []string{"و", "ب", "ف", "ل"} {
		if r, ok := CutPrefix(w, p, 2); ok && (stopWords[r] || p == "و") {
			return r // "وقال ايه", "باي سنه"
		}
	}
	return w
}
