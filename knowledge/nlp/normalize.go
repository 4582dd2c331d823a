package nlp

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds a text to the form both questions and passages are compared in: NFKC (which also undoes
// Arabic presentation forms), lower case, Arabic diacritics (tashkeel), Quranic marks, tatweel and invisible
// direction marks removed, hamza-carrying and variant letters folded (أ إ آ ٱ → ا, ؤ → و, ئ → ي, ى → ي, ة → ه,
// Persian ک ی → ك ي), Arabic-Indic digits to ASCII, apostrophes dropped ("Xi'an" → "xian"), and every other
// punctuation mark and symbol turned into a space. Runs of spaces collapse to one, and a letter repeated for
// emphasis is shortened (see foldRuns).
func Normalize(s string) string {
	// Invalid bytes first become spaces: NFKC leaves the text after one unnormalised, and a second pass would
	// then change it (found by FuzzNormalize).
	s = norm.NFKC.String(strings.ToValidUTF8(s, " "))
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range s {
		r, keep := foldRune(r)
		switch {
		case !keep:
			continue
		case r == ' ':
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return foldRuns(strings.TrimRight(b.String(), " "))
}

// foldRuns shortens a letter typed three times or more, which is emphasis ("شوووو", "جمااااعة", "pleeease") or a
// slip ("عددد", "الللاعبين"): an Arabic long vowel or ه (laughter) stretched becomes one letter, any other letter
// two, as an Arabic word may double a consonant ("عدد", "اللاعبين") and an English word any letter.
func foldRuns(s string) string {
	if !hasRun(s) {
		return s // nearly every text: no copy
	}
	r := []rune(s)
	out := r[:0]
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && r[j] == r[i] {
			j++
		}
		n := j - i
		if n >= 3 && unicode.IsLetter(r[i]) {
			n = 2
			if strings.ContainsRune(arabicStretched, r[i]) {
				n = 1
			}
		}
		out = append(out, r[i:i+n]...)
		i = j
	}
	return string(out)
}

// arabicStretched are the Arabic letters typed over and over for emphasis, in normalised form.
const arabicStretched = "اويىه"

// hasRun reports whether s holds a rune three times running.
func hasRun(s string) bool {
	var prev rune
	n := 0
	for _, r := range s {
		if r == prev {
			n++
			if n == 3 {
				return true
			}
		} else {
			prev, n = r, 1
		}
	}
	return false
}

// foldRune maps one rune to its folded form; keep is false for runes that vanish. Letters and digits are kept,
// everything else becomes a space.
func foldRune(r rune) (out rune, keep bool) {
	switch {
	case isTashkeel(r):
		return 0, false
	case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´':
		return 0, false // Xi'an, China's
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x061C, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x00AD:
		return 0, false // zero-width and bidi controls, soft hyphen
	}
	if r >= 0x0600 && r <= 0x06FF { // the Arabic block: every letter the rules below fold is in it
		if f, ok := foldHamza(r); ok {
			return f, f != 0
		}
		if f, ok := foldYeh(r); ok {
			return f, true
		}
		if f, ok := foldTehMarbuta(r); ok {
			return f, true
		}
		if f, ok := foldKaf(r); ok {
			return f, true
		}
	}
	if r >= '٠' && r <= '٩' {
		return '0' + (r - '٠'), true
	}
	if r >= '۰' && r <= '۹' {
		return '0' + (r - '۰'), true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r), true
	}
	return ' ', true
}

// Arabic letters people write in more than one way, each rule once. A rule reports whether it applies to r and
// the letter r folds to, 0 for a letter that is dropped.

// isTashkeel reports a mark written over or under a letter, or a stretch of the line between letters, that
// Normalize drops: the short vowels and other diacritics (tashkeel), the superscript alef, Quranic annotation
// marks and tatweel ("مَدِينَةُ" → "مدينه", "آلـــيـة" → "اليه").
func isTashkeel(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r >= 0x06D6 && r <= 0x06ED || r == 0x0640
}

// foldHamza folds the hamza seats: a hamza written on an alef (أ إ, with madda آ; and the alef forms ٱ ٲ ٳ) is
// the alef, on a waw (ؤ) the waw, on a yeh (ئ) the yeh, and a hamza on the line (ء) is dropped. People often
// leave a hamza out: "الأمانة" and "الامانة", "إطلاق" and "اطلاق", "آسيا" and "اسيا" must match.
func foldHamza(r rune) (rune, bool) {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا', true
	case 'ؤ':
		return 'و', true
	case 'ئ':
		return 'ي', true
	case 'ء':
		return 0, true
	}
	return r, false
}

// foldYeh folds the alef maqsura ى, which people type as yeh ("مستشفى", "مستشفي"), and the Persian and Pashto
// forms of yeh (ی ې) to ي.
func foldYeh(r rune) (rune, bool) {
	switch r {
	case 'ى', 'ی', 'ې':
		return 'ي', true
	}
	return r, false
}

// foldTehMarbuta folds the teh marbuta ة, which people type as heh ("الأمانة", "الامانه"), its Urdu form ۃ and
// the Urdu forms of heh (ھ ہ) to ه.
func foldTehMarbuta(r rune) (rune, bool) {
	switch r {
	case 'ة', 'ۃ', 'ھ', 'ہ':
		return 'ه', true
	}
	return r, false
}

// foldKaf folds the Persian and Urdu forms of kaf (ک ڪ) to ك.
func foldKaf(r rune) (rune, bool) {
	switch r {
	case 'ک', 'ڪ':
		return 'ك', true
	}
	return r, false
}

// Words splits a normalised text into words: runs of Arabic letters, of other letters, or of digits, so
// "30مارس" gives "30" and "مارس".
func Words(normalized string) []string {
	var out []string
	start, prev := -1, 0
	for i, r := range normalized {
		c := runeClass(r)
		if start >= 0 && c != prev {
			out = append(out, normalized[start:i])
			start = -1
		}
		if c != 0 && start < 0 {
			start = i
		}
		prev = c
	}
	if start >= 0 {
		out = append(out, normalized[start:])
	}
	return out
}

func runeClass(r rune) int {
	switch {
	case r == ' ':
		return 0
	case unicode.IsDigit(r):
		return 1
	case unicode.Is(unicode.Arabic, r):
		return 2
	default:
		return 3
	}
}

// IsArabic reports whether word is Arabic: whether its first letter is.
func IsArabic(word string) bool {
	for _, r := range word {
		return unicode.Is(unicode.Arabic, r)
	}
	return false
}

// IsDigits reports whether s is a non-empty run of ASCII digits: a number as Normalize writes it.
func IsDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
