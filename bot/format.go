package bot

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageUnits is Telegram's limit on a message's text after entity parsing, counted in UTF-16 code units.
const MaxMessageUnits = 4096

// utf16Len is the length Telegram counts: UTF-16 code units (an emoji outside the BMP counts 2).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if utf16.RuneLen(r) < 0 {
			n++ // invalid rune: sent as U+FFFD, one unit
		}
	}
	return n
}

// message is one Telegram message to send: HTML text and its visible length.
type message struct {
	html string
}

// renderHTML builds the messages for a reply: the body, escaped, split into pieces that each fit
// MaxMessageUnits once parsed, and an italic footer (our only markup) on the last piece, or alone when it does
// not fit. Every piece of text that is not our own markup is escaped, so no user, document or model text can
// break Telegram's HTML parser. Splits fall on paragraph, then line, then sentence, then word boundaries, and
// never inside a character or a tag.
func renderHTML(body, footer string, limit int) []message {
	if limit <= 0 || limit > MaxMessageUnits {
		limit = MaxMessageUnits
	}
	body = strings.ToValidUTF8(strings.TrimSpace(body), "\uFFFD")
	footer = strings.ToValidUTF8(strings.TrimSpace(footer), "\uFFFD")
	if footer != "" && utf16Len(footer) > limit {
		footer = truncateUnits(footer, limit-1) + "…"
	}
	var out []message
	pieces := splitText(body, limit)
	for i, p := range pieces {
		text := html.EscapeString(p)
		if i == len(pieces)-1 && footer != "" && utf16Len(p)+2+utf16Len(footer) <= limit {
			text += "\n\n<i>" + html.EscapeString(footer) + "</i>"
			footer = ""
		}
		out = append(out, message{html: text})
	}
	if footer != "" {
		out = append(out, message{html: "<i>" + html.EscapeString(footer) + "</i>"})
	}
	return out
}

// splitText cuts text into pieces of at most limit UTF-16 units, preferring paragraph breaks, then line
// breaks, then sentence ends, then spaces; a single unbreakable run is cut between characters. Joining the
// pieces with the separators they were cut at gives back the text, modulo the whitespace at the cuts.
func splitText(text string, limit int) []string {
	var out []string
	for utf16Len(text) > limit {
		cut := bestCut(text, limit)
		piece := strings.TrimRightFunc(text[:cut], unicode.IsSpace)
		if piece != "" {
			out = append(out, piece)
		}
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
	}
	if text != "" || len(out) == 0 {
		out = append(out, text)
	}
	return out
}

// bestCut returns a byte offset in text at which the prefix fits limit units: the last paragraph break, else
// line break, else sentence end, else space within the prefix, else the last whole character that fits.
func bestCut(text string, limit int) int {
	end := prefixBytes(text, limit)
	window := text[:end]
	for _, sep := range []string{"\n\n", "\n"} {
		if i := strings.LastIndex(window, sep); i > 0 {
			return i + len(sep)
		}
	}
	if i := lastSentenceEnd(window); i > 0 {
		return i
	}
	if i := strings.LastIndexFunc(window, unicode.IsSpace); i > 0 {
		_, size := utf8.DecodeRuneInString(window[i:]) // a no-break space is two bytes
		return i + size
	}
	if end == 0 { // limit smaller than one character: take one anyway
		_, size := utf8.DecodeRuneInString(text)
		return size
	}
	return end
}

// prefixBytes is the length in bytes of the longest prefix of text that fits limit UTF-16 units.
func prefixBytes(text string, limit int) int {
	units := 0
	for i, r := range text {
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		if units+n > limit {
			return i
		}
		units += n
	}
	return len(text)
}

// lastSentenceEnd is the byte offset just after the last sentence-ending mark followed by a space in s.
func lastSentenceEnd(s string) int {
	best := -1
	for i, r := range s {
		switch r {
		case '.', '!', '?', '؟', '؛', '…':
			j := i + utf8.RuneLen(r)
			if j < len(s) && (s[j] == ' ' || s[j] == '\n') {
				best = j
			}
		}
	}
	return best
}

func truncateUnits(s string, limit int) string { return s[:prefixBytes(s, limit)] }

// plainText strips our markup from a rendered message: the fallback when Telegram rejects the HTML anyway.
func plainText(htmlText string) string {
	s := strings.NewReplacer("<i>", "", "</i>", "", "<b>", "", "</b>", "").Replace(htmlText)
	return html.UnescapeString(s)
}
