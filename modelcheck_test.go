package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ccabot/rag/llm"
	"ccabot/rag/ragtest"
)

// A failed start-up check names the setting to fix: a key the server wants, a key it rejects, a model it lacks.
func TestModelCheckNamesTheSetting(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	for _, tt := range []struct {
		key, model, want, not string
	}{
		{"", "gpt-4o-mini", "set OPENAI_API_KEY", "rejected"},
		{"sk-wrong", "gpt-4o-mini", "OPENAI_API_KEY was rejected", "sk-wrong"},
		{srv.Key(), "gpt-9", "check CHAT_MODEL", ""},
	} {
		m := llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: tt.key, Model: tt.model, Timeout: time.Second})
		err := explainModelError(m.Check(t.Context()), tt.model, tt.key != "")
		if err == nil || !strings.Contains(err.Error(), tt.want) || tt.not != "" && strings.Contains(err.Error(), tt.not) ||
			!errors.Is(err, llm.ErrPermanent) {
			t.Errorf("key %q model %q: %v, want %q", tt.key, tt.model, err, tt.want)
		}
	}
	good := llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: time.Second})
	if err := explainModelError(good.Check(t.Context()), "gpt-4o-mini", true); err != nil {
		t.Errorf("a good endpoint: %v", err)
	}
}
