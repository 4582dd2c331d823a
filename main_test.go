package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// fakeEnv returns a getenv over vars, with DATA_DIR in a temporary directory unless given.
func fakeEnv(t *testing.T, vars ...string) func(string) string {
	t.Helper()
	m := map[string]string{"DATA_DIR": t.TempDir()}
	for i := 0; i+1 < len(vars); i += 2 {
		m[vars[i]] = vars[i+1]
	}
	return func(k string) string { return m[k] }
}

// noEnvFile is the dotenv file the tests give run: none, so the environment is all in getenv and no .env in the
// working directory is read.
const noEnvFile = ""

// runCmd runs the program with no dotenv file and returns its output and exit code.
func runCmd(t *testing.T, getenv func(string) string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, getenv, noEnvFile, strings.NewReader(stdin), &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestAskJSON(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCmd(t, fakeEnv(t), "", "ask", "--json", "--k", "2", "Who heads the secretariat?")
	if code != 0 {
		t.Fatalf("ask exit %d: %s", code, stderr)
	}
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("ask --json printed %d lines, want exactly one object:\n%s", strings.Count(out, "\n"), out)
	}
	var got struct {
		Question, Language, Answer, Mode string
		Refused                          bool
		Confidence, Reason               string
		Sources                          []struct {
			ID, Title, Text string
			Score           float64
		}
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode %s: %v", out, err)
	}
	if got.Language != "en" || got.Mode != "extractive" || got.Refused || got.Confidence != "high" ||
		got.Reason != "" || !strings.Contains(got.Answer, "Wu Yingchen") {
		t.Errorf("ask --json = %+v", got)
	}
	if len(got.Sources) != 2 || got.Sources[0].ID != "xinhua-20240330-en#11" || got.Sources[0].Text == "" ||
		got.Sources[0].Score <= 0 || got.Sources[0].Title == "" || got.Sources[1].ID == got.Sources[0].ID {
		t.Errorf("sources = %+v", got.Sources)
	}
}

// TestAskJSONReason: a refusal and a hedged answer say why in "reason"; a hedged one is "confidence": "low".
func TestAskJSONReason(t *testing.T) {
	t.Parallel()
	tests := []struct{ question, confidence, reason string }{
		{"who is the president of Kazakhstan?", "", "named_absent"},
		{"hello there", "", "no_content"},
		{"what did Wang Yi tell Zelensky about the secretariat?", "low", "weak_evidence"},
	}
	for _, tt := range tests {
		out, stderr, code := runCmd(t, fakeEnv(t), "", "ask", "--json", tt.question)
		if code != 0 {
			t.Fatalf("ask exit %d: %s", code, stderr)
		}
		var got struct {
			Refused            bool
			Confidence, Reason string
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Confidence != tt.confidence || got.Reason != tt.reason || got.Refused != (tt.confidence == "") {
			t.Errorf("ask --json %q = %+v, want confidence %q reason %q", tt.question, got, tt.confidence, tt.reason)
		}
	}
}

func TestAskTextArabic(t *testing.T) {
	t.Parallel()
	out, _, code := runCmd(t, fakeEnv(t), "", "ask", "متى", "أطلقت", "الأمانة؟")
	if code != 0 || !strings.Contains(out, "30 مارس 2024") || !strings.Contains(out, "المصدر:") {
		t.Errorf("ask (ar) exit %d:\n%s", code, out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"ask"}, {"ask", "   "}, {"ask", "--nope", "x"}, {"ask", "--k", "x", "q"}, {"ask", "--k", "-1", "q"},
		{"ask", "--k", "0", "q"}, {"ask", "q", "--k", "0"}, {"ask", "who heads the secretariat?", "--nope"},
		{"ask", "--json"}, {"frobnicate"}, {"chat", "extra"}, {"chat", "--json", "extra"},
		{"eval", "--file", "/nonexistent.jsonl"}, {"eval", "--k", "0"}, {"eval", "foo"}, {"eval", "-v", "foo"},
		{"eval", "--min-recall", "5"}, {"eval", "--max-wrong-refusals", "-0.1"}, {"eval", "--min-accuracy", "NaN"},
		{"ask", strings.Repeat("a", 1001)},
	} {
		_, stderr, code := runCmd(t, fakeEnv(t), "", args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("run(%.40q) exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
}

// TestFlagsAfterTheQuestion: flags after the question are flags, never question text; after -- everything is.
func TestFlagsAfterTheQuestion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"ask", "Who heads the secretariat?", "--k", "2", "--json"},
		{"ask", "--json", "Who", "heads", "--k=2", "the", "secretariat?"},
		{"ask", "--k", "2", "--json", "--", "Who heads the secretariat?"},
	} {
		out, stderr, code := runCmd(t, fakeEnv(t), "", args...)
		var got struct {
			Question string
			Sources  []struct{ ID string }
		}
		if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
			t.Errorf("run(%q) exit %d, %v: %s", args, code, err, stderr)
			continue
		}
		if got.Question != "Who heads the secretariat?" || len(got.Sources) != 2 {
			t.Errorf("run(%q) = question %q, %d sources; want the question alone and 2 sources", args, got.Question,
				len(got.Sources))
		}
	}
	out, _, code := runCmd(t, fakeEnv(t), "", "ask", "--json", "--", "-5 degrees in Xi'an?")
	if code != 0 || !strings.Contains(out, `"question":"-5 degrees in Xi'an?"`) {
		t.Errorf("ask -- -5… = exit %d, %s; want the question after --", code, out)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--help"}, {"help"}, {"ask", "--help"}, {"chat", "-h"}, {"eval", "--help"}} {
		out, stderr, code := runCmd(t, fakeEnv(t), "", args...)
		if code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("run(%q) exit %d, stdout %q, stderr %q; want usage and 0", args, code, out, stderr)
		}
	}
}

