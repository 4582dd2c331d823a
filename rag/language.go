package rag

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// Telling a question in neither Arabic nor English ("Кто возглавляет секретариат?", "Kotibiyatni kim
// boshqaradi?", "秘书处由谁领导？") from one in them. nlp.DetectLang only weighs Arabic letters against the rest,
// which is what processing needs; this says whether the rest is English.
//
// The script decides first: a word of Cyrillic, Han, kana, Hangul, Greek, Hebrew or any other script is not
// English, and a text with more such words than English ones is foreign. Arabic script is Arabic (Persian and
// Urdu are read as Arabic by design). Latin script is the hard case, as Uzbek, Turkmen, Turkish, French, German
// and Spanish use it too. A Latin word is
//
//   - English when it is an English stop word, a common English word (the speller's SCOWL list), a word of the
//     sources, or one edit from a question or stop word ("wher", "acording");
//   - not English when it has a letter English writes without ("açıldı", "secrétariat") or is a function word of
//     another Latin-script language ("kim", "der", "le"; see otherFunctionWords);
//   - not counted when it is a glossary name, capitalised inside a sentence (a name, or a German noun), a typo
//     the speller mends to a word of the sources (which "secretariet" is, but so are "sekretariat" and
//     "mecanismo"), or unknown and three letters or fewer ("teh", "xo");
//   - unknown otherwise.
//
// A Latin text is foreign when at least two of its counted words are not English, they outnumber the English
// ones, and either one of them is marked as another language's or no word is English: "Wang Yi?", "wat is teh
// secretariat" and "mirziyoyev and tokayev" stay English. Language identifiers trained on longer text were
// tried and rejected: on questions this short they named Russian as Macedonian and "when was it launched" as
// German.

// script is the writing system of a word.
type script int

const (
	scriptNone script = iota
	scriptArabic
	scriptLatin
	scriptCyrillic
	scriptHan // Chinese characters, also in Japanese
	scriptKana
	scriptHangul
	scriptOther // Greek, Hebrew, Devanagari, Thai, Georgian, Armenian, …
	numScripts
)

// scriptOf is the script of a letter, scriptNone for anything else.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return scriptLatin
		}
		return scriptNone
	case !unicode.IsLetter(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	}
	return scriptOther
}

// scriptCounts counts a text's words by script. A word is a run of letters of one script (marks and
// apostrophes inside it do not break it); a run of Han or kana counts one word for every two characters, as
// Chinese and Japanese do not space their words.
func scriptCounts(text string) [numScripts]int {
	var n [numScripts]int
	cur, runLen := scriptNone, 0
	flush := func() {
		switch cur {
		case scriptNone:
		case scriptHan, scriptKana:
			n[cur] += (runLen + 1) / 2
		default:
			n[cur]++
		}
		cur, runLen = scriptNone, 0
	}
	for _, r := range text {
		s := scriptOf(r)
		if s == scriptNone && (unicode.IsMark(r) || r == '\'' || r == '’' || r == 'ʻ' || r == 'ʼ') && cur != scriptNone {
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

// nonLatinForeign is the number of words of scripts other than Arabic and Latin among counts.
func nonLatinForeign(n [numScripts]int) int {
	return n[scriptCyrillic] + n[scriptHan] + n[scriptKana] + n[scriptHangul] + n[scriptOther]
}

// foreign reports whether text is written in neither Arabic nor English (see above).
func (ix *Index) foreign(text string) bool {
	n := scriptCounts(text)
	other := nonLatinForeign(n)
	if ar := n[scriptArabic]; ar > 0 && ar >= n[scriptLatin] && ar >= other {
		return false
	}
	switch {
	case other == 0 && n[scriptLatin] < 2:
		return false // one Latin word or none: a name, a typo, "ok"
	case other > 0 && n[scriptLatin] == 0:
		return true
	}
	c, pending := ix.latinWords(text)
	// A pending word is one no list knows: it may be a typo of an English word (English), the speller's word for
	// a foreign one ("mecanismo": neither way), or unknown. Those checks cost a scan of the vocabulary each, so
	// they are made only while the answer still depends on them.
	for i, w := range pending {
		allEnglish, allUnknown := c, c
		allEnglish.english += len(pending) - i
		allUnknown.unknown += len(pending) - i
		if v := allUnknown.foreign(other); v == allEnglish.foreign(other) {
			return v
		}
		switch {
		case nlp.QuestionWordTypo(w) != "" || nlp.StopTypo(w):
			c.english++ // "wher", "acording"
		case ix.spell.Correct(w) != w:
			// "secretariet", but also "sekretariat", "mecanismo": either way
		case utf8.RuneCountInString(w) <= 3:
			// "teh", "ni", "xo": too short to tell
		default:
			c.unknown++
		}
	}
	return c.foreign(other)
}

// latinCounts counts the Latin words of a text that are not names nor too short to tell.
type latinCounts struct {
	english int
	marked  int // not English by its letters ("açıldı") or as another language's function word ("der", "kim")
	unknown int // in no English word list
}

// foreign decides on the counts, with other words of other scripts beside them.
func (c latinCounts) foreign(other int) bool {
	not := c.marked + c.unknown
	if other > 0 {
		return other+not > c.english
	}
	// Words merely unknown are foreign only with nothing English beside them: "mirziyoyev and tokayev" is an
	// English question about two names the glossary lacks.
	return not >= 2 && not > c.english && (c.marked > 0 || c.english == 0)
}

// latinWords sorts text's Latin words by the word lists (see above), and returns those no list knows.
func (ix *Index) latinWords(text string) (c latinCounts, pending []string) {
	toks := nlp.Tokenize(text)
	named := make([]bool, len(toks))
	for _, sp := range ix.lex.match(toks) {
		for i := sp.start; i < sp.end; i++ {
			named[i] = true
		}
	}
	caps := innerCapitals(text)
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Word)
		if named[i] || scriptOf(r) != scriptLatin {
			continue
		}
		switch {
		case t.Stop || nlp.IsCommonEnglish(t.Word):
			c.english++
		case caps[t.Word]:
			// A name the glossary lacks ("Tokayev", "Sekretariat" in German): neither way.
		case !isASCII(t.Word):
			c.marked++ // "secrétariat", "haçan", "açıldı": English writes its own words without accents
		case ix.words[t.Word] || ix.spell.Knows(t.Word) || ix.spell.KnowsStem(t.Stem):
			c.english++ // a word of the sources, or a name they hold
		case otherFunctionWords[t.Word]:
			c.marked++ // "le", "der", "kim", "ve"
		default:
			pending = append(pending, t.Word)
		}
	}
	return c, pending
}

// wordPattern finds words in unnormalised text, apostrophes inside them included.
var wordPattern = regexp.MustCompile(`\p{L}[\p{L}\p{M}'’ʻʼ]*`)

// innerCapitals are the normalised words of text written with a capital letter not at the start of a sentence:
// names, or German nouns.
func innerCapitals(text string) map[string]bool {
	out := map[string]bool{}
	for _, loc := range wordPattern.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || sentenceStart(text[:loc[0]]) {
			continue
		}
		out[nlp.Normalize(w)] = true
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
