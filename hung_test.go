package main

import (
	"flag"
	"sort"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

var hungTimeout = flag.Duration("hung-timeout", time.Second, "LLM_TIMEOUT for TestHungModelHoldsUpNoChat")

// TestHungModelHoldsUpNoChat: with the model hanging, 40 chats ask at once and one more asks after them. The
// model is called once per slot (LLM_MAX_CONCURRENCY, the start-up check included), never once per question;
// every chat gets exactly one answer, from the sources. The times to answer are logged (-v); the README quotes
// them with -hung-timeout=5s.
func TestHungModelHoldsUpNoChat(t *testing.T) {
	t.Parallel()
	tg := bottest.New(t)
	model := ragtest.New(t)
	model.SetFaultFunc(func(string) *ragtest.Fault { f := ragtest.Slow(time.Hour); return &f })
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(), "LOG_LEVEL", "warn",
		"OPENAI_BASE_URL", model.URL(), "OPENAI_API_KEY", model.Key(), "LLM_TIMEOUT", hungTimeout.String(),
		"LLM_MAX_CONCURRENCY", "4")
	stop := serveInBackground(t, tg, getenv)

	const chats = 40
	start := time.Now()
	for c := range chats {
		tg.Push(bottest.PrivateText(int64(5000+c), int64(5000+c), "who heads the secretariat?"))
	}
	sent := tg.WaitSent(t, chats, 10**hungTimeout+30*time.Second)
	burst := time.Since(start)
	after := time.Now()
	tg.Push(bottest.PrivateText(6000, 6000, "where is the secretariat?"))
	last := tg.WaitSent(t, chats+1, 10**hungTimeout+30*time.Second)[chats]
	late := time.Since(after)

	perChat := map[int64]int{}
	var times []time.Duration
	for _, m := range append(sent, last) {
		perChat[m.ChatID]++
		if !strings.Contains(m.Plain, "Wu Yingchen") && !strings.Contains(m.Plain, "Xi'an") {
			t.Errorf("chat %d got %q, want the answer from the sources", m.ChatID, m.Plain)
		}
		times = append(times, m.Time.Sub(start))
	}
	for chat, n := range perChat {
		if n != 1 {
			t.Errorf("chat %d got %d messages, want 1", chat, n)
		}
	}
	if n := len(model.Requests("/chat/completions")); n > 4 {
		t.Errorf("%d model calls, want at most 4 (one per slot): the circuit did not open", n)
	}
	sort.Slice(times[:chats], func(i, j int) bool { return times[i] < times[j] })
	t.Logf("LLM_TIMEOUT=%v: 40 simultaneous questions all answered within %v (median %v); one more, asked after them, in %v; %d model calls",
		*hungTimeout, burst.Round(time.Millisecond), times[chats/2].Round(time.Millisecond), late.Round(time.Millisecond),
		len(model.Requests("/chat/completions")))
	if logs := stop(); strings.Count(logs, "model failing") != 1 {
		t.Errorf("logs: want one line saying the model is failing:\n%s", logs)
	}
}
