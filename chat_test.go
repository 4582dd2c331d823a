package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: tty is the side a program gets as stdin in a person's shell, pty the side
// that types into it (a line, Ctrl-D).
func openPTY(t *testing.T) (pty, tty *os.File) {
	t.Helper()
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("open /dev/ptmx: %v", err)
	}
	t.Cleanup(func() { pty.Close() })
	if err := unix.IoctlSetPointerInt(int(pty.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(pty.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pty number: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open tty: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return pty, tty
}

// waitOutput waits until w holds want.
func waitOutput(t *testing.T, w *syncWriter, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(w.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the output:\n%s", want, w.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOfflineChatOnATerminal: `ccabot` without a token on a terminal is the offline chat; its banner says how it
// ends, and both Ctrl-D and Ctrl-C (the signal cancels ctx) end it at once with exit 0, no error line and the
// shell's prompt on a line of its own. Ctrl-C is given while the chat waits for a line: before, it waited for
// the next Enter.
func TestOfflineChatOnATerminal(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"Ctrl-D", "Ctrl-C"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			pty, tty := openPTY(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var stdout, stderr syncWriter
			done := make(chan error, 1)
			go func() { done <- run(ctx, nil, fakeEnv(t), noEnvFile, tty, &stdout, &stderr) }()
			if _, err := pty.WriteString("who heads the secretariat?\n"); err != nil {
				t.Fatal(err)
			}
			waitOutput(t, &stdout, "Wu Yingchen")
			waitOutput(t, &stdout, "\n\n> ")
			if how == "Ctrl-D" {
				pty.WriteString("\x04") // VEOF on an empty line: the read returns end of input
			} else {
				cancel()
			}
			select {
			case err := <-done:
				if code := exitCode(err, &stderr); code != 0 {
					t.Errorf("run after %s: exit %d, want 0", how, code)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("the chat did not end on %s", how)
			}
			if !strings.HasSuffix(stdout.String(), "> \n") {
				t.Errorf("output ends %q, want the prompt and a newline", stdout.String()[max(0, len(stdout.String())-20):])
			}
			if s := stderr.String(); !strings.Contains(s, "Ctrl-D or Ctrl-C ends it") || strings.Contains(s, "ccabot:") {
				t.Errorf("stderr = %q, want the banner naming Ctrl-D and Ctrl-C and no error", s)
			}
		})
	}
}

// TestNoTokenWithDevNull: /dev/null is a character device, not a terminal; without a token, a bot started by
// systemd, cron or `docker run` without -t must fail clearly, not start a chat that ends at once.
func TestNoTokenWithDevNull(t *testing.T) {
	t.Parallel()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	var stdout, stderr strings.Builder
	code := exitCode(run(t.Context(), nil, fakeEnv(t), noEnvFile, null, &stdout, &stderr), &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "TELEGRAM_BOT_TOKEN is not set") || stdout.Len() != 0 {
		t.Errorf("run() with stdin /dev/null: exit %d, stdout %q, stderr %q; want 1 and the token error",
			code, stdout.String(), stderr.String())
	}
}

// TestPipedChat: piped text answers are separated by a blank line, and an over-long line is told its real
// length (it was once cut at the 64 KiB read buffer).
func TestPipedChat(t *testing.T) {
	t.Parallel()
	in := "who heads the secretariat?\n  " + strings.Repeat("x", 100_000) + "  \nwhen was it launched?"
	out, stderr, code := runCmd(t, fakeEnv(t), in, "chat")
	if code != 0 {
		t.Fatalf("chat exit %d: %s", code, stderr)
	}
	// Each answer ends with its source line; the next one starts after a blank line.
	const tooLong = "Your question is 100000 characters long; please keep it under 1000."
	if !strings.Contains(out, "translation)\n\n"+tooLong+"\n\n") || strings.Count(out, "\nSource: ") != 2 ||
		!strings.HasSuffix(out, "translation)\n\n") {
		t.Errorf("chat output, want three answers separated by blank lines:\n%.2000s", out)
	}
}
