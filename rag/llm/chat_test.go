package llm

import (
	"testing"
	"time"

	"ccabot/rag/ragtest"
)

func TestReasoningModelsGetTheirParameters(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t, ragtest.WithModels("gpt-5-mini", "llama3.1"))
	for _, name := range []string{"gpt-5-mini", "llama3.1"} {
		m := NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: name, Timeout: time.Second})
		if err := m.Check(t.Context()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	reqs := srv.Requests("/v1/chat/completions")
	if _, ok := reqs[0].JSON["max_completion_tokens"]; !ok || reqs[0].JSON["temperature"] != nil || reqs[0].JSON["max_tokens"] != nil {
		t.Errorf("gpt-5-mini request = %s", reqs[0].Body)
	}
	if _, ok := reqs[1].JSON["max_tokens"]; !ok || reqs[1].JSON["temperature"] == nil {
		t.Errorf("llama3.1 request = %s", reqs[1].Body)
	}
}
