package rag

import (
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// units are the corpus's passages gathered into retrieval units: a paragraph (or part of one) and its renderings in
// the other language, found together by a question in either. Retrieval ranks units; an answer quotes a passage of
// one, in the question's language; a model is given whole ones. NewIndex builds them, and the extractor, the
// support check and the prompt read them through a pointer to the Index's own; nothing changes them after.
type units struct {
	passages []knowledge.Passage
	groups   []group
	groupOf  []int // passage index → group index
	// groupTokens is the estimated size of each unit in a prompt: all its renderings and their header.
	groupTokens []int
}

// group is a retrieval unit: a paragraph (or part) and its renderings in the other language.
type group struct {
	key     string
	members []int   // passage indexes, original first
	free    termSet // coverage terms of all members
	// titles are the stems and roots of the words inside its titles, which free leaves out: a model answer
	// saying "خارجيتها" or "vice minister" uses the unit's words (see supportCheck.grounded). nil when it has none.
	titles map[string]bool
}

func (g *group) addTitle(term string) {
	if g.titles == nil {
		g.titles = map[string]bool{}
	}
	g.titles[strings.Clone(term)] = true
}

// member picks the passage of a unit in the wanted language, else the original.
func (u *units) member(g int, lang nlp.Lang) int {
	members := u.groups[g].members
	for _, m := range members {
		if u.passages[m].Lang == lang {
			return m
		}
	}
	for _, m := range members {
		if !u.passages[m].Translation {
			return m
		}
	}
	return members[0]
}

// source is the Source of hit h: its unit's passage in lang (see member).
func (u *units) source(h hit, lang nlp.Lang) Source {
	p := u.passages[u.member(h.group, lang)]
	return Source{ID: p.ID, Group: u.groups[h.group].key, Title: p.Title, Publisher: p.Source, Date: p.Date,
		Translation: p.Translation, Text: p.Text, Score: h.score}
}
