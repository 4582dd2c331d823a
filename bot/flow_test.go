package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

func TestFloodControlAndRetries(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{RetryBackoff: 10 * time.Millisecond})
	s.FailNext("sendMessage", 1, bottest.TooManyRequests(1))
	s.FailNext("sendMessage", 2, bottest.ServerError(502))
	begin := time.Now()
	s.Push(bottest.PrivateText(701, 701, "retry me"))
	m := lastSent(t, s, 1)
	if d := m.Time.Sub(begin); d < time.Second {
		t.Errorf("delivered %v after a 429 with retry_after 1", d)
	}
	if !strings.Contains(m.Plain, "retry me") {
		t.Errorf("sent %q", m.Plain)
	}
	// 403: logged, not retried; the next chat is still served.
	s.FailNext("sendMessage", 1, bottest.Forbidden)
	s.Push(bottest.PrivateText(702, 702, "blocked"))
	s.WaitCalls(t, "sendMessage", 5, 10*time.Second)
	s.Push(bottest.PrivateText(703, 703, "next"))
	if m := lastSent(t, s, 2); m.ChatID != 703 {
		t.Errorf("after a 403, sent to %d", m.ChatID)
	}
	if n := len(s.Calls("sendMessage")); n != 6 {
		t.Errorf("%d sendMessage calls, want 6 (429, 502, 502, ok, 403 once, ok)", n)
	}
	// A group that became a supergroup: the reply follows it.
	s.FailNext("sendMessage", 1, bottest.Migrate(-100777))
	at := "@" + s.Me().Username
	s.Push(bottest.GroupText(-777, 1, at+" q", bottest.Mention(at+" q", at)))
	if m := lastSent(t, s, 3); m.ChatID != -100777 {
		t.Errorf("migrated group reply went to %d", m.ChatID)
	}
	h.stop(t)
	if !strings.Contains(h.logs.String(), "blocked or removed") {
		t.Error("403 not logged")
	}
}

func TestPacingKeepsTelegramLimits(t *testing.T) {
	t.Parallel()
	s := bottest.New(t, bottest.WithFloodLimits())
	start(t, s, &echoAnswerer{}, Options{Pacing: DefaultPacing})
	for i := range 2 { // a gap at Telegram's real pace of one message a second per chat
		s.Push(bottest.PrivateText(801, 801, fmt.Sprint("q", i)))
	}
	sent := s.WaitSent(t, 2, 15*time.Second)
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].Time.Sub(sent[i-1].Time); gap < 900*time.Millisecond {
			t.Errorf("messages %d and %d to one chat %v apart, want about 1 s", i-1, i, gap)
		}
		if sent[i].Plain < sent[i-1].Plain {
			t.Errorf("answers out of order: %q after %q", sent[i].Plain, sent[i-1].Plain)
		}
	}
	if v := s.FloodViolations(); v != 0 {
		t.Errorf("%d flood-limit violations", v)
	}
}

func TestSlowChatDoesNotHoldUpOthersAndShutdownDrains(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	gate := make(chan struct{})
	ans := &echoAnswerer{hold: map[string]chan struct{}{"slow one": gate}, started: make(chan string, 10)}
	h := start(t, s, ans, Options{ShutdownTimeout: 10 * time.Second})
	s.Push(bottest.PrivateText(901, 901, "slow one"))
	if q := <-ans.started; q != "slow one" {
		t.Fatalf("started %q", q)
	}
	s.Push(bottest.PrivateText(902, 902, "fast one"))
	<-ans.started
	if m := lastSent(t, s, 1); m.ChatID != 902 {
		t.Fatalf("first reply went to %d, want the fast chat", m.ChatID)
	}
	// SIGTERM while the slow answer is in flight: Run waits for it.
	h.cancel()
	h.cancel = nil
	time.AfterFunc(300*time.Millisecond, func() { close(gate) })
	select {
	case err := <-h.done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return")
	}
	if sent := s.Sent(); len(sent) != 2 || sent[1].ChatID != 901 {
		t.Errorf("after shutdown: %d messages sent; the answer in flight was not delivered", len(sent))
	}
}

func TestRateLimitOneNoticePerWindow(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{RateBurst: 2, RatePerMinute: 1})
	for i := range 5 {
		s.Push(bottest.PrivateText(1001, 1001, fmt.Sprint("question ", i)))
	}
	s.Push(bottest.PrivateText(1002, 1002, "another user"))
	sent := s.WaitSent(t, 4, 10*time.Second)
	var answers, notices int
	for _, m := range sent {
		switch {
		case strings.Contains(m.Plain, "faster than I can keep up"):
			notices++
		case strings.HasPrefix(m.Plain, "answer to:"):
			answers++
		}
	}
	if answers != 3 || notices != 1 {
		t.Errorf("answers %d, notices %d; want 3 (2 + the other user) and 1", answers, notices)
	}
	noMoreSent(t, h, 4)
}

// TestAnswerTimeoutStillReplies: an answer that never comes ends in a clear reply, not silence.
func TestAnswerTimeoutStillReplies(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	h := start(t, s, &echoAnswerer{hold: map[string]chan struct{}{"stuck": never}},
		Options{AnswerTimeout: 300 * time.Millisecond, DataDir: t.TempDir()})
	s.Push(bottest.PrivateText(1801, 1801, "stuck"))
	if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "something went wrong") {
		t.Errorf("after the answer timeout: %q", m.Plain)
	}
	noMoreSent(t, h, 1)
}
