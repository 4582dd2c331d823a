package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// group is a retrieval unit: a paragraph (or part) and its renderings in the other language.
type group struct {
	key     string
	members []int   // passage indexes, original first
	free    termSet // coverage terms of all members
	// titles are the stems and roots of the words inside its titles, which free leaves out: a model answer
	// saying "خارجيتها" or "vice minister" uses the unit's words (see Index.grounded). nil when it has none.
	titles map[string]bool
}

func (g *group) addTitle(term string) {
	if g.titles == nil {
		g.titles = map[string]bool{}
	}
	g.titles[strings.Clone(term)] = true
}

// member picks the passage of a unit in the wanted language, else the original.
func (ix *Index) member(g int, lang nlp.Lang) int {
	members := ix.groups[g].members
	for _, m := range members {
		if ix.passages[m].Lang == lang {
			return m
		}
	}
	for _, m := range members {
		if !ix.passages[m].Translation {
			return m
		}
	}
	return members[0]
}

func (ix *Index) source(h Hit, lang nlp.Lang) Source {
	p := ix.passages[ix.member(h.group, lang)]
	return Source{ID: p.ID, Group: ix.groups[h.group].key, Title: p.Title, Publisher: p.Source, Date: p.Date,
		Translation: p.Translation, Text: p.Text, Score: h.Score}
}
