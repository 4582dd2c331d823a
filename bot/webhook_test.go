package bot

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// startWebhookBot runs a bot in webhook mode and waits until its listener answers.
func startWebhookBot(t *testing.T, s *bottest.Server, opts Options) (*harness, string) {
	t.Helper()
	addr := freeAddr(t)
	opts.WebhookURL, opts.WebhookSecret, opts.WebhookListen = "https://bot.example/tg", "s3cr3t-Token_1", addr
	logs := &syncBuffer{}
	opts.Token, opts.APIURL, opts.Pacing = s.Token(), s.URL(), fastPacing
	opts.Logger = loggerTo(logs)
	b, err := New(opts, &echoAnswerer{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{srv: s, bot: b, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- b.Run(ctx) }()
	t.Cleanup(func() { h.stop(t) })
	url := "http://" + addr + "/"
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("webhook listener not up: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return h, url
}

func TestWebhookChecksSecretMethodAndSize(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{})
	if wh := s.Webhook(); wh.URL != "https://bot.example/tg" || wh.SecretToken != "s3cr3t-Token_1" {
		t.Errorf("setWebhook = %+v", wh)
	}
	for _, tt := range []struct {
		secret string
		want   int
	}{{"", http.StatusUnauthorized}, {"wrong", http.StatusUnauthorized}, {"s3cr3t-Token_", http.StatusUnauthorized}} {
		resp, err := s.PostUpdate(url, tt.secret, bottest.PrivateText(1301, 1301, "sneaky"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("secret %q: status %d, want %d", tt.secret, resp.StatusCode, tt.want)
		}
	}
	get, _ := http.Get(url)
	get.Body.Close()
	if get.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", get.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"update_id":1,"message":{"text":"`+strings.Repeat("a", 2<<20)+`"}}`))
	req.Header.Set(secretHeader, "s3cr3t-Token_1")
	big, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, big.Body)
	big.Body.Close()
	if big.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %d, want 413", big.StatusCode)
	}
	resp, err := s.PostUpdate(url, "s3cr3t-Token_1", bottest.PrivateText(1301, 1301, "legit"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("good post: %d", resp.StatusCode)
	}
	if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "answer to: legit") {
		t.Errorf("sent %q", m.Plain)
	}
	noMoreSent(t, h, 1)
	if len(s.Calls("getUpdates")) != 0 {
		t.Error("webhook mode polled getUpdates")
	}
}

func TestMetricsAndHealth(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	addr := freeAddr(t)
	start(t, s, &echoAnswerer{}, Options{MetricsAddr: addr})
	s.Push(bottest.PrivateText(1401, 1401, "count me"))
	lastSent(t, s, 1)
	get := func(path string) string {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if h := get("/healthz"); h != "ok\n" {
		t.Errorf("/healthz = %q", h)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		m := get("/metrics")
		if strings.Contains(m, `ccabot_answers_total{lang="en",mode="extractive"} 1`) &&
			strings.Contains(m, `ccabot_questions_total{chat_type="private"} 1`) &&
			strings.Contains(m, "ccabot_answer_seconds_bucket") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics missing:\n%s", m)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
