package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

var loadSize = flag.String("load", "ci", `size of TestLoadBurst: "ci" (110 questions) or "full" (1,000)`)

// TestLoadBurst is the burst scenario: questions from many private chats and a few groups arrive at once;
// Telegram answers some sends with 429 (retry_after 1–3 s) and some with 502; the model takes 300 ms and fails
// some calls with 500 or hangs. The bot (the real binary) gets SIGTERM in the middle of the burst, must exit 0
// after answering everything it took, and is started again to answer the rest. Every question must get exactly
// one reply, no reply may be rejected, and Telegram's limits must hold. It logs peak RSS, CPU per 1,000
// questions and the drain time against the bound Telegram's limits set.
//
//	go test -run TestLoadBurst -v -timeout 20m . -args -load=full
func TestLoadBurst(t *testing.T) {
	t.Parallel()
	bin := testBinary(t)
	// 60 private questions in 30 chats: with their typing notices and streamed edits, all chats together reach
	// the 30 calls a second Telegram allows (20 chats at one a second never did), and each chat takes two answers,
	// sent, edited while streamed and paced. (More questions only lengthen the run at the same 30 a second.)
	privateChats, perChat, groups, perGroup := 30, 2, 2, 3
	if *loadSize == "full" {
		privateChats, perChat, groups, perGroup = 190, 5, 5, 10 // 950 + 50 = 1,000 questions
	}
	var sendNo atomic.Int64
	// Telegram takes 300 ms per call in the burst, so streamed partial sends are still in flight when answers
	// finish. (The calls the bot makes once at start, getMe and its commands and descriptions, answer at once.)
	tg := bottest.New(t, bottest.WithFloodLimits(), bottest.WithLatency(300*time.Millisecond,
		"sendMessage", "editMessageText", "deleteMessage", "sendChatAction"))
	tg.SetFaultFunc(func(method string, _ url.Values) *bottest.Fault {
		if method != "sendMessage" {
			return nil
		}
		switch n := sendNo.Add(1); {
		case n%19 == 0:
			f := bottest.TooManyRequests(1 + int(n%2))
			return &f
		case n%29 == 0:
			f := bottest.ServerError(502)
			return &f
		}
		return nil
	})
	var callNo atomic.Int64
	// The model streams a supported two-sentence answer over about 0.7 s, so private chats see it grow; a hung
	// call is given up after LLM_TIMEOUT=1s.
	model := ragtest.New(t, ragtest.WithLatency(150*time.Millisecond), ragtest.WithChunkDelay(75*time.Millisecond),
		ragtest.WithResponder(func(r ragtest.ChatRequest) string {
			p := r.Messages[0].Content
			if strings.Contains(p, "Answer in Arabic") {
				n := citeOf(p, "وو ينغ تشين")
				return "المدير التنفيذي للأمانة هو وو ينغ تشين " + n + ". وقال إن الأمانة ستعمل على تعزيز قواعدها " + n + "."
			}
			n := citeOf(p, "Wu Yingchen")
			return "Wu Yingchen is the Executive Director of the Secretariat " + n + ". He said it will strengthen its rules and regulations " + n + "."
		}))
	model.SetFaultFunc(func(endpoint string) *ragtest.Fault {
		switch n := callNo.Add(1); {
		case endpoint != ragtest.EndpointChat:
		case n%23 == 0:
			f := ragtest.ServerError(500)
			return &f
		case n%37 == 0:
			return &ragtest.Hang
		}
		return nil
	})

	questions := loadQuestions(t)
	var want []models.Update
	qi := 0
	next := func() string { qi++; return questions[qi%len(questions)] }
	for c := range privateChats {
		for range perChat {
			want = append(want, bottest.PrivateText(int64(30000+c), int64(30000+c), next()))
		}
	}
	at := "@" + tg.Me().Username
	for g := range groups {
		for u := range perGroup {
			text := at + " " + next()
			want = append(want, bottest.GroupText(int64(-40000-g), int64(50000+g*100+u), text, bottest.Mention(text, at)))
		}
	}
	data := t.TempDir()
	env := append(os.Environ(), "TELEGRAM_BOT_TOKEN="+tg.Token(), "TELEGRAM_API_URL="+tg.URL(),
		"OPENAI_BASE_URL="+model.URL(), "OPENAI_API_KEY="+model.Key(), "DATA_DIR="+data, "LLM_TIMEOUT=1s",
		"LLM_MAX_CONCURRENCY=16", "SHUTDOWN_TIMEOUT=300s", "LOG_LEVEL=warn", "MAX_QUESTION_AGE=1h")

	start := time.Now()
	for _, u := range want {
		tg.Push(u)
	}
	first := runBot(t, bin, env, filepath.Join(data, "first.log"))
	half := len(want) / 2
	tg.WaitSent(t, half, 10*time.Minute)
	first.Process.Signal(syscall.SIGTERM) // in the middle of the burst
	usage1 := waitExit(t, first, 5*time.Minute)
	taken := countTaken(t, data, tg.Me().ID)
	if got := len(tg.Sent()); got < taken {
		t.Errorf("SIGTERM: %d questions taken, only %d replied before exit", taken, got)
	}
	polled := len(tg.Calls("getUpdates"))
	second := runBot(t, bin, env, filepath.Join(data, "second.log"))
	tg.WaitSent(t, len(want), 10*time.Minute)
	elapsed := time.Since(start)
	// Once the second run polls with every update confirmed, it has queued all it will answer (its journal's
	// and Telegram's); it exits only after sending those, so a duplicate cannot arrive after it has exited.
	waitFor(t, time.Minute, func() bool { return len(tg.Calls("getUpdates")) > polled && tg.Pending() == 0 })
	second.Process.Signal(syscall.SIGTERM)
	usage2 := waitExit(t, second, 2*time.Minute)

	sent := tg.Sent()
	checkExactlyOnce(t, want, sent)
	for c := range privateChats { // no partial message left beside its answer
		if v := tg.Visible(int64(30000 + c)); len(v) != perChat {
			t.Errorf("chat %d shows %d messages for %d questions: %q", 30000+c, len(v), perChat, v)
		}
	}
	checkLimits(t, tg)
	for _, c := range tg.Calls("sendMessage") {
		if c.Status == 400 {
			t.Errorf("Telegram rejected a reply: %s", c.Description)
		}
	}
	rss := max(usage1.Maxrss, usage2.Maxrss) // KiB
	cpu := time.Duration(usage1.Utime.Nano() + usage1.Stime.Nano() + usage2.Utime.Nano() + usage2.Stime.Nano())
	bound := time.Duration(float64(len(sent))/30*float64(time.Second)) + time.Duration(perChat-1)*time.Second
	t.Logf("%d questions (%d private chats, %d groups): all replied once in %v (Telegram's limits allow %v); "+
		"%d sends, %d injected 429/502, %d edits of streamed answers; peak RSS %.1f MiB; CPU %v in all, %v per 1,000 questions; flood violations %d",
		len(want), privateChats, groups, elapsed.Round(time.Millisecond), bound.Round(time.Millisecond),
		len(tg.Calls("sendMessage")), len(tg.Calls("sendMessage"))-len(sent), len(tg.Edits()), float64(rss)/1024, cpu.Round(time.Millisecond),
		(cpu * 1000 / time.Duration(len(want))).Round(time.Millisecond), tg.FloodViolations())
	if elapsed > 2*bound+30*time.Second {
		t.Errorf("drained in %v, want close to the %v Telegram's limits allow", elapsed, bound)
	}
}

