package rag

import (
	"context"
	"slices"
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// Questions about a document rather than its content ("what's the headline?", "which agency reported this?",
// "what is this news about?") are answered from the document itself: its title, its publisher and date, or
// its title and opening sentence.

// documentAnswer answers a question about the document the question points at, else about the first document
// (the built-in article).
func (s *Service) documentAnswer(ctx context.Context, q *query, a Answer) (Answer, error) {
	first, err := s.documentAsked(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	var hits []hit // the document's first unit; none when there is no document at all
	if first >= 0 {
		hits = []hit{{group: s.ix.groupOf[first], score: 1}}
	}
	v := s.decide(evidence{at: afterRetrieval, q: q, hits: hits})
	if v.refused {
		a.Refused, a.Text, a.Reason = true, refusalText(v.reason, q.lang), v.reason
		return a, nil
	}
	doc := s.ix.passages[first].DocID
	src := s.ix.source(hits[0], q.lang)
	switch q.kind {
	case sourceAnswer:
		a.Body = s.ix.lex.publisherIn(src.Publisher, q.lang)
		if d := FormatDate(src.Date, q.lang); d != "" {
			a.Body += ", " + d
		}
	case gistAnswer:
		a.Body = src.Title
		if next := first + 1; next < len(s.ix.passages) && s.ix.passages[next].DocID == doc {
			lead := s.ix.source(hit{group: s.ix.groupOf[next], score: 1}, q.lang)
			if sents := nlp.Sentences(lead.Text); len(sents) > 0 {
				a.Body += ": " + strings.TrimSpace(sents[0])
				src = lead
			}
		}
	default:
		a.Body = src.Title
	}
	a.Confidence = v.confidence
	a.Sources = []Source{src}
	a.Retrieved = a.Sources
	a.Text = a.Body + "\n\n" + sourceLine(src, q.lang)
	return a, nil
}

// documentAsked is the first passage of the document q points at, else of the first document (the built-in
// article); -1 when there is no document.
func (s *Service) documentAsked(ctx context.Context, q *query) (int, error) {
	if len(s.ix.passages) == 0 {
		return -1, nil
	}
	doc := s.ix.passages[0].DocID
	if q.substantive() {
		hits, err := s.ix.search(ctx, q, 1)
		if err != nil {
			return -1, err
		}
		if len(hits) > 0 {
			doc = s.ix.passages[s.ix.groups[hits[0].group].members[0]].DocID
		}
	}
	return slices.IndexFunc(s.ix.passages, func(p knowledge.Passage) bool { return p.DocID == doc }), nil
}

// publisherIn is a publisher's name for an answer in lang: for an Arabic question, the glossary's Arabic name
// of the agency beside the name as the document gives it ("شينخوا — Xinhua (Arabic)"), when the name before any
// bracket or comma is that agency's name whole ("UN News, citing Xinhua" is not Xinhua).
func (l *lexicon) publisherIn(publisher string, lang nlp.Lang) string {
	if lang != nlp.Arabic {
		return publisher
	}
	name := publisher
	if i := strings.IndexAny(name, "(,،"); i >= 0 {
		name = name[:i]
	}
	toks := nlp.Tokenize(name)
	sp := l.match(toks)
	if len(sp) == 1 && sp[0].start == 0 && sp[0].end == len(toks) && l.entries[sp[0].entry].Kind == "org" {
		return l.name(sp[0].entry, nlp.Arabic) + " — " + publisher
	}
	return publisher
}
