package bottest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// UTF16Len is the length of s in UTF-16 code units, the unit of Telegram's limits and entity offsets.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16RuneLen(r)
	}
	return n
}

func utf16RuneLen(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// ParseText parses text as Telegram does for parse_mode ("", "HTML", "MarkdownV2" or "Markdown") and returns
// the visible text, or the description Telegram answers with 400, e.g. "Bad Request: can't parse entities:
// Unsupported start tag \"script\" at byte offset 0".
func ParseText(text, parseMode string) (visible string, err error) {
	visible, _, f := parseText(text, parseMode)
	if f != nil {
		return "", fmt.Errorf("%s", f.Description)
	}
	return visible, nil
}

// parseText returns the visible text and a signature of its formatting (entity kinds, arguments and ranges).
func parseText(text, mode string) (visible, sig string, f *Fault) {
	if !utf8.ValidString(text) {
		return "", "", badRequest("text must be encoded in UTF-8")
	}
	var err error
	switch strings.ToLower(mode) {
	case "":
		return text, "", nil
	case "html":
		visible, sig, err = parseHTML(text)
	case "markdownv2":
		visible, sig, err = parseMarkdownV2(text)
	case "markdown":
		visible, sig, err = parseMarkdown(text)
	default:
		return "", "", badRequest("unsupported parse_mode")
	}
	if err != nil {
		return "", "", badRequest("can't parse entities: " + err.Error())
	}
	return visible, sig, nil
}

// htmlTags maps the tags Telegram accepts to the entity they produce.
var htmlTags = map[string]string{"a": "a", "b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u",
	"s": "s", "strike": "s", "del": "s", "span": "spoiler", "tg-spoiler": "spoiler", "code": "code", "pre": "pre",
	"blockquote": "blockquote", "tg-emoji": "emoji"}

type openEntity struct {
	name, arg string
	start     int // UTF-16 offset in the visible text
	byteOff   int // byte offset in the source
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// textBuilder accumulates visible text, its UTF-16 length and the entity signature.
type textBuilder struct {
	out   strings.Builder
	u16   int
	marks strings.Builder
}

func (b *textBuilder) rune(r rune) {
	b.out.WriteRune(r)
	b.u16 += utf16RuneLen(r)
}

func (b *textBuilder) mark(kind, arg string, start int) {
	fmt.Fprintf(&b.marks, "%s(%q)%d-%d;", kind, arg, start, b.u16)
}

// parseHTML follows tdlib's parse_html, except that it rejects every '&' that does not start one of the
// supported entities (&lt; &gt; &amp; &quot; &#NN; &#xNN;), where Telegram would keep it as text.
func parseHTML(text string) (string, string, error) {
	var b textBuilder
	var stack []openEntity
	n := len(text)
	for i := 0; i < n; {
		switch text[i] {
		case '&':
			r, size, err := htmlEntity(text, i)
			if err != nil {
				return "", "", err
			}
			b.rune(r)
			i += size
			continue
		case '<':
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			b.rune(r)
			i += size
			continue
		}
		begin := i
		if i+1 < n && text[i+1] == '/' {
			if len(stack) == 0 {
				return "", "", fmt.Errorf("Unexpected end tag at byte offset %d", begin)
			}
			j := i + 2
			for j < n && !isSpace(text[j]) && text[j] != '>' {
				j++
			}
			name := strings.ToLower(text[i+2 : j])
			for j < n && isSpace(text[j]) {
				j++
			}
			if j >= n || text[j] != '>' {
				return "", "", fmt.Errorf("Unclosed end tag at byte offset %d", begin)
			}
			top := stack[len(stack)-1]
			if name != "" && name != top.name {
				return "", "", fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"",
					begin, top.name, name)
			}
			stack = stack[:len(stack)-1]
			b.mark(htmlTags[top.name], top.arg, top.start)
			i = j + 1
			continue
		}
		j := i + 1
		for j < n && !isSpace(text[j]) && text[j] != '>' {
			j++
		}
		if j >= n {
			return "", "", fmt.Errorf("Unclosed start tag at byte offset %d", begin)
		}
		name := strings.ToLower(text[i+1 : j])
		if _, ok := htmlTags[name]; !ok {
			return "", "", fmt.Errorf("Unsupported start tag %q at byte offset %d", name, begin)
		}
		arg, end, err := htmlAttributes(text, j, name, begin)
		if err != nil {
			return "", "", err
		}
		if name == "span" && arg != "spoiler" {
			return "", "", fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
		}
		stack = append(stack, openEntity{name: name, arg: arg, start: b.u16, byteOff: begin})
		i = end + 1
	}
	if len(stack) > 0 {
		return "", "", fmt.Errorf("Can't find end tag corresponding to start tag %q", stack[len(stack)-1].name)
	}
	return b.out.String(), b.marks.String(), nil
}

// htmlAttributes parses the attributes of tag name from text[j:] and returns the entity argument and the
// index of the closing '>'.
func htmlAttributes(text string, j int, name string, begin int) (arg string, end int, err error) {
	n := len(text)
	unclosed := fmt.Errorf("Unclosed start tag at byte offset %d", begin)
	for {
		for j < n && isSpace(text[j]) {
			j++
		}
		if j >= n {
			return "", 0, unclosed
		}
		if text[j] == '>' {
			return arg, j, nil
		}
		attrBegin := j
		for j < n && !isSpace(text[j]) && text[j] != '=' && text[j] != '>' {
			j++
		}
		attr := strings.ToLower(text[attrBegin:j])
		if attr == "" {
			return "", 0, fmt.Errorf("Empty attribute name in the tag %q at byte offset %d", name, attrBegin)
		}
		for j < n && isSpace(text[j]) {
			j++
		}
		if j < n && text[j] != '=' && name == "blockquote" && attr == "expandable" {
			arg = "expandable"
			continue
		}
		if j >= n || text[j] != '=' {
			return "", 0, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag %q at byte offset %d",
				name, begin)
		}
		for j++; j < n && isSpace(text[j]); j++ {
		}
		if j >= n {
			return "", 0, unclosed
		}
		var val strings.Builder
		if q := text[j]; q == '"' || q == '\'' {
			for j++; j < n && text[j] != q; {
				if text[j] == '&' {
					r, size, err := htmlEntity(text, j)
					if err != nil {
						return "", 0, err
					}
					val.WriteRune(r)
					j += size
					continue
				}
				val.WriteByte(text[j])
				j++
			}
			j++ // closing quote
		} else {
			tok := j
			for j < n && (isAlnum(text[j]) || text[j] == '.' || text[j] == '-') {
				j++
			}
			val.WriteString(strings.ToLower(text[tok:j]))
			if j < n && !isSpace(text[j]) && text[j] != '>' {
				return "", 0, fmt.Errorf("Unexpected end of name token at byte offset %d", tok)
			}
		}
		if j >= n {
			return "", 0, unclosed
		}
		v := val.String()
		switch {
		case name == "a" && attr == "href", name == "tg-emoji" && attr == "emoji-id":
			arg = v
		case name == "code" && attr == "class" && strings.HasPrefix(v, "language-"):
			arg = v[len("language-"):]
		case name == "span" && attr == "class" && strings.HasPrefix(v, "tg-"):
			arg = v[len("tg-"):]
		}
	}
}

// htmlEntity decodes the character reference at text[i] ('&') and returns the character and the bytes used.
func htmlEntity(text string, i int) (rune, int, error) {
	semi := strings.IndexByte(text[i:min(len(text), i+12)], ';')
	if semi < 0 {
		return 0, 0, fmt.Errorf("Unsupported HTML entity at byte offset %d: '&' must be written as &amp;", i)
	}
	name := text[i+1 : i+semi]
	switch name {
	case "lt":
		return '<', semi + 1, nil
	case "gt":
		return '>', semi + 1, nil
	case "amp":
		return '&', semi + 1, nil
	case "quot":
		return '"', semi + 1, nil
	}
	if num, ok := strings.CutPrefix(name, "#"); ok && num != "" {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err == nil && v != 0 && v < 0x10ffff && !(v >= 0xd800 && v <= 0xdfff) && num[0] != '+' {
			return rune(v), semi + 1, nil
		}
	}
	return 0, 0, fmt.Errorf("Unsupported HTML entity \"&%s;\" at byte offset %d", name, i)
}
