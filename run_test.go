package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

// TestRunTelegram is the whole program end to end: run() with a token, against the fake Bot API, answering from
// the real index, then a clean return on cancel.
func TestRunTelegram(t *testing.T) {
	t.Chdir(t.TempDir())
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(), "LOG_LEVEL", "warn")
	ctx, cancel := context.WithCancel(t.Context())
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, strings.NewReader(""), io.Discard, &stderr) }()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	srv.Push(bottest.PrivateText(42, 42, "Who heads the secretariat?"))
	srv.Push(bottest.PrivateText(43, 43, "مين وزير خارجية قيرغيزستان؟"))
	srv.Push(bottest.PrivateText(44, 44, "what is the capital of France?"))
	sent := srv.WaitSent(t, 3, 20*time.Second)
	byChat := map[int64]string{}
	for _, m := range sent {
		byChat[m.ChatID] = m.Plain
	}
	if !strings.Contains(byChat[42], "Wu Yingchen") || !strings.Contains(byChat[42], "xinhua-20240330-en#11") {
		t.Errorf("English answer = %q", byChat[42])
	}
	if !strings.Contains(byChat[43], "جينبيك كولوبييف") || !strings.Contains(byChat[43], "المصدر") {
		t.Errorf("Arabic answer = %q", byChat[43])
	}
	if !strings.Contains(byChat[44], "can't find that in my sources") {
		t.Errorf("out-of-scope answer = %q", byChat[44])
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run = %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if strings.Contains(stderr.String(), srv.Token()) {
		t.Error("token in the logs")
	}
}

func TestAskWithModelJSON(t *testing.T) {
	t.Chdir(t.TempDir())
	m := ragtest.New(t, ragtest.WithResponder(func(r ragtest.ChatRequest) string {
		return "Wu Yingchen is the Executive Director [1]."
	}))
	out, stderr, code := runCmd(t, fakeEnv(t, "OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key()), "",
		"ask", "--json", "who runs the secretariat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Mode    string
		Refused bool
		Sources []struct{ ID string }
		Usage   *struct {
			PromptTokens     int `json:"prompt_tokens"`
			CompletionTokens int `json:"completion_tokens"`
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Mode != "llm" || got.Refused || len(got.Sources) != 1 || got.Usage == nil || got.Usage.PromptTokens == 0 {
		t.Errorf("ask --json with a model = %s", out)
	}
}

func TestBotWithBrokenModelServesExtractive(t *testing.T) {
	t.Chdir(t.TempDir())
	m := ragtest.New(t)
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(),
		"OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", "sk-wrong")
	ctx, cancel := context.WithCancel(t.Context())
	var stderr syncWriter
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, strings.NewReader(""), io.Discard, &stderr) }()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	srv.Push(bottest.PrivateText(42, 42, "Who heads the secretariat?"))
	if sent := srv.WaitSent(t, 1, 20*time.Second); !strings.Contains(sent[0].Plain, "Wu Yingchen") {
		t.Errorf("answer = %q", sent[0].Plain)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	logs := stderr.String()
	if strings.Count(logs, "model answers are off") != 1 || !strings.Contains(logs, "OPENAI_API_KEY was rejected") ||
		strings.Contains(logs, "sk-wrong") {
		t.Errorf("want one configuration error naming OPENAI_API_KEY, no key:\n%s", logs)
	}
	// The check runs beside serving: at most the first question may still have tried the model.
	if n := len(m.Requests("/v1/chat/completions")); n > 2 {
		t.Errorf("%d model calls, want the start-up check and at most one more", n)
	}
}

// TestRunTelegramStreamsModelAnswers: the real go-openai stream, through the service, into Telegram edits.
func TestRunTelegramStreamsModelAnswers(t *testing.T) {
	t.Chdir(t.TempDir())
	m := ragtest.New(t, ragtest.WithChunkDelay(150*time.Millisecond), ragtest.WithChunkWords(2),
		ragtest.WithResponder(func(r ragtest.ChatRequest) string {
			return "Wu Yingchen, the Executive Director of the Secretariat, said it will strengthen its rules and regulations and consolidate cooperation in key areas [1]."
		}))
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(),
		"OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key(), "LOG_LEVEL", "warn")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, strings.NewReader(""), io.Discard, io.Discard) }()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	srv.Push(bottest.PrivateText(42, 42, "who runs the secretariat day to day?"))
	deadline := time.Now().Add(20 * time.Second)
	for {
		e := srv.Edits()
		if len(e) > 0 && strings.Contains(e[len(e)-1].Plain, "[1] Xinhua (Arabic)") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no final edit; sent %d, edits %d", len(srv.Sent()), len(e))
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if sent := srv.Sent(); len(sent) != 1 || !strings.HasSuffix(sent[0].Plain, "…") {
		t.Errorf("streaming should start with one partial message, got %+v", sent)
	}
}