func loadQuestions(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "qa.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var it qaItem
		if json.Unmarshal(sc.Bytes(), &it) == nil && it.Context == "" {
			qs = append(qs, it.Question)
		}
	}
	return qs
}

func runBot(t *testing.T, bin string, env []string, log string) *exec.Cmd {
	t.Helper()
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = t.TempDir(), env, f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		f.Close()
		if t.Failed() {
			b, _ := os.ReadFile(log)
			t.Logf("%s:\n%s", filepath.Base(log), b)
		}
	})
	return cmd
}

// waitExit waits for the process and requires exit code 0; it returns the process's resource usage.
func waitExit(t *testing.T, cmd *exec.Cmd, timeout time.Duration) *syscall.Rusage {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("bot exited with %v, want 0", err)
		}
	case <-time.After(timeout):
		cmd.Process.Kill()
		t.Fatalf("bot did not exit within %v of SIGTERM", timeout)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage)
}

// countTaken is the number of questions the journal recorded as taken (it is not compacted while the bot is
// down).
func countTaken(t *testing.T, data string, botID int64) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(data, "journal", fmt.Sprintf("bot-%d.jsonl", botID)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), `"op":"take"`)
}

// checkExactlyOnce: every private chat got one reply per question, every group question exactly one threaded
// reply.
func checkExactlyOnce(t *testing.T, want []models.Update, sent []bottest.SentMessage) {
	t.Helper()
	perChat := map[int64]int{}
	groupReplies := map[int]int{}
	for _, m := range sent {
		if m.ChatID < 0 {
			groupReplies[m.ReplyTo]++
		} else {
			perChat[m.ChatID]++
		}
	}
	wantChat := map[int64]int{}
	for _, u := range want {
		if u.Message.Chat.ID < 0 {
			if n := groupReplies[u.Message.ID]; n != 1 {
				t.Errorf("group question %d got %d replies, want 1", u.Message.ID, n)
			}
		} else {
			wantChat[u.Message.Chat.ID]++
		}
	}
	for chat, n := range wantChat {
		if perChat[chat] != n {
			t.Errorf("chat %d: %d replies to %d questions", chat, perChat[chat], n)
		}
	}
}

// checkLimits verifies Telegram's flood limits on every sendMessage attempt, as Telegram counts them.
func checkLimits(t *testing.T, tg *bottest.Server) {
	t.Helper()
	calls := tg.Calls("sendMessage")
	times := make([]time.Time, len(calls))
	byChat := map[string][]time.Time{}
	for i, c := range calls {
		times[i] = c.Time
		byChat[c.Params["chat_id"]] = append(byChat[c.Params["chat_id"]], c.Time)
	}
	if n := maxInWindow(times, time.Second); n > 30 {
		t.Errorf("%d sends in one second, want at most 30", n)
	}
	for chat, ts := range byChat {
		if strings.HasPrefix(chat, "-") {
			if n := maxInWindow(ts, time.Minute); n > 20 {
				t.Errorf("%d sends to group %s in one minute, want at most 20", n, chat)
			}
		}
		if n := maxInWindow(ts, time.Second); n > 2 {
			t.Errorf("%d sends to chat %s in one second", n, chat)
		}
	}
	if v := tg.FloodViolations(); v != 0 {
		t.Errorf("%d flood-limit violations", v)
	}
}

func maxInWindow(ts []time.Time, d time.Duration) int {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	best, lo := 0, 0
	for hi := range ts {
		for ts[hi].Sub(ts[lo]) >= d {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// citeOf is the citation marker ("[3]") a prompt gives the source whose text holds needle.
func citeOf(prompt, needle string) string {
	i := strings.Index(prompt, needle)
	if i < 0 {
		return "[1]"
	}
	j := strings.LastIndex(prompt[:i], "\n[")
	return prompt[j+1 : j+4]
}
