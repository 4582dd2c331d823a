package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

// TestCrashLosesNoQuestion kills the bot with SIGKILL while answers are in flight (the model hangs), restarts
// it, and requires every question to be answered, at most the in-flight ones twice.
func TestCrashLosesNoQuestion(t *testing.T) {
	t.Parallel()
	bin := testBinary(t)
	tg := bottest.New(t)
	model := ragtest.New(t, ragtest.WithResponder(func(r ragtest.ChatRequest) string {
		return "Wu Yingchen is the Executive Director [1]."
	}))
	model.SetFaultFunc(func(endpoint string) *ragtest.Fault {
		if endpoint == ragtest.EndpointChat {
			return &ragtest.Hang
		}
		return nil
	})
	data := t.TempDir()
	env := append(os.Environ(), "TELEGRAM_BOT_TOKEN="+tg.Token(), "TELEGRAM_API_URL="+tg.URL(),
		"OPENAI_BASE_URL="+model.URL(), "OPENAI_API_KEY="+model.Key(), "DATA_DIR="+data, "LLM_TIMEOUT=60s",
		"LOG_LEVEL=debug")
	startBot := func(log string) *exec.Cmd {
		cmd := exec.Command(bin)
		cmd.Dir, cmd.Env = t.TempDir(), env
		f, err := os.Create(filepath.Join(data, log))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = f, f
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); f.Close() })
		return cmd
	}
	// The start-up check call hangs too; let it time out quickly by failing it instead.
	model.FailNext(ragtest.EndpointChat, 1, ragtest.ServerError(500))
	first := startBot("first.log")
	tg.WaitCalls(t, "getUpdates", 1, 30*time.Second)
	const n = 6
	for i := range n {
		tg.Push(bottest.PrivateText(int64(2000+i), int64(2000+i), fmt.Sprintf("who heads the secretariat %d?", i)))
	}
	journal := filepath.Join(data, "journal", fmt.Sprintf("bot-%d.jsonl", tg.Me().ID))
	waitFor(t, 30*time.Second, func() bool {
		b, _ := os.ReadFile(journal)
		return strings.Count(string(b), `"op":"take"`) == n
	})
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	if sent := len(tg.Sent()); sent != 0 {
		t.Fatalf("%d replies before the crash, want 0 (the model hangs)", sent)
	}

	model.SetFaultFunc(nil) // the model works again
	startBot("second.log")
	sent := tg.WaitSent(t, n, 60*time.Second)
	perChat := map[int64]int{}
	for _, m := range sent {
		perChat[m.ChatID]++
	}
	for i := range n {
		if c := perChat[int64(2000+i)]; c != 1 {
			t.Errorf("chat %d got %d replies, want exactly 1", 2000+i, c)
		}
	}
	log, _ := os.ReadFile(filepath.Join(data, "second.log"))
	if !strings.Contains(string(log), "answering questions taken before the restart") {
		t.Errorf("restart did not report the recovered questions:\n%s", log)
	}
}

func waitFor(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
