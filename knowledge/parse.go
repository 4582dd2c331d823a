package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// parseDocument turns a file's bytes into a Document. The file may start with front matter between two "---"
// lines holding "key: value" pairs (title, source, date, lang, place, translation_of); everything else is text.
// Missing metadata is filled in: the title from the first paragraph, the language from the script.
func parseDocument(id, origin string, raw []byte) (Document, error) {
	if err := notText(raw); err != nil {
		return Document{}, err
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	doc := Document{ID: id, Origin: origin}
	if body, ok := strings.CutPrefix(text, "---\n"); ok {
		front, rest, found := strings.Cut(body, "\n---")
		if !found {
			return Document{}, errors.New("front matter: no closing ---")
		}
		if err := doc.applyFrontMatter(front); err != nil {
			return Document{}, fmt.Errorf("front matter: %w", err)
		}
		text = strings.TrimPrefix(strings.TrimLeft(rest, "-"), "\n")
	}
	doc.Text = text
	paras := doc.Paragraphs()
	if len(paras) == 0 {
		return Document{}, errors.New("no text")
	}
	if doc.Title == "" {
		doc.Title = truncateRunes(paras[0], 120)
	}
	if doc.Lang == "" {
		doc.Lang = nlp.DetectLang(text)
	}
	return doc, nil
}

// maxControlShare is the share of control characters (other than tab, line and page breaks) above which a file
// is taken for binary: text may hold a stray one, a binary file holds one in a few bytes.
const maxControlShare = 0.01

// notText reports why raw is not a text document, or nil: not UTF-8, NUL bytes (binary formats, a file of zeroes
// left by a failed copy), or control characters above maxControlShare. Such a file would otherwise be split into
// hundreds of junk passages.
func notText(raw []byte) error {
	if !utf8.Valid(raw) {
		return errors.New("not valid UTF-8")
	}
	if n := bytes.Count(raw, []byte{0}); n > 0 {
		return fmt.Errorf("%d NUL bytes: not text", n)
	}
	runes, controls := 0, 0
	for _, r := range string(raw) {
		runes++
		if unicode.IsControl(r) && !strings.ContainsRune("\t\n\v\f\r", r) {
			controls++
		}
	}
	if float64(controls) > maxControlShare*float64(runes) {
		return fmt.Errorf("%d of %d characters are control characters: not text", controls, runes)
	}
	return nil
}

func (d *Document) applyFrontMatter(front string) error {
	var errs []error
	for n, line := range strings.Split(front, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			errs = append(errs, fmt.Errorf("line %d: want key: value, got %q", n+1, truncateRunes(line, 40)))
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch key {
		case "title":
			d.Title = value
		case "source":
			d.Source = value
		case "place":
			d.Place = value
		case "translation_of":
			d.TranslationOf = value
		case "date":
			if _, err := time.Parse(time.DateOnly, value); err != nil {
				errs = append(errs, fmt.Errorf("line %d: date %q is not YYYY-MM-DD", n+1, value))
			}
			d.Date = value
		case "lang", "language":
			switch l := nlp.Lang(strings.ToLower(value)); l {
			case nlp.Arabic, nlp.English:
				d.Lang = l
			default:
				errs = append(errs, fmt.Errorf("line %d: lang %q is not ar or en", n+1, value))
			}
		default:
			// Unknown keys (author, tags, …) are allowed: operators reuse files written for other tools.
		}
	}
	return errors.Join(errs...)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}
