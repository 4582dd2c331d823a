package bot

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// probe asks the bot's health handlers for path and returns the status and body.
func probe(b *Bot, path string) (int, string) {
	mux := http.NewServeMux()
	b.health.register(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// waitProbe waits until path answers code with a body containing want.
func waitProbe(t *testing.T, b *Bot, path string, code int, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, body := probe(b, path)
		if got == code && strings.Contains(body, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %d %q, want %d with %q", path, got, body, code, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestHealthFollowsTelegramWhilePolling(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{HealthGrace: 50 * time.Millisecond})
	waitProbe(t, h.bot, "/healthz", http.StatusOK, "ok")
	waitProbe(t, h.bot, "/readyz", http.StatusOK, "ready")
	s.SetFaultFunc(func(string, url.Values) *bottest.Fault { f := bottest.ServerError(502); return &f })
	waitProbe(t, h.bot, "/healthz", http.StatusServiceUnavailable, "telegram unreachable")
	if _, body := probe(h.bot, "/healthz"); !strings.Contains(body, "502") || strings.Contains(body, s.Token()) {
		t.Errorf("/healthz = %q, want the 502 and no token", body)
	}
	s.SetFaultFunc(nil)
	s.Push(bottest.PrivateText(1401, 1401, "back?")) // the next long poll returns at once instead of after its timeout
	waitProbe(t, h.bot, "/healthz", http.StatusOK, "ok")
	h.stop(t)
	if code, body := probe(h.bot, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "stopping") {
		t.Errorf("/readyz after stop = %d %q", code, body)
	}
}

func TestReadyOnlyOnceRunning(t *testing.T) {
	t.Parallel()
	b, err := New(Options{Token: "1:x"}, &echoAnswerer{})
	if err != nil {
		t.Fatal(err)
	}
	if code, body := probe(b, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "starting") {
		t.Errorf("/readyz before Run = %d %q", code, body)
	}
}

func TestHealthFollowsWebhookDelivery(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{WebhookCheckEvery: 20 * time.Millisecond})
	waitProbe(t, h.bot, "/healthz", http.StatusOK, "ok")
	s.Push(bottest.PrivateText(1501, 1501, "waiting at Telegram"))
	s.FailDelivery("Connection refused")
	waitProbe(t, h.bot, "/healthz", http.StatusServiceUnavailable, "cannot deliver to the webhook: Connection refused")
	resp, err := s.PostUpdate(url, h.bot.opts.WebhookSecret, bottest.PrivateText(1502, 1502, "delivered"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	waitProbe(t, h.bot, "/healthz", http.StatusOK, "ok")
}

func TestHealthFollowsJournalWrites(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{DataDir: t.TempDir()})
	j := h.bot.journal
	j.mu.Lock()
	good := j.f
	j.f = nil // writes now fail, as on a full or vanished disk
	j.w.Reset(j.f)
	j.mu.Unlock()
	s.Push(bottest.PrivateText(1601, 1601, "first"))
	lastSent(t, s, 1) // still answered
	waitProbe(t, h.bot, "/healthz", http.StatusServiceUnavailable, "question journal cannot be written")
	j.mu.Lock()
	j.f = good
	j.w.Reset(good)
	j.mu.Unlock()
	s.Push(bottest.PrivateText(1602, 1602, "second"))
	lastSent(t, s, 2)
	waitProbe(t, h.bot, "/healthz", http.StatusOK, "ok")
}
