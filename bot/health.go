package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// health is what /healthz and /readyz report. /healthz fails (503, one reason per line) when the bot cannot do
// its job: Telegram has not answered for longer than HealthGrace, Telegram reports it cannot deliver to the
// webhook, or the question journal cannot be written. /readyz fails until the bot takes updates and again once
// it stops taking them, so a rolling deploy waits for the new instance. Safe for concurrent use.
type health struct {
	grace time.Duration
	now   func() time.Time

	mu    sync.Mutex
	state string // "starting", "ready" or "stopping"
	// failingSince is when Telegram stopped answering (zero while it answers); failure says how.
	failingSince time.Time
	failure      string
	delivered    time.Time // the last update the webhook took
	webhookErr   string    // Telegram's last delivery error, when newer than delivered
	journalErr   string
}

func newHealth(grace time.Duration) *health {
	return &health{grace: grace, now: time.Now, state: "starting"}
}

func (h *health) setState(s string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = s
}

// telegram records the outcome of one Bot API call: failure is "" when Telegram answered (any answer below 500
// means it is reachable), else what went wrong, without secrets.
func (h *health) telegram(failure string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case failure == "":
		h.failingSince, h.failure = time.Time{}, ""
	case h.failingSince.IsZero():
		h.failingSince, h.failure = h.now(), failure
	default:
		h.failure = failure
	}
}

// delivery records an update the webhook took: Telegram reaches us.
func (h *health) delivery() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.delivered, h.webhookErr = h.now(), ""
}

// webhookInfo records Telegram's view of the webhook: an error newer than the last delivery, with updates
// waiting, means Telegram cannot reach us.
func (h *health) webhookInfo(lastError time.Time, message string, pending int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.webhookErr = ""
	if pending > 0 && lastError.After(h.delivered) {
		h.webhookErr = message
	}
}

// journal records the outcome of a journal write (nil: written).
func (h *health) journal(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.journalErr = ""
	if err != nil {
		h.journalErr = err.Error()
	}
}

// problems lists why the bot is unhealthy; none means healthy.
func (h *health) problems() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	if !h.failingSince.IsZero() {
		if d := h.now().Sub(h.failingSince); d > h.grace {
			out = append(out, fmt.Sprintf("telegram unreachable for %s: %s", d.Round(time.Second), h.failure))
		}
	}
	if h.webhookErr != "" {
		out = append(out, "telegram cannot deliver to the webhook: "+h.webhookErr)
	}
	if h.journalErr != "" {
		out = append(out, "question journal cannot be written: "+h.journalErr)
	}
	return out
}

func (h *health) register(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		if p := h.problems(); len(p) > 0 {
			plain(w, http.StatusServiceUnavailable, "unhealthy\n"+strings.Join(p, "\n"))
			return
		}
		plain(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		h.mu.Lock()
		state := h.state
		h.mu.Unlock()
		code := http.StatusServiceUnavailable
		if state == "ready" {
			code = http.StatusOK
		}
		plain(w, code, state)
	})
}

func plain(w http.ResponseWriter, code int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, text)
}

// observedTransport tells health how each Bot API call went.
type observedTransport struct {
	next   http.RoundTripper
	report func(failure string)
	scrub  func(error) string
}

func (t observedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	switch {
	case err != nil && r.Context().Err() != nil:
		// cancelled by us (shutdown, a long poll given up): says nothing about Telegram
	case err != nil:
		t.report(t.scrub(err))
	case resp.StatusCode >= 500:
		t.report(resp.Status)
	default:
		t.report("")
	}
	return resp, err
}

// watchWebhook asks Telegram every interval whether it can deliver to the webhook, until ctx ends.
func (b *Bot) watchWebhook(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		info, err := b.tg.GetWebhookInfo(ctx)
		if err != nil {
			continue // the transport has told health
		}
		b.health.webhookInfo(time.Unix(int64(info.LastErrorDate), 0), info.LastErrorMessage, info.PendingUpdateCount)
	}
}
