package bot

import (
	"os"
	"path/filepath"
	"testing"
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
