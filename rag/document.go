package rag

import (
	"context"
	"strings"

	"ccabot/knowledge/nlp"
)

// Questions about a document rather than its content ("what's the headline?", "which agency reported this?",
// "what is this news about?") are answered from the document itself: its title, its publisher and date, or
// its title and opening sentence.

// documentAnswer answers a question about the document the question points at, else about the first document
// (the built-in article).
func (s *Service) documentAnswer(ctx context.Context, q *query, a Answer) (Answer, error) {
	if len(s.ix.passages) == 0 {
		a.Refused, a.Text, a.Reason = true, NotCoveredText(q.lang), ReasonNoCandidate
		return a, nil
	}
	doc := s.ix.passages[0].DocID
	if q.substantive() {
		hits, err := s.ix.search(ctx, q, 1)
		if err != nil {
			return Answer{}, err
		}
		if len(hits) > 0 {
			doc = s.ix.passages[s.ix.groups[hits[0].group].members[0]].DocID
		}
	}
	first := 0
	for i, p := range s.ix.passages {
		if p.DocID == doc {
			first = i
			break
		}
	}
	src := s.ix.source(Hit{group: s.ix.groupOf[first], Score: 1}, q.lang)
	switch q.kind {
	case sourceAnswer:
		a.Body = src.Publisher
		if d := FormatDate(src.Date, q.lang); d != "" {
			a.Body += ", " + d
		}
	case gistAnswer:
		a.Body = src.Title
		if next := first + 1; next < len(s.ix.passages) && s.ix.passages[next].DocID == doc {
			lead := s.ix.source(Hit{group: s.ix.groupOf[next], Score: 1}, q.lang)
			if sents := nlp.Sentences(lead.Text); len(sents) > 0 {
				a.Body += ": " + strings.TrimSpace(sents[0])
				src = lead
			}
		}
	default:
		a.Body = src.Title
	}
	a.Confidence = High
	a.Sources = []Source{src}
	a.Retrieved = a.Sources
	a.Text = a.Body + "\n\n" + SourceLine(src, q.lang)
	return a, nil
}
