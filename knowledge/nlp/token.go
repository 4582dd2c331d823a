package nlp

import "github.com/kljensen/snowball/english"

// Token is one word of a text as retrieval reads it.
type Token struct {
	Word string // normalised surface form (see Normalize)
	Stem string // see Stem
	Stop bool   // a stop word (see IsStop)
}

// Tokenize normalises text and splits it into tokens.
func Tokenize(text string) []Token {
	words := Words(Normalize(text))
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i] = TokenOf(w)
	}
	return toks
}

// TokenOf is the token of a normalised word.
func TokenOf(word string) Token { return Token{Word: word, Stem: Stem(word), Stop: IsStop(word)} }

// IsStop reports a stop word (ours, or Snowball's English list), also behind a one-letter Arabic proclitic (و ف ب
// ل ك: "وشو", "بايش", "لايه").
func IsStop(w string) bool {
	if stopWords[w] || !IsArabic(w) && english.IsStopWord(w) {
		return true
	}
	if r, ok := CutArticle(w, 3); ok && stopWords[r] {
		return true // "الكلام", "الشي": a stop word with the article
	}
	for _, p := range proclitics {
		if r, ok := CutPrefix(w, p, 2); ok && stopWords[r] {
			return true
		}
	}
	return false
}
