package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ccabot/bot/bottest"
)

func TestJournalSurvivesATornFileAndCompacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	j, pending, err := openJournal(dir, "j.jsonl")
	if err != nil || len(pending) != 0 {
		t.Fatalf("openJournal(empty) = %v, %v", pending, err)
	}
	for id := int64(1); id <= 4; id++ {
		if err := j.take(record{ID: id, Chat: id * 10, Text: "q"}); err != nil {
			t.Fatal(err)
		}
	}
	j.finish(2)
	j.finish(4)
	j.close()
	// A crash mid-write leaves half a line.
	f, _ := os.OpenFile(filepath.Join(dir, "j.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"op":"take","id":5,"chat`)
	f.Close()

	j2, pending, err := openJournal(dir, "j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer j2.close()
	if _, _, err := openJournal(dir, "j.jsonl"); err == nil {
		t.Error("a second process could open the same journal")
	}
	if len(pending) != 2 || pending[0].ID != 1 || pending[1].ID != 3 || pending[1].Chat != 30 {
		t.Errorf("pending after restart = %+v, want 1 and 3", pending)
	}
	for id, want := range map[int64]bool{1: true, 2: true, 3: true, 4: true, 5: false} {
		if j2.seen(id) != want {
			t.Errorf("seen(%d) = %v, want %v", id, !want, want)
		}
	}
}

// TestJournalSkipsAnOverlongLine: a line over a megabyte (NUL bytes after a power loss) is skipped and counted;
// the bot still starts with the questions around it.
func TestJournalSkipsAnOverlongLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	garbage := make([]byte, 3<<20) // NUL bytes, no newline for 3 MiB
	content := `{"op":"take","id":1,"chat":10,"text":"q"}` + "\n" + string(garbage) + "\n" +
		`{"op":"take","id":2,"chat":20,"text":"q"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "j.jsonl"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	j, pending, err := openJournal(dir, "j.jsonl")
	if err != nil {
		t.Fatalf("openJournal = %v", err)
	}
	defer j.close()
	if len(pending) != 2 || pending[0].ID != 1 || pending[1].ID != 2 || j.skipped != 1 {
		t.Errorf("pending = %+v, skipped %d; want questions 1 and 2 and one skipped line", pending, j.skipped)
	}
}

// TestJournalRemembersThePartialMessage: a question whose answer was streaming when the bot died comes back
// with the message already showing part of it, so the answer is edited into that message, not sent beside it.
func TestJournalRemembersThePartialMessage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	j, _, err := openJournal(dir, "j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	j.take(record{ID: 7, Chat: 70, Text: "q", Private: true})
	j.partial(7, 4242)
	j.close()
	for range 2 { // as read back, and after the compaction that reading does
		j2, pending, err := openJournal(dir, "j.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 1 || pending[0].Partial != 4242 || eventOf(pending[0]).partial != 4242 {
			t.Errorf("pending = %+v, want question 7 with partial message 4242", pending)
		}
		j2.close()
	}
}

// A DATA_DIR that cannot be written (here a file stands where the directory should be, which fails for root
// too) leaves the bot serving without the journal, with one error line saying what that risks; updates
// delivered twice are still answered once.
func TestUnwritableDataDirStillServes(t *testing.T) {
	t.Parallel()
	blocker := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(blocker, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{DataDir: blocker})
	u := bottest.PrivateText(41, 41, "who heads the secretariat?")
	u.ID = s.Push(u)
	s.Push(u) // the same update again, as after a lost confirmation
	if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "answer to: who heads the secretariat?") {
		t.Errorf("answer: %q", m.Plain)
	}
	noMoreSent(t, h, 1)
	logs := h.logs.String()
	if n := strings.Count(logs, "level=ERROR msg=\"DATA_DIR cannot be written"); n != 1 {
		t.Errorf("%d error lines about DATA_DIR, want 1:\n%s", n, logs)
	}
}
