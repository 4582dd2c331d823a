package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text after sentence-ending punctuation (. ! ? … and the Arabic ؟) that is followed by a space
// or the end, keeping closing quotes and brackets with their sentence; punctuation inside brackets ends nothing.
// Decimal points and initials such as "U.S." stay inside a sentence because no space follows their dot. The
// Arabic semicolon ؛ joins clauses of one sentence ("قائلاً أنها مبررة؛ لأنها تحمي …": the reason goes with what
// it explains); Clauses splits there. Joining the result with single spaces gives back the text with its
// whitespace collapsed.
func Sentences(text string) []string {
	return splitAfter(text, isSentenceEnd)
}

// Clauses splits a sentence after commas and semicolons (Latin and Arabic ، ؛) followed by a space: the pieces
// an over-long sentence is cut into, and the units an extractive answer can be trimmed to. A comma before a
// number ("March 30, 2024") does not split.
func Clauses(sentence string) []string {
	return splitAfter(sentence, func(r rune) bool { return r == ',' || r == ';' || r == '،' || r == '؛' })
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '؟', '۔':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '»', '”', '’':
		return true
	}
	return false
}

// splitAfter returns pieces of text (whitespace collapsed) that end where isEnd says. The pieces are substrings
// of text, not copies, when its whitespace is already collapsed, as a passage's is: the index keeps every
// sentence and clause of every passage.
func splitAfter(text string, isEnd func(rune) bool) []string {
	collapsed := strings.Join(strings.Fields(text), " ")
	if collapsed == text {
		collapsed = text
	}
	if !utf8.ValidString(collapsed) {
		collapsed = string([]rune(collapsed)) // invalid bytes become U+FFFD, as the runes below see them
	}
	runes := []rune(collapsed)
	at := make([]int, len(runes)+1) // byte offset of each rune in collapsed
	for i, off := 0, 0; i < len(runes); i++ {
		at[i] = off
		off += utf8.RuneLen(runes[i])
	}
	at[len(runes)] = len(collapsed)
	var out []string
	start := 0
	open := -1 // where the bracket the scan is inside opened, or -1
	for i := 0; i < len(runes); i++ {
		switch runes[i] {
		case '(', '[':
			if open < 0 {
				open = i
			}
		case ')', ']':
			open = -1
		}
		if !isEnd(runes[i]) {
			continue
		}
		if open >= 0 && i-open < maxBracketRunes {
			continue // "X (بالتركية: …؛ وبالتركية الحديثة: …) هو …" is one sentence
		}
		j := i + 1
		for j < len(runes) && (isEnd(runes[j]) || isCloser(runes[j])) {
			j++
		}
		if j < len(runes) && !unicode.IsSpace(runes[j]) {
			continue
		}
		if runes[i] == ',' && j+1 < len(runes) && unicode.IsDigit(runes[j+1]) {
			continue
		}
		if runes[i] == '.' && isAbbreviation(runes[start:i]) {
			continue
		}
		if s := strings.TrimSpace(collapsed[at[start]:at[j]]); s != "" {
			out = append(out, s)
		}
		start = j
		i = j
	}
	if s := strings.TrimSpace(collapsed[at[start]:]); s != "" {
		out = append(out, s)
	}
	return out
}

// maxBracketRunes bounds how far a bracket keeps its text in one piece: one never closed does not glue the rest
// of a document into one sentence.
const maxBracketRunes = 200

// abbreviations end in a dot that does not end a sentence.
var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"no": true, "vs": true, "etc": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "gen": true, "gov": true, "sen": true, "rep": true}

// isAbbreviation reports whether the word before a dot is an abbreviation: "Dr" or initials such as "U.S".
func isAbbreviation(before []rune) bool {
	k := len(before)
	for k > 0 && !unicode.IsSpace(before[k-1]) {
		k--
	}
	word := string(before[k:])
	if abbreviations[strings.ToLower(word)] {
		return true
	}
	for i, r := range []rune(word) {
		if i%2 == 0 && !unicode.IsUpper(r) || i%2 == 1 && r != '.' {
			return false
		}
	}
	return word != ""
}
