// Package knowledge holds what the bot knows: the built-in Xinhua article (embedded byte for byte), its aligned
// English rendering, the bilingual glossary, the documents an operator adds, and the splitting of all of them into
// passages with stable IDs.
//
// Of this module it imports only knowledge/nlp (languages, sentences), so retrieval, the bot and the commands can all
// build on it.
package knowledge

import (
	"regexp"
	"strings"

	"ccabot/knowledge/nlp"
)

// Document is one source text with its metadata. Text is kept exactly as read (the built-in article byte for byte).
type Document struct {
	ID     string // stable identifier: "xinhua-20240330" or the file's path below KNOWLEDGE_DIR without extension
	Title  string
	Source string // who published it, e.g. "Xinhua (Arabic)"
	Date   string // publication date, YYYY-MM-DD, or "" when unknown
	Place  string // dateline, e.g. "Xi'an"
	Lang   nlp.Lang
	// TranslationOf is the ID of the document this one renders into another language, or "". A translation's
	// paragraphs are aligned one to one with the original's.
	TranslationOf string
	Origin        string // where it came from: "built-in" or a file path, for reports
	Text          string
}

// IsTranslation reports whether d renders another document.
func (d Document) IsTranslation() bool { return d.TranslationOf != "" }

// Paragraphs returns the non-empty paragraphs of the text, trimmed. Blank lines separate paragraphs; a text with
// no blank line (like the Xinhua file, one paragraph per line) has one paragraph per line. Line breaks inside a
// paragraph become spaces.
func (d Document) Paragraphs() []string { return paragraphs(d.Text) }

// blankLines matches a run of lines holding only spaces or tabs.
var blankLines = regexp.MustCompile(`\n[ \t]*\n[ \t\n]*`)

// paragraphs are substrings of text, not copies, where their whitespace is already single spaces (as it is in
// most files): passages then share their document's memory.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var parts []string
	if blankLines.MatchString(text) {
		parts = blankLines.Split(text, -1)
	} else {
		parts = strings.Split(text, "\n")
	}
	var out []string
	for _, p := range parts {
		if collapsed := strings.Join(strings.Fields(p), " "); collapsed != p {
			p = collapsed
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
