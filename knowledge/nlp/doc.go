// Package nlp is the bot's language handling, each rule written once: Arabic and English normalisation and
// letter folding (normalize.go), words and tokens (token.go), the Arabic clitics, article and conjunction
// (arabic.go), stems (stem.go: Arabic light10, English Snowball) and Arabic roots (root.go: ISRI), the stop,
// framing and follow-up word lists (stopwords.go), the table of dialect words (dialect.go), the speller
// (spell.go) with its list of common English words (english.go), English synonyms from WordNet (synonyms.go),
// telling Arabic from English (lang.go), the scripts of a text (script.go), naming the language of a question in
// neither (languages.go), and sentence and clause splitting (sentence.go).
//
// It is a leaf: it imports the standard library and small text libraries only, so the knowledge, rag and bot
// packages and the commands all build on it. Everything in it is safe for concurrent use (a Speller once
// filled); its word lists are read-only once the package is initialised.
package nlp
