package rag

import (
	"strings"
	"testing"

	"ccabot/knowledge"
)

// docsService builds a Service over operator documents alone.
func docsService(t *testing.T, docs ...knowledge.Document) *Service {
	t.Helper()
	c, problems := knowledge.NewCorpus(docs, 0)
	if len(problems) > 0 {
		t.Fatal(problems[0])
	}
	ix, _, err := NewIndex(t.Context(), c, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return NewService(ix, Options{})
}

// wantConfident asks each question and wants a confident answer holding its text.
func wantConfident(t *testing.T, svc *Service, answers map[string]string) {
	t.Helper()
	wantAnswers(t, svc, answers, true)
}

// wantAnswered asks each question and wants an answer holding its text, confident or hedged.
func wantAnswered(t *testing.T, svc *Service, answers map[string]string) {
	t.Helper()
	wantAnswers(t, svc, answers, false)
}

func wantAnswers(t *testing.T, svc *Service, answers map[string]string, confident bool) {
	t.Helper()
	for q, want := range answers {
		a, err := svc.Ask(t.Context(), Request{Question: q})
		if err != nil || a.Refused || confident && a.Confidence != High || !strings.Contains(a.Body, want) {
			t.Errorf("Ask(%q) = %q (confidence %q, reason %q), want %q (confident: %v)", q, a.Body, a.Confidence, a.Reason, want, confident)
		}
	}
}
