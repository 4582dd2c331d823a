package knowledge

import (
	"fmt"
	"sort"
)

// Corpus is the documents the bot answers from and their passages, with translations aligned to their originals.
type Corpus struct {
	Docs     []Document
	Passages []Passage
}

// NewCorpus splits docs into passages and aligns each translation with its original, paragraph by paragraph.
// A translation whose original is missing, or whose paragraph count differs from the original's, is kept as a
// standalone document and reported in problems, since a misaligned rendering would pair the wrong texts.
func NewCorpus(docs []Document, maxRunes int) (Corpus, []error) {
	var problems []error
	byID := make(map[string]Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	c := Corpus{Docs: docs}
	for _, d := range docs {
		passages := Split(d, maxRunes)
		if d.IsTranslation() {
			if err := align(passages, d, byID); err != nil {
				problems = append(problems, fmt.Errorf("translation %s (%s): %w", d.ID, d.Origin, err))
			}
		}
		c.Passages = append(c.Passages, passages...)
	}
	return c, problems
}

func align(passages []Passage, tr Document, byID map[string]Document) error {
	orig, ok := byID[tr.TranslationOf]
	if !ok {
		return fmt.Errorf("translation_of %q: no such document, kept unaligned", tr.TranslationOf)
	}
	if orig.IsTranslation() {
		return fmt.Errorf("translation_of %q: that document is itself a translation, kept unaligned", orig.ID)
	}
	if no, nt := len(orig.Paragraphs()), len(tr.Paragraphs()); no != nt {
		return fmt.Errorf("%d paragraphs against %d in %s, kept unaligned", nt, no, orig.ID)
	}
	for i := range passages {
		passages[i].Group = fmt.Sprintf("%s#%d", orig.ID, passages[i].Para)
	}
	return nil
}

// Sources lists the documents that are not translations, sorted by date (newest first) then ID: what /sources and
// the help text show.
func (c Corpus) Sources() []Document {
	var out []Document
	for _, d := range c.Docs {
		if !d.IsTranslation() {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	return out
}
