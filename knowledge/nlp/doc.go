// Package nlp is the bot's language handling, each rule written once: telling Arabic from English, and sentence
// and clause splitting.
//
// It is a leaf: it imports the standard library and small text libraries only, so the knowledge, rag and bot
// packages and the commands all build on it. Everything in it is safe for concurrent use.
package nlp
