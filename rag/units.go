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
	// subject holds the terms of what its document's encyclopaedic opening defines (see inheritTopic), nil for
	// none: the unit is about it.
	subject []string
}

func (g *group) addTitle(term string) {
	if g.titles == nil {
		g.titles = map[string]bool{}
	}
	g.titles[strings.Clone(term)] = true
}

// member picks the passage of a unit in the wanted language, else the original: the first, when a long
// paragraph was cut into parts.
func (u *units) member(g int, lang nlp.Lang) int { return u.inLang(g, lang)[0] }

// inLang lists a unit's passages in the wanted language, else its originals, in document order: every part of a
// long paragraph, so that an answer in the third part is found.
func (u *units) inLang(g int, lang nlp.Lang) []int {
	members := u.groups[g].members
	var out []int
	for _, m := range members {
		if u.passages[m].Lang == lang {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		for _, m := range members {
			if !u.passages[m].Translation {
				out = append(out, m)
			}
		}
	}
	if len(out) == 0 {
		return members[:1]
	}
	return out
}

// source is the Source of hit h: its unit's passage in lang (see member).
func (u *units) source(h hit, lang nlp.Lang) Source {
	return u.sourceOf(u.member(h.group, lang), h.score)
}

// sourceOf is the Source of passage p, found with score.
func (u *units) sourceOf(p int, score float64) Source {
	ps := u.passages[p]
	return Source{ID: ps.ID, Group: u.groups[u.groupOf[p]].key, Title: ps.Title, Publisher: ps.Source, Date: ps.Date,
		Translation: ps.Translation, Text: ps.Text, Score: score}
}
