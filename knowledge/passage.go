package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// DefaultMaxPassageRunes bounds a passage's length: long enough to keep a news paragraph whole, short enough to
// keep a model prompt small and an extractive answer focused.
const DefaultMaxPassageRunes = 700

// Passage is the unit of retrieval: a paragraph, or a part of a long paragraph cut on sentence boundaries.
type Passage struct {
	// ID is stable across runs while the document's paragraphs stay in place: "xinhua-20240330#4" for a whole
	// paragraph, "notes/x#7.2" for the second part of a split one.
	ID    string
	DocID string
	// Group ties a passage to its renderings: an original paragraph and its aligned translation share a Group
	// (the original's paragraph ID), so retrieval can treat them as one unit and answer in either language.
	Group       string
	Para        int // 1-based paragraph number (a split paragraph's part is in ID)
	Lang        nlp.Lang
	Title       string
	Source      string
	Date        string
	Translation bool
	Text        string
}

// Hash identifies the passage's content (and the metadata that shapes its answers): an index entry with the same
// hash need not be embedded again.
func (p Passage) Hash() string {
	sum := sha256.Sum256([]byte(p.ID + "\x00" + string(p.Lang) + "\x00" + p.Text))
	return hex.EncodeToString(sum[:16])
}

// Split cuts a document into passages of at most maxRunes runes (DefaultMaxPassageRunes when maxRunes <= 0),
// on paragraph boundaries first, then on sentence boundaries, then on clause boundaries, and only as a last
// resort between words.
func Split(doc Document, maxRunes int) []Passage {
	if maxRunes <= 0 {
		maxRunes = DefaultMaxPassageRunes
	}
	var out []Passage
	for i, para := range doc.Paragraphs() {
		parts := pack(para, maxRunes)
		for j, text := range parts {
			id := fmt.Sprintf("%s#%d", doc.ID, i+1)
			group := id
			if len(parts) > 1 {
				id = fmt.Sprintf("%s.%d", id, j+1)
			}
			out = append(out, Passage{
				ID: id, DocID: doc.ID, Group: group, Para: i + 1,
				Lang: doc.Lang, Title: doc.Title, Source: doc.Source, Date: doc.Date,
				Translation: doc.IsTranslation(), Text: text,
			})
		}
	}
	return out
}

// pack joins consecutive sentences of a paragraph into parts of at most maxRunes runes.
func pack(para string, maxRunes int) []string {
	if utf8.RuneCountInString(para) <= maxRunes {
		return []string{para}
	}
	var pieces []string
	for _, s := range nlp.Sentences(para) {
		pieces = append(pieces, cutLong(s, maxRunes)...)
	}
	var parts []string
	cur := ""
	for _, p := range pieces {
		switch {
		case cur == "":
			cur = p
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(p) <= maxRunes:
			cur += " " + p
		default:
			parts = append(parts, cur)
			cur = p
		}
	}
	if cur != "" {
		parts = append(parts, cur)
	}
	return parts
}

// cutLong splits one over-long sentence on clause boundaries, then between words, then (for a single huge
// "word") between runes, so no piece exceeds maxRunes.
func cutLong(s string, maxRunes int) []string {
	if utf8.RuneCountInString(s) <= maxRunes {
		return []string{s}
	}
	var out []string
	for _, clause := range nlp.Clauses(s) {
		if utf8.RuneCountInString(clause) <= maxRunes {
			out = appendJoined(out, clause, maxRunes)
			continue
		}
		for _, w := range strings.Fields(clause) {
			r := []rune(w)
			for len(r) > maxRunes {
				out = append(out, string(r[:maxRunes]))
				r = r[maxRunes:]
			}
			out = appendJoined(out, string(r), maxRunes)
		}
	}
	return out
}

// appendJoined adds piece to the last element of out when both fit within maxRunes, else as a new element.
func appendJoined(out []string, piece string, maxRunes int) []string {
	if n := len(out); n > 0 && utf8.RuneCountInString(out[n-1])+1+utf8.RuneCountInString(piece) <= maxRunes {
		out[n-1] += " " + piece
		return out
	}
	return append(out, piece)
}
