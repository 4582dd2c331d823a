package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden with what the tests produce")

// checkGolden compares got with testdata/golden/name; with -update it writes got there instead.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run '%s' -update writes it)", err, t.Name())
	}
	if got == string(want) {
		return
	}
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(gotLines) && i < len(wantLines) && gotLines[i] == wantLines[i] {
		i++
	}
	line := func(ls []string) string {
		if i < len(ls) {
			return ls[i]
		}
		return "(end of file)"
	}
	t.Errorf("%s differs from what the test produced, first at line %d:\n got: %s\nwant: %s\n"+
		"If the change is intended, go test -run '%s' -update rewrites it; review the diff.", path, i+1,
		line(gotLines), line(wantLines), t.Name())
}

// goldenModel answers like a model that reads its sources: a rewritten or translated question when asked for
// one, otherwise the answer citing the source that holds it.
func goldenModel(r ragtest.ChatRequest) string {
	last, system := r.LastUser(), r.Messages[0].Content
	switch {
	case strings.Contains(last, "Rewrite the follow-up"):
		return "Who is the foreign minister of Tajikistan?"
	case strings.Contains(last, "Translate the question into English"):
		return "Who heads the secretariat?"
	case strings.Contains(last, "tajik"):
		return "Sirojiddin Muhriddin is the foreign minister of Tajikistan " + sourceRef(system, "Sirojiddin Muhriddin") + "."
	case strings.Contains(last, "kyrgyzstan"):
		return "Zheenbek Kulubaev is the foreign minister of Kyrgyzstan " + sourceRef(system, "Zheenbek Kulubaev") + "."
	case strings.Contains(system, "Answer in Arabic"):
		return "المدير التنفيذي للأمانة هو وو ينغ تشين " + sourceRef(system, "وو ينغ تشين") + "."
	case strings.Contains(system, "Answer in Russian"):
		return "Секретариат возглавляет исполнительный директор Ву Иньчэнь " + sourceRef(system, "Wu Yingchen") + "."
	}
	return "Wu Yingchen is the Executive Director of the Secretariat " + sourceRef(system, "Wu Yingchen") + "."
}

// TestPromptGolden: what the model is sent, call by call, for a question in English, in Arabic, a follow-up
// (its rewrite, then its answer with the conversation) and a question in Russian (its translation, then its
// answer in Russian). testdata/golden/prompt-*.txt; -update rewrites them.
func TestPromptGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, stdin string
		args        []string
	}{
		{"en", "", []string{"ask", "Who heads the secretariat?"}},
		{"ar", "", []string{"ask", "من يرأس الأمانة؟"}},
		{"follow-up", "who is the foreign minister of kyrgyzstan?\nand the tajik one?\n", []string{"chat"}},
		{"ru", "", []string{"ask", "Кто возглавляет секретариат?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := ragtest.New(t, ragtest.WithResponder(goldenModel))
			_, stderr, code := runCmd(t, fakeEnv(t, "OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key(),
				"DATA_DIR", "off"), tt.stdin, tt.args...)
			if code != 0 {
				t.Fatalf("run(%q) exit %d: %s", tt.args, code, stderr)
			}
			var b strings.Builder
			for i, r := range m.Requests("/chat/completions") {
				fmt.Fprintf(&b, "=== request %d: %v\n", i+1, promptParams(r.JSON))
				msgs, _ := r.JSON["messages"].([]any)
				for _, msg := range msgs {
					msg, _ := msg.(map[string]any)
					fmt.Fprintf(&b, "--- %v\n%v\n", msg["role"], msg["content"])
				}
			}
			checkGolden(t, "prompt-"+tt.name+".txt", b.String())
		})
	}
}

// promptParams is a chat request's settings other than its messages, in a fixed order.
func promptParams(req map[string]any) string {
	var parts []string
	for _, k := range []string{"model", "stream", "max_tokens", "max_completion_tokens", "temperature"} {
		if v, ok := req[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return strings.Join(parts, " ")
}

// TestTelegramHTMLGolden: the HTML Telegram is sent for a few answers, through the whole program: extractive
// answers in English and Arabic, a refusal and a reply marked as the closest the sources come (offline, in
// private chats), and a model's cited answer (in a group, which gets the finished answer only).
// testdata/golden/telegram-*.html; -update rewrites them.
func TestTelegramHTMLGolden(t *testing.T) {
	t.Parallel()
	type question struct{ name, text string }
	offline := []question{
		{"en", "Who heads the secretariat?"},
		{"ar", "مين وزير خارجية قيرغيزستان؟"},
		{"refused", "what is the capital of France?"},
		{"closest", "what did Wang Yi tell Zelensky about the secretariat?"},
	}
	tg := bottest.New(t)
	stop := serveInBackground(t, tg, fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(),
		"LOG_LEVEL", "warn", "DATA_DIR", "off"))
	for i, q := range offline {
		tg.Push(bottest.PrivateText(int64(9100+i), int64(9100+i), q.text))
	}
	tg.WaitSent(t, len(offline), 20*time.Second)
	stop()
	for i, q := range offline {
		checkGolden(t, "telegram-"+q.name+".html", sentHTML(tg, int64(9100+i), q.text+" (private chat, offline)"))
	}

	m := ragtest.New(t, ragtest.WithResponder(goldenModel))
	tg = bottest.New(t)
	stop = serveInBackground(t, tg, fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(),
		"LOG_LEVEL", "warn", "DATA_DIR", "off", "OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key()))
	ask := "/ask Who heads the secretariat?"
	tg.Push(bottest.GroupText(-9200, 9201, ask, bottest.Command(ask)))
	tg.WaitSent(t, 1, 20*time.Second)
	stop()
	checkGolden(t, "telegram-model.html", sentHTML(tg, -9200, ask+" (group, with a model)"))
}

// sentHTML is every message sent to chat, as sent (HTML), after a comment naming what was asked.
func sentHTML(tg *bottest.Server, chat int64, asked string) string {
	out := "<!-- " + asked + " -->\n"
	for _, m := range tg.Sent() {
		if m.ChatID == chat {
			out += m.Text + "\n"
		}
	}
	return out
}
