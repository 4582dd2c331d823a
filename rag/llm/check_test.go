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
	if err == nil || !errors.Is(err, ErrPermanent) || strings.Contains(err.Error(), "sk-wrong") {
		t.Errorf("Check with a wrong key = %v", err)
	}
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusUnauthorized {
		t.Errorf("Check with a wrong key = %v, want a *StatusError with 401", err)
	}
	unknown := NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-9", Timeout: time.Second})
	if err := unknown.Check(t.Context()); !errors.As(err, &se) || se.StatusCode != http.StatusNotFound ||
		!errors.Is(err, ErrPermanent) {
		t.Errorf("Check with an unknown model = %v, want a permanent *StatusError with 404", err)
	}
	good := NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: time.Second})
	if err := good.Check(t.Context()); err != nil {
		t.Errorf("Check = %v", err)
	}
}
