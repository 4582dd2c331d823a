package llm

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"ccabot/rag/ragtest"
)

func TestWrongKeyAndModelAreConfigErrors(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	bad := NewModel(Options{BaseURL: srv.URL(), APIKey: "sk-wrong", Model: "gpt-4o-mini", Timeout: time.Second})
	err := bad.Check(t.Context())
	if err == nil || !strings.Contains(err.Error(), "OPENAI_API_KEY") || !errors.Is(err, ErrPermanent) {
		t.Errorf("Check with a wrong key = %v", err)
	}
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusUnauthorized {
		t.Errorf("Check with a wrong key = %v, want a *StatusError with 401", err)
	}
	// OPENAI_BASE_URL alone, for a server that wants a key: the message says to set one, not that it was wrong.
	keyless := NewModel(Options{BaseURL: srv.URL(), Model: "gpt-4o-mini", Timeout: time.Second})
	if err := keyless.Check(t.Context()); err == nil || !strings.Contains(err.Error(), "set OPENAI_API_KEY") ||
		strings.Contains(err.Error(), "rejected") || !errors.Is(err, ErrPermanent) {
		t.Errorf("Check without a key = %v, want it to say set OPENAI_API_KEY", err)
	}
	unknown := NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-9", Timeout: time.Second})
	if err := unknown.Check(t.Context()); err == nil || !strings.Contains(err.Error(), "CHAT_MODEL") {
		t.Errorf("Check with an unknown model = %v", err)
	}
	good := NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: time.Second})
	if err := good.Check(t.Context()); err != nil {
		t.Errorf("Check = %v", err)
	}
}
