package bottest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

const mdV2Reserved = "_*[]()~`>#+-=|{}.!"

// tdlib's names for entity types, used in "Can't find end of X entity" errors.
var mdV2Names = map[string]string{"b": "Bold", "i": "Italic", "u": "Underline", "s": "Strikethrough",
	"spoiler": "Spoiler", "code": "Code", "pre": "Pre", "a": "TextUrl", "emoji": "CustomEmoji"}

// parseMarkdownV2 follows tdlib's parse_markdown_v2: every reserved character outside an entity delimiter must
// be escaped with '\'; inside code and pre only '`' (and '\') must be. '>' starts a blockquote at line start.
func parseMarkdownV2(text string) (string, string, error) {
	var b textBuilder
	var stack []openEntity
	n := len(text)
	at := func(i int) byte {
		if i < n {
			return text[i]
		}
		return 0
	}
	for i := 0; i < n; i++ {
		c := text[i]
		if c == '\\' && at(i+1) > 0 && at(i+1) <= 126 {
			i++
			b.rune(rune(text[i]))
			continue
		}
		reserved := mdV2Reserved
		var top *openEntity
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
			if top.name == "code" || top.name == "pre" {
				reserved = "`"
			}
		}
		if c == '>' && reserved != "`" && (i == 0 || text[i-1] == '\n') {
			b.mark("blockquote", "", b.u16)
			continue
		}
		if !strings.ContainsRune(reserved, rune(c)) {
			r, size := utf8.DecodeRuneInString(text[i:])
			b.rune(r)
			i += size - 1
			continue
		}
		isEnd := false
		if top != nil {
			switch top.name {
			case "b":
				isEnd = c == '*'
			case "i":
				isEnd = c == '_' && at(i+1) != '_'
			case "code":
				isEnd = c == '`'
			case "pre":
				isEnd = c == '`' && at(i+1) == '`' && at(i+2) == '`'
			case "a", "emoji":
				isEnd = c == ']'
			case "u":
				isEnd = c == '_' && at(i+1) == '_'
			case "s":
				isEnd = c == '~'
			case "spoiler":
				isEnd = c == '|' && at(i+1) == '|'
			}
		}
		if isEnd {
			e := *top
			stack = stack[:len(stack)-1]
			switch e.name {
			case "u", "spoiler":
				i++
			case "pre":
				i += 2
			case "a", "emoji":
				if at(i+1) == '(' {
					urlBegin := i + 2
					var url strings.Builder
					for i += 2; i < n && text[i] != ')'; i++ {
						if text[i] == '\\' && at(i+1) > 0 && at(i+1) <= 126 {
							i++
						}
						url.WriteByte(text[i])
					}
					if i >= n {
						return "", "", fmt.Errorf("Can't find end of a URL at byte offset %d", urlBegin)
					}
					e.arg = url.String()
				} else if e.name == "emoji" {
					return "", "", fmt.Errorf("Custom emoji entity must contain a tg://emoji URL")
				}
			}
			b.mark(e.name, e.arg, e.start)
			continue
		}
		e := openEntity{byteOff: i}
		switch c {
		case '_':
			e.name = "i"
			if at(i+1) == '_' {
				e.name = "u"
				i++
			}
		case '*':
			e.name = "b"
		case '~':
			e.name = "s"
		case '[':
			e.name = "a"
		case '|', '!':
			next := byte('|')
			e.name = "spoiler"
			if c == '!' {
				next, e.name = '[', "emoji"
			}
			if at(i+1) != next {
				return "", "", reservedErr(c)
			}
			i++
		case '`':
			e.name = "code"
			if at(i+1) == '`' && at(i+2) == '`' {
				e.name = "pre"
				i += 3
				lang := i
				for lang < n && !isSpace(text[lang]) && text[lang] != '`' {
					lang++
				}
				if lang > i && lang < n && text[lang] != '`' {
					e.arg, i = text[i:lang], lang
				}
				if at(i) == '\n' || at(i) == '\r' {
					if (at(i+1) == '\n' || at(i+1) == '\r') && at(i) != at(i+1) {
						i++
					}
					i++
				}
				i--
			}
		default:
			return "", "", reservedErr(c)
		}
		e.start = b.u16
		stack = append(stack, e)
	}
	if len(stack) > 0 {
		e := stack[len(stack)-1]
		return "", "", fmt.Errorf("Can't find end of %s entity at byte offset %d", mdV2Names[e.name], e.byteOff)
	}
	return b.out.String(), b.marks.String(), nil
}

func reservedErr(c byte) error {
	return fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
}

// parseMarkdown follows tdlib's parse_markdown for the legacy "Markdown" mode: _italic_, *bold*, `code`,
// ```pre``` and [text](url); only an entity without its end is an error.
func parseMarkdown(text string) (string, string, error) {
	var b textBuilder
	n := len(text)
	for i := 0; i < n; i++ {
		c := text[i]
		if c == '\\' && i+1 < n && strings.IndexByte("_*`[", text[i+1]) >= 0 {
			i++
			b.rune(rune(text[i]))
			continue
		}
		if strings.IndexByte("_*`[", c) < 0 {
			r, size := utf8.DecodeRuneInString(text[i:])
			b.rune(r)
			i += size - 1
			continue
		}
		begin, end, kind := i, c, map[byte]string{'_': "i", '*': "b", '`': "code", '[': "a"}[c]
		if c == '[' {
			end = ']'
		}
		i++
		pre := c == '`' && strings.HasPrefix(text[i:], "``")
		if pre {
			kind = "pre"
			i += 2
		}
		start := b.u16
		for ; i < n && (text[i] != end || pre && !strings.HasPrefix(text[i:], "```")); i++ {
			r, size := utf8.DecodeRuneInString(text[i:])
			b.rune(r)
			i += size - 1
		}
		if i >= n {
			return "", "", fmt.Errorf("Can't find end of the entity starting at byte offset %d", begin)
		}
		arg := ""
		if c == '[' && i+1 < n && text[i+1] == '(' {
			j := strings.IndexByte(text[i+2:], ')')
			if j < 0 {
				j = n - i - 2
			}
			arg, i = text[i+2:i+2+j], i+2+j
		}
		if pre {
			i += 2
		}
		b.mark(kind, arg, start)
	}
	return b.out.String(), b.marks.String(), nil
}
