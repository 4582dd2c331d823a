package llm

import (
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"ccabot/rag/ragtest"
)

// breakerModel is a Model at srv that times out after timeout, with four calls in flight at most and the given
// cooldown.
func breakerModel(t *testing.T, srv *ragtest.Server, timeout, cooldown time.Duration) *Model {
	t.Helper()
	return NewModel(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: timeout,
		MaxConcurrency: 4, Cooldown: cooldown, Logger: slog.New(slog.DiscardHandler)})
}

// ask makes the chat call the service makes for one question.
func ask(t *testing.T, m *Model, text string) error {
	t.Helper()
	_, err := m.Complete(t.Context(), []Message{{RoleUser, text}}, 400, nil)
	return err
}

// A hung model is called once per slot, not once per question: the questions waiting for a slot and every
// question after the circuit opens fail at once without calling it (the service then answers from the
// sources). After the cooldown one probe reaches the model, and a good answer closes the circuit.
func TestHungModelTripsTheCircuit(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	srv.SetFaultFunc(func(string) *ragtest.Fault { f := ragtest.Slow(time.Hour); return &f })
	m := breakerModel(t, srv, 300*time.Millisecond, 500*time.Millisecond)
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ask(t, m, "who heads the secretariat?"); err == nil {
				t.Error("Complete with a hung model = nil error, want a failure")
			}
		}()
	}
	wg.Wait()
	if n := len(srv.Requests("/chat/completions")); n != 4 {
		t.Errorf("%d model calls for 12 questions, want 4 (one per slot)", n)
	}
	if err := ask(t, m, "where is the secretariat?"); !errors.Is(err, ErrUnavailable) ||
		len(srv.Requests("/chat/completions")) != 4 {
		t.Errorf("with the circuit open: %v, %d calls; want ErrUnavailable without a call", err,
			len(srv.Requests("/chat/completions")))
	}
	srv.ClearFaults()
	calls := func() int { return len(srv.Requests("/chat/completions")) }
	deadline := time.Now().Add(10 * time.Second)
	for calls() == 4 {
		ask(t, m, "who heads the secretariat?")
		if time.Now().After(deadline) {
			t.Fatal("the model was never asked again after the cooldown")
		}
		time.Sleep(20 * time.Millisecond)
	}
	ask(t, m, "when was the secretariat launched?")
	if n := calls(); n != 6 {
		t.Errorf("%d model calls, want 6: the probe after the cooldown, then the next question (circuit closed)", n)
	}
}

// Answers the model gives with a 4xx (a bad request, a wrong key) mean it is up: they never open the circuit.
func TestClientErrorsDoNotTripTheCircuit(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	srv.FailNext("chat", 5, ragtest.ServerError(400))
	m := breakerModel(t, srv, 2*time.Second, time.Hour)
	for range 6 {
		ask(t, m, "who heads the secretariat?")
	}
	if n := len(srv.Requests("/chat/completions")); n != 6 {
		t.Errorf("%d model calls for 6 questions after five 400s, want 6", n)
	}
}
