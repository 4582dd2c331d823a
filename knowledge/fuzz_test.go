package knowledge

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "a. b? c!", "قال، ثم؛ انتهى؟ نعم.", strings.Repeat("x", 100), "U.S. 3.5 \"q.\" x", "\n\n\n", "\xff"} {
		f.Add(s, 30)
	}
	f.Fuzz(func(t *testing.T, text string, max int) {
		if !utf8.ValidString(text) {
			t.Skip() // documents are validated as UTF-8 before splitting
		}
		max = 10 + abs(max)%500
		doc := Document{ID: "d", Text: text}
		var got strings.Builder
		for _, p := range Split(doc, max) {
			if n := utf8.RuneCountInString(p.Text); n > max || n == 0 {
				t.Fatalf("passage %s has %d runes (max %d)", p.ID, n, max)
			}
			got.WriteString(p.Text)
		}
		if strip(got.String()) != strip(text) {
			t.Fatalf("Split lost or changed text:\n in %q\nout %q", text, got.String())
		}
	})
}

func strip(s string) string { return strings.Join(strings.Fields(s), "") }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
