package main

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"ccabot/bot"
	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

var hungTimeout = flag.Duration("hung-timeout", time.Second, "LLM_TIMEOUT for TestHungModelHoldsUpNoChat")

// TestHungModelHoldsUpNoChat: with the model hanging, 40 chats ask at once and one more asks after them. The
// model is called once per slot (LLM_MAX_CONCURRENCY, the start-up check included), never once per question.
// Every chat gets exactly one reply, from the sources, and no question waits for the model more than once: each
// of the 40 is answered within two LLM_TIMEOUTs of the burst plus Telegram's pace (30 sends in a window, so the
// 31st waits a window), where model calls made a question at a time would take a timeout per wave; the one
// asked after them is answered before one LLM_TIMEOUT, the model not asked. The times are logged (-v); the
// README quotes them with -hung-timeout=5s.
func TestHungModelHoldsUpNoChat(t *testing.T) {
	t.Parallel()
	tg := bottest.New(t)
	model := ragtest.New(t)
	model.SetFaultFunc(func(string) *ragtest.Fault { f := ragtest.Slow(time.Hour); return &f })
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(), "LOG_LEVEL", "warn",
		"OPENAI_BASE_URL", model.URL(), "OPENAI_API_KEY", model.Key(), "LLM_TIMEOUT", hungTimeout.String(),
		"LLM_MAX_CONCURRENCY", "4")
	stop := serveInBackground(t, tg, getenv)

	const chats, lateChat = 40, 6000
	var asked []int64
	start := time.Now()
	for c := range chats {
		asked = append(asked, int64(5000+c))
		tg.Push(bottest.PrivateText(asked[c], asked[c], "who heads the secretariat?"))
	}
	tg.WaitSent(t, chats, 10**hungTimeout+30*time.Second)
	burst := time.Since(start)
	after := time.Now()
	asked = append(asked, lateChat)
	tg.Push(bottest.PrivateText(lateChat, lateChat, "where is the secretariat?"))
	tg.WaitSent(t, chats+1, 10**hungTimeout+30*time.Second)
	late := time.Since(after)
	logs := stop() // every answer has finished: what Telegram got is final

	sent := tg.Sent()
	perChat := map[int64]int{}
	var times []time.Duration // when the burst's replies came, from the burst
	for _, m := range sent {
		perChat[m.ChatID]++
		if !strings.Contains(m.Plain, "Wu Yingchen") && !strings.Contains(m.Plain, "Xi'an") {
			t.Errorf("chat %d got %q, want the answer from the sources", m.ChatID, m.Plain)
		}
		if m.ChatID != lateChat {
			times = append(times, m.Time.Sub(start))
		}
	}
	for _, chat := range asked {
		if perChat[chat] != 1 {
			t.Errorf("chat %d got %d replies, want 1", chat, perChat[chat])
		}
	}
	if len(sent) != len(asked) {
		t.Errorf("%d messages sent, want %d: one to each chat that asked", len(sent), len(asked))
	}
	slices.Sort(times)
	pace := bot.DefaultPacing
	for i, d := range times {
		if bound := 2**hungTimeout + time.Duration(i/pace.Global)*pace.GlobalWindow; d > bound {
			t.Errorf("reply %d of the burst came after %v, want within %v: a question waited for the model twice", i+1,
				d.Round(time.Millisecond), bound)
		}
	}
	if late >= *hungTimeout {
		t.Errorf("the question after the burst took %v, want under LLM_TIMEOUT %v: the model was asked", late, *hungTimeout)
	}
	if n := len(model.Requests("/chat/completions")); n > 4 {
		t.Errorf("%d model calls, want at most 4 (one per slot): the circuit did not open", n)
	}
	t.Logf("LLM_TIMEOUT=%v: 40 simultaneous questions all answered within %v (median %v); one more, asked after them, in %v; %d model calls",
		*hungTimeout, burst.Round(time.Millisecond), times[len(times)/2].Round(time.Millisecond), late.Round(time.Millisecond),
		len(model.Requests("/chat/completions")))
	if strings.Count(logs, "model failing") != 1 {
		t.Errorf("logs: want one line saying the model is failing:\n%s", logs)
	}
}
