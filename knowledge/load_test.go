package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ccabot/knowledge/nlp"
)

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// docIDs joins the IDs of docs with commas.
func docIDs(docs []Document) string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return strings.Join(ids, ",")
}

func TestLoadDirSkipsBadFilesByName(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.md", []byte("---\ntitle: Summit\nsource: Test\ndate: 2023-05-19\nlang: en\n---\nThe first summit.\n\nSecond paragraph."))
	write(t, dir, "sub/plain.txt", []byte("سطر أول\nسطر ثان"))
	write(t, dir, "latin1.txt", []byte{'c', 'a', 'f', 0xe9})
	write(t, dir, "empty.md", nil)
	write(t, dir, "blank.md", []byte("---\ntitle: x\n---\n   \n"))
	write(t, dir, "unclosed.md", []byte("---\ntitle: x\nno end"))
	write(t, dir, "baddate.md", []byte("---\ndate: May 2023\n---\ntext"))
	write(t, dir, "badlang.md", []byte("---\nlang: fr\n---\ntexte"))
	write(t, dir, "huge.txt", []byte(strings.Repeat("a", MaxFileBytes+1)))
	write(t, dir, "ignored.pdf", []byte("%PDF"))

	docs, skipped, err := LoadDir(dir, 0)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if ids := docIDs(docs); ids != "good,sub/plain" {
		t.Errorf("loaded %v, want good and sub/plain", ids)
	}
	good := docs[0]
	if good.Title != "Summit" || good.Date != "2023-05-19" || good.Lang != nlp.English || len(good.Paragraphs()) != 2 {
		t.Errorf("good.md = %+v", good)
	}
	if plain := docs[1]; plain.Lang != nlp.Arabic || plain.Title != "سطر أول" {
		t.Errorf("plain.txt: lang %s title %q, want ar and the first line", plain.Lang, plain.Title)
	}
	bad := map[string]bool{}
	for _, s := range skipped {
		var fe *FileError
		if !errors.As(s, &fe) {
			t.Fatalf("skipped error %v is not a *FileError", s)
		}
		bad[filepath.Base(fe.Path)] = true
	}
	for _, name := range []string{"latin1.txt", "empty.md", "blank.md", "unclosed.md", "baddate.md", "badlang.md", "huge.txt"} {
		if !bad[name] {
			t.Errorf("%s was not reported as skipped (skipped: %v)", name, skipped)
		}
	}
}

func TestLoadDirMissingDirIsAnError(t *testing.T) {
	if _, _, err := LoadDir(filepath.Join(t.TempDir(), "nope"), 0); err == nil {
		t.Error("LoadDir(missing) = nil error")
	}
	if docs, _, err := LoadDir("", 0); err != nil || docs != nil {
		t.Errorf("LoadDir(\"\") = %v, %v; want nothing", docs, err)
	}
}

func TestTranslationAlignment(t *testing.T) {
	orig := Document{ID: "o", Lang: nlp.English, Text: "A.\n\nB."}
	good := Document{ID: "t", Lang: nlp.Arabic, TranslationOf: "o", Text: "أ.\n\nب."}
	short := Document{ID: "s", Lang: nlp.Arabic, TranslationOf: "o", Text: "أ."}
	orphan := Document{ID: "x", Lang: nlp.Arabic, TranslationOf: "missing", Text: "أ."}
	c, problems := NewCorpus([]Document{orig, good, short, orphan}, 0)
	if len(problems) != 2 {
		t.Fatalf("problems = %v, want 2 (short and orphan)", problems)
	}
	groups := map[string]string{}
	for _, p := range c.Passages {
		groups[p.ID] = p.Group
	}
	if groups["t#2"] != "o#2" || groups["s#1"] != "s#1" || groups["x#1"] != "x#1" {
		t.Errorf("groups = %v", groups)
	}
}

func TestGlossary(t *testing.T) {
	entries := Glossary()
	if len(entries) < 30 {
		t.Fatalf("Glossary() has %d entries", len(entries))
	}
	if _, err := ParseGlossary("role | a | ب | nothing"); err == nil {
		t.Error("ParseGlossary accepted an undefined broader entry")
	}
	if _, err := ParseGlossary("role | a"); err == nil {
		t.Error("ParseGlossary accepted a line with 2 columns")
	}
}

func TestLoadDirSkipsWhatIsNotText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "good.txt", []byte("The secretariat opened in Xi'an.\tA tab, a form feed\f and CRLF\r\n are text."))
	write(t, dir, "zeros.txt", make([]byte, 1<<20)) // a file of NUL bytes, as a failed copy leaves
	write(t, dir, "nul.md", []byte("Some text\x00with a NUL byte in it."))
	binary := []byte("\x7fELF\x02\x01\x01")
	for i := range 256 {
		binary = append(binary, byte(1+i%40)) // valid UTF-8 without NUL, mostly control characters
	}
	write(t, dir, "program.txt", binary)

	docs, skipped, err := LoadDir(dir, 0)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if len(docs) != 1 || docs[0].ID != "good" {
		t.Errorf("LoadDir loaded %d documents, want only good.txt: %+v", len(docs), docs)
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		var fe *FileError
		if errors.As(s, &fe) {
			reasons[filepath.Base(fe.Path)] = fe.Err.Error()
		}
	}
	wantReason := map[string]string{"zeros.txt": "NUL", "nul.md": "NUL", "program.txt": "control characters"}
	for name, want := range wantReason {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s skipped for %q, want a reason naming %q", name, reasons[name], want)
		}
	}
}

func TestLoadDirStopsAtTheTotal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	para := strings.Repeat("The secretariat of the mechanism opened in Xi'an. ", 20) // 1,000 bytes
	for _, name := range []string{"a.md", "b.md", "c/d.md", "e.md"} {
		write(t, dir, name, []byte(para))
	}
	write(t, dir, "b2.md", make([]byte, 10)) // not text: skipped for that, and it takes nothing of the total
	write(t, dir, "f.md", []byte("short"))   // would fit, but comes after the limit

	docs, skipped, err := LoadDir(dir, 2500)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if got := docIDs(docs); got != "a,b" {
		t.Errorf("LoadDir(limit 2500) loaded %s, want a,b (the files in lexical order until the total)", got)
	}
	var over *OverTotal
	for _, s := range skipped {
		if errors.As(s, &over) {
			break
		}
	}
	if over == nil {
		t.Fatalf("no *OverTotal among the skipped: %v", skipped)
	}
	var names []string
	for _, p := range over.Paths {
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
	}
	if got := strings.Join(names, ","); got != "c/d.md,e.md,f.md" || over.Limit != 2500 || over.Bytes != 2005 {
		t.Errorf("OverTotal = %s, %d bytes, limit %d; want c/d.md,e.md,f.md, 2005 bytes, limit 2500", got, over.Bytes,
			over.Limit)
	}
	if msg := over.Error(); !strings.Contains(msg, "3 files") || !strings.Contains(msg, "e.md") {
		t.Errorf("OverTotal.Error() = %q, want the count and the names", msg)
	}
	if docs, _, _ := LoadDir(dir, 0); len(docs) != 6-1 {
		t.Errorf("LoadDir(no limit) loaded %d documents, want 5", len(docs))
	}
}
