package nlp

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Script is the writing system of a word. A word of Cyrillic, Han, kana, Hangul or any other script but Arabic
// and Latin is neither Arabic nor English; Arabic script is Arabic (Persian and Urdu are read as Arabic by
// design); Latin script may be English or one of several other languages (see AskedIn).
type Script int

// The scripts told apart.
const (
	ScriptNone Script = iota // not a letter
	ScriptArabic
	ScriptLatin
	ScriptCyrillic
	ScriptHan // Chinese characters, also in Japanese
	ScriptKana
	ScriptHangul
	ScriptOther // Greek, Hebrew, Devanagari, Thai, Georgian, Armenian, …
	numScripts
)

// ScriptOf is the script of a letter, ScriptNone for anything else.
func ScriptOf(r rune) Script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return ScriptLatin
		}
		return ScriptNone
	case !unicode.IsLetter(r):
		return ScriptNone
	case unicode.Is(unicode.Latin, r):
		return ScriptLatin
	case unicode.Is(unicode.Arabic, r):
		return ScriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		return ScriptCyrillic
	case unicode.Is(unicode.Han, r):
		return ScriptHan
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		return ScriptKana
	case unicode.Is(unicode.Hangul, r):
		return ScriptHangul
	}
	return ScriptOther
}

// ScriptCounts counts a text's words by script: n[ScriptLatin] is the number of Latin words.
type ScriptCounts [numScripts]int

// CountScripts counts a text's words by script. A word is a run of letters of one script (marks and
// apostrophes inside it do not break it); a run of Han or kana counts one word for every two characters, as
// Chinese and Japanese do not space their words.
func CountScripts(text string) ScriptCounts {
	var n ScriptCounts
	cur, runLen := ScriptNone, 0
	flush := func() {
		switch cur {
		case ScriptNone:
		case ScriptHan, ScriptKana:
			n[cur] += (runLen + 1) / 2
		default:
			n[cur]++
		}
		cur, runLen = ScriptNone, 0
	}
	for _, r := range text {
		s := ScriptOf(r)
		if s == ScriptNone && (unicode.IsMark(r) || r == '\'' || r == '’' || r == 'ʻ' || r == 'ʼ') && cur != ScriptNone {
			continue // a mark or an apostrophe inside a word ("Xi'an", "O'zbekiston")
		}
		if s != cur {
			flush()
			cur = s
		}
		runLen++
	}
	flush()
	return n
}

// Foreign is the number of words of scripts other than Arabic and Latin: words that are surely neither Arabic
// nor English.
func (n ScriptCounts) Foreign() int {
	return n[ScriptCyrillic] + n[ScriptHan] + n[ScriptKana] + n[ScriptHangul] + n[ScriptOther]
}

// MainScript is the script most of text's words are written in, Arabic aside; a non-Latin one wins a tie.
func MainScript(text string) Script {
	n := CountScripts(text)
	best := ScriptLatin
	for s := ScriptCyrillic; s < numScripts; s++ {
		if n[s] > 0 && n[s] >= n[best] {
			best = s
		}
	}
	if best == ScriptHan && n[ScriptKana] > 0 {
		best = ScriptKana // Japanese mixes the two
	}
	return best
}

// wordPattern finds words in unnormalised text, apostrophes inside them included.
var wordPattern = regexp.MustCompile(`\p{L}[\p{L}\p{M}'’ʻʼ]*`)

// InnerCapitals are the normalised words of text written with a capital letter not at the start of a sentence:
// names, or German nouns.
func InnerCapitals(text string) map[string]bool {
	out := map[string]bool{}
	for _, loc := range wordPattern.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || sentenceStart(text[:loc[0]]) {
			continue
		}
		out[Normalize(w)] = true
	}
	return out
}

// sentenceStart reports whether a word after before opens a sentence: nothing but spaces, quotes and opening
// marks since the start of the text or a sentence's end.
func sentenceStart(before string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'«»“”‘’(¿¡-–—`, r)
	})
	if before == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?؟…\n:", last)
}

// IsASCII reports whether s is all ASCII: an English word is written without accents.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