func TestChatKeepsTheConversation(t *testing.T) {
	t.Parallel()
	in := "who is the foreign minister of kyrgyzstan?\n\nand the tajik one?\nمن هو وانغ يي؟\n" + strings.Repeat("x", 2000) + "\n"
	out, stderr, code := runCmd(t, fakeEnv(t), in, "chat", "--json")
	if code != 0 {
		t.Fatalf("chat exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("chat --json printed %d lines, want 4 (the blank line is skipped):\n%s", len(lines), out)
	}
	var answers []struct {
		Language, Answer string
		Refused          bool
	}
	for _, l := range lines {
		var a struct {
			Language, Answer string
			Refused          bool
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		answers = append(answers, a)
	}
	if !strings.Contains(answers[1].Answer, "Sirojiddin Muhriddin") {
		t.Errorf("follow-up answer = %q, want the Tajik minister", answers[1].Answer)
	}
	if answers[2].Language != "ar" || !strings.Contains(answers[2].Answer, "وزير الخارجية") {
		t.Errorf("Arabic answer = %+v", answers[2])
	}
	if !answers[3].Refused || !strings.Contains(answers[3].Answer, "2000") {
		t.Errorf("over-long question answer = %+v, want a refusal naming its length", answers[3])
	}
}

// TestEnvFile: run reads the dotenv file it is given (the binary gives ".env" in its working directory), and a
// variable set in the environment wins over the file.
func TestEnvFile(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(file, []byte("TOP_K=1\nMIN_COVERAGE=lots\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ask := func(getenv func(string) string) (stdout, stderr string, code int) {
		var out, errOut bytes.Buffer
		err := run(t.Context(), []string{"ask", "--json", "Who heads the secretariat?"}, getenv, file,
			strings.NewReader(""), &out, &errOut)
		code = exitCode(err, &errOut)
		return out.String(), errOut.String(), code
	}
	out, stderr, code := ask(fakeEnv(t, "MIN_COVERAGE", "0.5"))
	var got struct{ Sources []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Sources) != 1 {
		t.Errorf("ask with TOP_K=1 in the file: exit %d, %d sources, stderr %q; want 0 and 1 source", code,
			len(got.Sources), stderr)
	}
	if _, stderr, code := ask(fakeEnv(t)); code != 1 || !strings.Contains(stderr, "MIN_COVERAGE") {
		t.Errorf("ask with MIN_COVERAGE=lots in the file alone: exit %d, stderr %q; want 1 naming MIN_COVERAGE", code,
			stderr)
	}
}

func TestNoTokenWithoutTerminal(t *testing.T) {
	t.Parallel()
	_, stderr, code := runCmd(t, fakeEnv(t), "")
	if code != 1 || !strings.Contains(stderr, "TELEGRAM_BOT_TOKEN") || !strings.Contains(stderr, "ask") {
		t.Errorf("run() without token: exit %d, stderr %q", code, stderr)
	}
}

func TestBadConfigNamesEveryVariable(t *testing.T) {
	t.Parallel()
	_, stderr, code := runCmd(t, fakeEnv(t, "TOP_K", "zero", "LOG_LEVEL", "loud"), "", "ask", "hi")
	if code != 1 || !strings.Contains(stderr, "TOP_K") || !strings.Contains(stderr, "LOG_LEVEL") {
		t.Errorf("bad config: exit %d, stderr %q", code, stderr)
	}
}

func TestOperatorDocumentsAreAnswered(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	doc := "---\ntitle: Summit notes\nsource: Test desk\ndate: 2023-05-19\nlang: en\n---\n" +
		"The first China-Central Asia Summit was held in Xi'an on 18 and 19 May 2023.\n"
	if err := os.WriteFile(filepath.Join(dir, "summit.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte{0xff, 0xfe}, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCmd(t, fakeEnv(t, "KNOWLEDGE_DIR", dir), "", "ask", "when was the first summit held?")
	if code != 0 || !strings.Contains(out, "May 2023") || !strings.Contains(out, "summit#1") {
		t.Errorf("ask with KNOWLEDGE_DIR: exit %d\n%s", code, out)
	}
	if !strings.Contains(stderr, "broken.md") {
		t.Errorf("the broken file is not reported by name: %q", stderr)
	}
}

func TestKnowledgeLimitsAreReported(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	summit := "---\ntitle: Summit notes\nlang: en\n---\n" +
		"The first China-Central Asia Summit was held in Xi'an on 18 and 19 May 2023.\n"
	files := map[string][]byte{
		"a-summit.md": []byte(summit),
		"b-zeros.txt": make([]byte, 4096), // not text: skipped for that
		"c-late.md":   []byte(summit + "More notes on the summit.\n"),
		"d-later.md":  []byte(summit),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := fakeEnv(t, "KNOWLEDGE_DIR", dir, "KNOWLEDGE_MAX_BYTES", fmt.Sprint(len(summit)+10))
	out, stderr, code := runCmd(t, env, "", "ask", "when was the first summit held?")
	if code != 0 || !strings.Contains(out, "May 2023") {
		t.Errorf("ask with the first document within the limit: exit %d\n%s", code, out)
	}
	var limitLines []string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, "KNOWLEDGE_MAX_BYTES") {
			limitLines = append(limitLines, line)
		}
	}
	if len(limitLines) != 1 || !strings.Contains(limitLines[0], "c-late.md") ||
		!strings.Contains(limitLines[0], "d-later.md") || !strings.Contains(limitLines[0], "files=2") {
		t.Errorf("want one warning naming KNOWLEDGE_MAX_BYTES and both files past it, got:\n%s", stderr)
	}
	if !strings.Contains(stderr, "b-zeros.txt") || !strings.Contains(stderr, "NUL") {
		t.Errorf("the file of NUL bytes is not reported by name and reason: %q", stderr)
	}
}

// TestQASetFloors runs the built-in QA set, from a folder without it (the set is in the binary), and holds the
// offline default to the floors eval enforces by default (recall@3 ≥ 0.95 per language, accuracy ≥ 0.90,
// out-of-scope refused ≥ 0.90, wrong refusals ≤ 0.05). It is the one test here that changes the working
// directory, so the one that does not run in parallel (it takes 50 ms).
func TestQASetFloors(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := runCmd(t, fakeEnv(t), "", "eval", "-v")
	if code != 0 {
		t.Fatalf("eval below the floors (exit %d): %s\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "over 144 questions") {
		t.Errorf("eval did not run the built-in set:\n%s", out)
	}
	t.Log("\n" + out)
}

// TestEvalKIsTopK: eval retrieves TOP_K passages per question, as ask and the bot do, unless --k says otherwise.
func TestEvalKIsTopK(t *testing.T) {
	t.Parallel()
	set := filepath.Join(t.TempDir(), "one.jsonl")
	if err := os.WriteFile(set, []byte(`{"id":"a","lang":"en","kind":"fact","question":"Who heads the secretariat?","answer_any":["Wu Yingchen"],"passage_any":["xinhua-20240330#11"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, nil, "recall@3"},
		{[]string{"TOP_K", "2"}, nil, "recall@2"},
		{[]string{"TOP_K", "2"}, []string{"--k", "1"}, "recall@1"},
	} {
		out, stderr, code := runCmd(t, fakeEnv(t, tt.env...), "", append([]string{"eval", "--file", set}, tt.args...)...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("eval %q with %q: exit %d, want %q in\n%s%s", tt.args, tt.env, code, tt.want, out, stderr)
		}
	}
}

// TestEvalThresholds: the default thresholds hold the built-in set only; a set given with --file is held to the
// thresholds given, and a miss says which threshold and by how much.
func TestEvalThresholds(t *testing.T) {
	t.Parallel()
	set := `{"id":"a","lang":"en","kind":"fact","question":"Who heads the secretariat?","answer_any":["Wu Yingchen"],"passage_any":["xinhua-20240330#11"]}
{"id":"b","lang":"en","kind":"fact","question":"Who heads the secretariat?","answer_any":["Napoleon"],"passage_any":["xinhua-20240330#11"]}
`
	half := filepath.Join(t.TempDir(), "half.jsonl")
	if err := os.WriteFile(half, []byte(set), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"eval", "--file", half}, 0, ""},
		{[]string{"eval", "--file", half, "--min-accuracy", "0.9"}, 1,
			"eval below thresholds: accuracy 0.500 is under --min-accuracy 0.900 by 0.400"},
		{[]string{"eval", "--file", half, "--min-accuracy", "0.5", "--max-wrong-refusals", "0"}, 0, ""},
		{[]string{"eval", "--min-accuracy", "1"}, 1, "is under --min-accuracy 1.000 by"},
	}
	for _, tt := range tests {
		out, stderr, code := runCmd(t, fakeEnv(t), "", tt.args...)
		if code != tt.code || !strings.Contains(out, "answer accuracy") ||
			(tt.want == "") != (stderr == "") || !strings.Contains(stderr, tt.want) {
			t.Errorf("run(%q) exit %d, stderr %q; want %d and %q\n%s", tt.args, code, stderr, tt.code, tt.want, out)
		}
	}
}

// syncWriter is a bytes.Buffer safe for the logger's goroutines.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// serveInBackground runs the bot (run with no arguments) against tg with getenv until stop, which cancels it,
// fails the test if run fails or the token shows in its logs, and returns the logs.
func serveInBackground(t *testing.T, tg *bottest.Server, getenv func(string) string) (stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var stderr syncWriter
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, noEnvFile, strings.NewReader(""), io.Discard, &stderr) }()
	tg.WaitCalls(t, "getUpdates", 1, 10*time.Second)
	return func() string {
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("run = %v\n%s", err, stderr.String())
		}
		if strings.Contains(stderr.String(), tg.Token()) {
			t.Errorf("the bot token is in the logs:\n%s", stderr.String())
		}
		return stderr.String()
	}
}
