package rag

import (
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// Telling a question in neither Arabic nor English ("Кто возглавляет секретариат?", "Kotibiyatni kim
// boshqaradi?", "秘书处由谁领导？") from one in them. nlp.DetectLang only weighs Arabic letters against the rest,
// which is what processing needs; this says whether the rest is English.
//
// The script decides first (nlp.CountScripts): a word of Cyrillic, Han, kana, Hangul, Greek, Hebrew or any other
// script is not English, and a text with more such words than English ones is foreign. Arabic script is Arabic
// (Persian and Urdu are read as Arabic by design). Latin script is the hard case, as Uzbek, Turkmen, Turkish,
// French, German and Spanish use it too. A Latin word is
//
//   - English when it is an English stop word, a common English word (the speller's SCOWL list), a word of the
//     sources, or one edit from a question or stop word ("wher", "acording");
//   - not English when it has a letter English writes without ("açıldı", "secrétariat") or is a function word of
//     another Latin-script language ("kim", "der", "le"; see nlp.IsForeignFunctionWord);
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

// languageCheck tells text in neither Arabic nor English from text in them (see above), with the sources' words:
// their glossary names (lex), the speller that knows their words, and their bare words. It shares them with the
// Index it was made from; safe for concurrent use.
type languageCheck struct {
	lex   *lexicon
	spell *nlp.Speller
	words map[string]bool // the sources' free words (see Index.words)
}

// newLanguageCheck returns the languageCheck over what ix holds.
func newLanguageCheck(ix *Index) *languageCheck {
	return &languageCheck{lex: ix.lex, spell: ix.spell, words: ix.words}
}

// foreign reports whether text is written in neither Arabic nor English (see above).
func (lc *languageCheck) foreign(text string) bool {
	n := nlp.CountScripts(text)
	other := n.Foreign()
	if ar := n[nlp.ScriptArabic]; ar > 0 && ar >= n[nlp.ScriptLatin] && ar >= other {
		return false
	}
	switch {
	case other == 0 && n[nlp.ScriptLatin] < 2:
		return false // one Latin word or none: a name, a typo, "ok"
	case other > 0 && n[nlp.ScriptLatin] == 0:
		return true
	}
	c, pending := lc.latinWords(text)
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
		case lc.spell.Correct(w) != w:
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
func (lc *languageCheck) latinWords(text string) (c latinCounts, pending []string) {
	toks := nlp.Tokenize(text)
	named := make([]bool, len(toks))
	for _, sp := range lc.lex.match(toks) {
		for i := sp.start; i < sp.end; i++ {
			named[i] = true
		}
	}
	caps := nlp.InnerCapitals(text)
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Word)
		if named[i] || nlp.ScriptOf(r) != nlp.ScriptLatin {
			continue
		}
		switch {
		case t.Stop || nlp.IsCommonEnglish(t.Word):
			c.english++
		case caps[t.Word]:
			// A name the glossary lacks ("Tokayev", "Sekretariat" in German): neither way.
		case !nlp.IsASCII(t.Word):
			c.marked++ // "secrétariat", "haçan", "açıldı": English writes its own words without accents
		case lc.words[t.Word] || lc.spell.Knows(t.Word) || lc.spell.KnowsStem(t.Stem):
			c.english++ // a word of the sources, or a name they hold
		case nlp.IsForeignFunctionWord(t.Word):
			c.marked++ // "le", "der", "kim", "ve"
		default:
			pending = append(pending, t.Word)
		}
	}
	return c, pending
}
