package bot

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// visible is what Telegram counts: the text after entity parsing.
func visible(htmlText string) string { return plainText(htmlText) }

func checkMessages(t *testing.T, body, footer string, msgs []message, limit int) {
	t.Helper()
	var got strings.Builder
	for i, m := range msgs {
		if !utf8.ValidString(m.html) {
			t.Fatalf("message %d is not valid UTF-8", i)
		}
		if n := utf16Len(visible(m.html)); n > limit || n == 0 {
			t.Fatalf("message %d has %d visible units (limit %d)", i, n, limit)
		}
		if err := checkHTML(m.html); err != nil {
			t.Fatalf("message %d: %v\n%s", i, err, m.html)
		}
		got.WriteString(visible(m.html))
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	want := strip(strings.ToValidUTF8(body, "\uFFFD") + strings.ToValidUTF8(footer, "\uFFFD"))
	// A footer longer than a whole message is cut (marked with "…"); everything else must arrive intact.
	if g := strip(got.String()); g != want && utf16Len(strings.TrimSpace(footer)) <= limit {
		t.Fatalf("text lost or changed:\nwant %.200q\n got %.200q", want, g)
	}
}

// checkHTML accepts only our markup: <i>…</i> and entities; any other < or & is an error, as in Telegram.
func checkHTML(s string) error {
	rest := strings.ReplaceAll(strings.ReplaceAll(s, "<i>", ""), "</i>", "")
	if strings.Count(s, "<i>") != strings.Count(s, "</i>") {
		return errorf("unbalanced <i>")
	}
	if strings.ContainsAny(rest, "<>") {
		return errorf("stray angle bracket")
	}
	for i := strings.IndexByte(rest, '&'); i >= 0; i = strings.IndexByte(rest, '&') {
		semi := strings.IndexByte(rest[i:], ';')
		if semi < 0 || html.UnescapeString(rest[i:i+semi+1]) == rest[i:i+semi+1] {
			return errorf("bad entity at " + rest[i:min(len(rest), i+10)])
		}
		rest = rest[i+semi+1:]
	}
	return nil
}

type stringError string

func (e stringError) Error() string { return string(e) }

func errorf(s string) error { return stringError(s) }

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name, body, footer string
		limit, want        int
	}{
		{"short", "Wu Yingchen <b>heads</b> it & more", "Source: Xinhua", 4096, 1},
		{"arabic", strings.Repeat("الأمانة العامة، ", 10), "المصدر: شينخوا", 4096, 1},
		{"long paragraphs", strings.Repeat("A sentence here. ", 300) + "\n\n" + strings.Repeat("B ", 2000), "f", 4096, 3},
		{"emoji count twice", strings.Repeat("🙂", 3000), "", 4096, 2},
		{"no spaces", strings.Repeat("x", 9000), "", 4096, 3},
		{"footer alone", strings.Repeat("y ", 2047), "footer", 4096, 2},
		{"tiny limit", "abc def", "", 1, 6},
		{"markup look-alikes", "<script>&amp; *bold* _it_ [x](y) </i>", "<b>", 4096, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := renderHTML(tt.body, tt.footer, tt.limit)
			if len(msgs) != tt.want {
				t.Errorf("renderHTML gave %d messages, want %d", len(msgs), tt.want)
			}
			limit := tt.limit
			checkMessages(t, tt.body, tt.footer, msgs, limit)
		})
	}
}

func FuzzRenderHTML(f *testing.F) {
	f.Add("hello <b>world</b> & co", "src", 50)
	f.Add(strings.Repeat("كلمة ", 100), "المصدر", 64)
	f.Add("🙂🙂🙂\n\n\n…؟؟", "", 3)
	f.Add("\xff\xfe&lt;", "<i>", 10)
	f.Fuzz(func(t *testing.T, body, footer string, limit int) {
		limit = 2 + abs(limit)%4096
		if strings.TrimSpace(body) == "" {
			return
		}
		checkMessages(t, body, footer, renderHTML(body, footer, limit), limit)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
