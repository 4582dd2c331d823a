package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

	docs, skipped, err := LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "good,sub/plain" {
		t.Errorf("loaded %v, want good and sub/plain", ids)
	}
	good := docs[0]
	if good.Title != "Summit" || good.Date != "2023-05-19" || good.Lang != English || len(good.Paragraphs()) != 2 {
		t.Errorf("good.md = %+v", good)
	}
	if plain := docs[1]; plain.Lang != Arabic || plain.Title != "سطر أول" {
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
	if _, _, err := LoadDir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("LoadDir(missing) = nil error")
	}
	if docs, _, err := LoadDir(""); err != nil || docs != nil {
		t.Errorf("LoadDir(\"\") = %v, %v; want nothing", docs, err)
	}
}

func TestTranslationAlignment(t *testing.T) {
	orig := Document{ID: "o", Lang: English, Text: "A.\n\nB."}
	good := Document{ID: "t", Lang: Arabic, TranslationOf: "o", Text: "أ.\n\nب."}
	short := Document{ID: "s", Lang: Arabic, TranslationOf: "o", Text: "أ."}
	orphan := Document{ID: "x", Lang: Arabic, TranslationOf: "missing", Text: "أ."}
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
