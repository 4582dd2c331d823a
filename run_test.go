package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
	"ccabot/config"
	"ccabot/knowledge"
	"ccabot/rag/ragtest"
)

// TestRunTelegram is the whole program end to end: run() with a token, against the fake Bot API, answering from
// the real index, then a clean return on cancel.
func TestRunTelegram(t *testing.T) {
	t.Parallel()
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(), "LOG_LEVEL", "warn")
	ctx, cancel := context.WithCancel(t.Context())
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, &stderr) }()
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
	t.Parallel()
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
	t.Parallel()
	m := ragtest.New(t)
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(),
		"OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", "sk-wrong")
	logs := askBot(t, srv, getenv)
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
	t.Parallel()
	m := ragtest.New(t, ragtest.WithChunkDelay(150*time.Millisecond), ragtest.WithChunkWords(2),
		ragtest.WithResponder(func(r ragtest.ChatRequest) string {
			return "Wu Yingchen, the Executive Director of the Secretariat, said it will strengthen its rules and regulations and consolidate cooperation in key areas [1]."
		}))
	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(),
		"OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key(), "LOG_LEVEL", "warn")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, io.Discard) }()
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

// TestMissingKnowledgeDir: the bot does not start without the documents its operator asked for, and says so
// before it contacts Telegram; ask only warns (it is for trying things).
func TestMissingKnowledgeDir(t *testing.T) {
	t.Parallel()
	srv := bottest.New(t)
	missing := filepath.Join(t.TempDir(), "docs")
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(), "KNOWLEDGE_DIR", missing)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second) // a bot that starts anyway ends
	defer cancel()
	var errOut syncWriter
	code := exitCode(run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, &errOut), &errOut)
	if stderr := errOut.String(); code != 1 || !strings.Contains(stderr, "KNOWLEDGE_DIR") || !strings.Contains(stderr, "unset KNOWLEDGE_DIR") {
		t.Errorf("bot with a missing KNOWLEDGE_DIR: exit %d, stderr %q; want 1 naming the variable and the fix", code, stderr)
	}
	if n := len(srv.Calls("getMe")); n != 0 {
		t.Errorf("%d getMe calls, want none: the check comes first", n)
	}
	out, stderr, code := runCmd(t, fakeEnv(t, "KNOWLEDGE_DIR", missing), "", "ask", "who heads the secretariat?")
	if code != 0 || !strings.Contains(out, "Wu Yingchen") || !strings.Contains(stderr, "KNOWLEDGE_DIR") {
		t.Errorf("ask with a missing KNOWLEDGE_DIR: exit %d, stderr %q; want the answer and a warning", code, stderr)
	}
}

// TestUnwritableDataDirSaidOnce: a DATA_DIR that cannot be written is reported once, first, with the way to run
// without persistence on purpose; the bot still serves (and ask still answers).
func TestUnwritableDataDirSaidOnce(t *testing.T) {
	t.Parallel()
	blocker := filepath.Join(t.TempDir(), "data") // a file where the folder should be: fails even for root
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	saidOnce := func(t *testing.T, logs, level string) {
		t.Helper()
		var lines []string
		for _, l := range strings.Split(logs, "\n") {
			if strings.Contains(l, "DATA_DIR") {
				lines = append(lines, l)
			}
		}
		if len(lines) != 1 || !strings.Contains(lines[0], "level="+level) || !strings.Contains(lines[0], "DATA_DIR=off") {
			t.Errorf("want one %s line naming DATA_DIR=off, got:\n%s", level, logs)
		}
	}
	out, stderr, code := runCmd(t, fakeEnv(t, "DATA_DIR", blocker), "", "ask", "who heads the secretariat?")
	if code != 0 || !strings.Contains(out, "Wu Yingchen") {
		t.Errorf("ask: exit %d, %s", code, out)
	}
	saidOnce(t, stderr, "WARN")

	srv := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", srv.Token(), "TELEGRAM_API_URL", srv.URL(), "DATA_DIR", blocker)
	saidOnce(t, askBot(t, srv, getenv), "ERROR")
}

// askBot runs the program as the bot against srv, asks it who heads the secretariat in a private chat, requires
// the answer, stops the bot, requires a clean return and gives its logs.
func askBot(t *testing.T, srv *bottest.Server, getenv func(string) string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var logs syncWriter
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, &logs) }()
	srv.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	srv.Push(bottest.PrivateText(42, 42, "Who heads the secretariat?"))
	if sent := srv.WaitSent(t, 1, 20*time.Second); !strings.Contains(sent[0].Plain, "Wu Yingchen") {
		t.Errorf("answer = %q", sent[0].Plain)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run = %v\n%s", err, logs.String())
	}
	return logs.String()
}

// TestListenersOnAFreePort: WEBHOOK_LISTEN and METRICS_ADDR with port 0 listen on free ports, and the log says
// which, so a supervisor or a test can reach them.
func TestListenersOnAFreePort(t *testing.T) {
	t.Parallel()
	tg := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(), "DATA_DIR", "off",
		"WEBHOOK_URL", "https://bot.example/tg", "WEBHOOK_SECRET", "s3cret", "WEBHOOK_LISTEN", "127.0.0.1:0",
		"METRICS_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(t.Context())
	var logs syncWriter
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, &logs) }()
	bound := func(msg, key string) string {
		t.Helper()
		line := regexp.MustCompile(`msg="` + regexp.QuoteMeta(msg) + `[^"]*".* ` + key + `=(127\.0\.0\.1:\d+)`)
		var m []string
		waitFor(t, 10*time.Second, func() bool { m = line.FindStringSubmatch(logs.String()); return m != nil })
		if strings.HasSuffix(m[1], ":0") {
			t.Fatalf("%s logged %s, want the port it took", msg, m[1])
		}
		return m[1]
	}
	webhook, metrics := bound("webhook registered", "listen"), bound("metrics at /metrics", "addr")
	resp, err := tg.PostUpdate("http://"+webhook+"/", "s3cret", bottest.PrivateText(42, 42, "Who heads the secretariat?"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if sent := tg.WaitSent(t, 1, 20*time.Second); !strings.Contains(sent[0].Plain, "Wu Yingchen") {
		t.Errorf("answer through the webhook = %q", sent[0].Plain)
	}
	ready, err := http.Get("http://" + metrics + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	ready.Body.Close()
	if ready.StatusCode != http.StatusOK {
		t.Errorf("/readyz at %s = %d, want 200", metrics, ready.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run = %v\n%s", err, logs.String())
	}
}

// The bot's bounds come from the settings: ANSWER_WORKERS is the bot's number of answers in flight.
func TestAnswerWorkersSetTheBot(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(fakeEnv(t, "ANSWER_WORKERS", "7"), noEnvFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := botOptions(cfg, knowledge.Corpus{}, nil).Workers; got != 7 {
		t.Errorf("botOptions(ANSWER_WORKERS=7).Workers = %d, want 7", got)
	}
}
