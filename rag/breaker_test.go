package rag

import (
	"log/slog"
	"sync"
	"testing"
	"time"

	"ccabot/rag/ragtest"
)

// breakerService is a Service over the article whose model (at srv) times out after timeout, with four calls
// in flight at most and the given cooldown.
func breakerService(t *testing.T, srv *ragtest.Server, timeout, cooldown time.Duration) *Service {
	t.Helper()
	return NewService(articleService().ix, Options{Model: NewModel(ModelOptions{BaseURL: srv.URL(), APIKey: srv.Key(),
		Model: "gpt-4o-mini", Timeout: timeout, MaxConcurrency: 4, Cooldown: cooldown, Logger: slog.New(slog.DiscardHandler)})})
}

// A hung model is called once per slot, not once per question: the questions waiting for a slot and every
// question after the circuit opens are answered from the sources without calling it. After the cooldown one
// probe reaches the model, and a good answer closes the circuit.
func TestHungModelTripsTheCircuit(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	srv.SetFaultFunc(func(string) *ragtest.Fault { f := ragtest.Slow(time.Hour); return &f })
	svc := breakerService(t, srv, 300*time.Millisecond, 500*time.Millisecond)
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := svc.Answer(t.Context(), "who heads the secretariat?", nil)
			if err != nil || a.Mode == LLM || a.Refused {
				t.Errorf("answer with a hung model = %+v, %v; want the extractive answer", a, err)
			}
		}()
	}
	wg.Wait()
	if n := len(srv.Requests("/chat/completions")); n != 4 {
		t.Errorf("%d model calls for 12 questions, want 4 (one per slot)", n)
	}
	a, _ := svc.Answer(t.Context(), "where is the secretariat?", nil)
	if a.Mode == LLM || len(srv.Requests("/chat/completions")) != 4 {
		t.Errorf("with the circuit open: %+v, %d calls; want the extractive answer without a call", a,
			len(srv.Requests("/chat/completions")))
	}
	srv.ClearFaults()
	calls := func() int { return len(srv.Requests("/chat/completions")) }
	deadline := time.Now().Add(10 * time.Second)
	for calls() == 4 {
		svc.Answer(t.Context(), "who heads the secretariat?", nil)
		if time.Now().After(deadline) {
			t.Fatal("the model was never asked again after the cooldown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	svc.Answer(t.Context(), "when was the secretariat launched?", nil)
	if n := calls(); n != 6 {
		t.Errorf("%d model calls, want 6: the probe after the cooldown, then the next question (circuit closed)", n)
	}
}

// Answers the model gives with a 4xx (a bad request, a wrong key) mean it is up: they never open the circuit.
func TestClientErrorsDoNotTripTheCircuit(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	srv.FailNext("chat", 5, ragtest.ServerError(400))
	svc := breakerService(t, srv, 2*time.Second, time.Hour)
	for range 6 {
		svc.Answer(t.Context(), "who heads the secretariat?", nil)
	}
	if n := len(srv.Requests("/chat/completions")); n != 6 {
		t.Errorf("%d model calls for 6 questions after five 400s, want 6", n)
	}
}
