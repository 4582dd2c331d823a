package bottest_test

import (
	"strings"
	"testing"

	"ccabot/bot/bottest"
)

func TestParseHTML(t *testing.T) {
	t.Parallel()
	valid := []struct{ in, visible string }{
		{"plain text", "plain text"},
		{"<b>bold <i>it <u>u</u></i></b> <s>s</s><strong>S</strong><em>e</em><ins>i</ins><del>d</del><strike>k</strike>",
			"bold it u sSeidk"},
		{`<a href="https://example.com/?a=1&amp;b=2">link</a> <A HREF='x'>y</A>`, "link y"},
		{`<pre><code class="language-go">if a &lt; b {}</code></pre>`, "if a < b {}"},
		{`<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">p</span>`, "sp"},
		{"<blockquote expandable>quote</blockquote><blockquote>q</blockquote>", "quoteq"},
		{`<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, "👍"},
		{"&lt;&gt;&amp;&quot;&#65;&#x42;&#X43;", `<>&"ABC`},
		{"a > b, 2 >= 1", "a > b, 2 >= 1"},
		{"<b>a</>", "a"},
	}
	for _, c := range valid {
		got, err := bottest.ParseText(c.in, "HTML")
		if err != nil || got != c.visible {
			t.Errorf("ParseText(%q) = %q, %v; want %q", c.in, got, err, c.visible)
		}
	}
	invalid := []struct{ in, desc string }{
		{"<script>alert(1)</script>", `Unsupported start tag "script" at byte offset 0`},
		{"a < b", `Unsupported start tag "" at byte offset 2`},
		{"x <br> y", `Unsupported start tag "br" at byte offset 2`},
		{"&foo;", `Unsupported HTML entity "&foo;" at byte offset 0`},
		{"fish & chips", "Unsupported HTML entity at byte offset 5"},
		{"&#0;", "Unsupported HTML entity"},
		{"&#xD800;", "Unsupported HTML entity"},
		{"<b>unclosed", `Can't find end tag corresponding to start tag "b"`},
		{"<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"x</b>", "Unexpected end tag at byte offset 1"},
		{"<b", "Unclosed start tag at byte offset 0"},
		{"<b>x</b", "Unclosed end tag at byte offset 4"},
		{`<span class="x">s</span>`, `Tag "span" must have class "tg-spoiler"`},
		{`<a href>x</a>`, `Expected equal sign in declaration of an attribute of the tag "a"`},
	}
	for _, c := range invalid {
		_, err := bottest.ParseText(c.in, "HTML")
		want := "Bad Request: can't parse entities: " + c.desc
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseText(%q) error = %v; want prefix %q", c.in, err, want)
		}
	}
}

func TestParseMarkdownV2(t *testing.T) {
	t.Parallel()
	valid := []struct{ in, visible string }{
		{`Hello\!`, "Hello!"},
		{"*bold* _italic_ __under__ ~strike~ ||spoiler||", "bold italic under strike spoiler"},
		{"`a.b-c!` and ```go\nfmt.Println(1+1)\n```", "a.b-c! and fmt.Println(1+1)\n"},
		{`[link](https://example.com/a\)b) 1\.5 \#tag`, "link 1.5 #tag"},
		{">quoted line\n>second", "quoted line\nsecond"},
		{"*bold _nested_*", "bold nested"},
	}
	for _, c := range valid {
		got, err := bottest.ParseText(c.in, "MarkdownV2")
		if err != nil || got != c.visible {
			t.Errorf("ParseText(%q) = %q, %v; want %q", c.in, got, err, c.visible)
		}
	}
	invalid := []struct{ in, desc string }{
		{"Hello!", `Character '!' is reserved and must be escaped with the preceding '\'`},
		{"1.5", `Character '.' is reserved`},
		{"a > b", `Character '>' is reserved`},
		{"x-y", `Character '-' is reserved`},
		{"(a)", `Character '(' is reserved`},
		{"*open", "Can't find end of Bold entity at byte offset 0"},
		{"ok _it", "Can't find end of Italic entity at byte offset 3"},
		{"`code", "Can't find end of Code entity at byte offset 0"},
	}
	for _, c := range invalid {
		_, err := bottest.ParseText(c.in, "MarkdownV2")
		want := "Bad Request: can't parse entities: " + c.desc
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseText(%q) error = %v; want prefix %q", c.in, err, want)
		}
	}
}

func TestParseOtherModes(t *testing.T) {
	t.Parallel()
	if got, err := bottest.ParseText("*b* _i_ `c` [t](u) 1.5!", "Markdown"); err != nil || got != "b i c t 1.5!" {
		t.Errorf("Markdown: %q, %v", got, err)
	}
	if _, err := bottest.ParseText("*open", "Markdown"); err == nil ||
		!strings.Contains(err.Error(), "Can't find end of the entity starting at byte offset 0") {
		t.Errorf("Markdown unclosed: %v", err)
	}
	if got, err := bottest.ParseText("<b> & *", ""); err != nil || got != "<b> & *" {
		t.Errorf("no parse mode: %q, %v", got, err)
	}
	if _, err := bottest.ParseText("x", "BBCode"); err == nil {
		t.Error("unknown parse mode accepted")
	}
	if _, err := bottest.ParseText("bad \xff utf8", ""); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func TestEntityHelpersCountUTF16(t *testing.T) {
	t.Parallel()
	text := "привет 😀 @CcaTestBot what?"
	m := bottest.Mention(text, "@CcaTestBot")
	if m.Type != "mention" || m.Offset != 10 || m.Length != 11 {
		t.Errorf("Mention = %+v, want offset 10 length 11", m)
	}
	c := bottest.Command("/ask@CcaTestBot что такое 😀")
	if c.Type != "bot_command" || c.Offset != 0 || c.Length != 15 {
		t.Errorf("Command = %+v, want length 15", c)
	}
	if got := bottest.UTF16Len("a😀я"); got != 4 {
		t.Errorf("UTF16Len = %d, want 4", got)
	}
	u := bottest.PrivateText(5, 5, "/start now")
	if e := u.Message.Entities; len(e) != 1 || e[0].Length != 6 {
		t.Errorf("PrivateText entities = %+v", e)
	}
	g1, g2 := bottest.GroupText(-100, 7, "a"), bottest.GroupText(-100, 7, "b")
	if g1.Message.Chat.Type != "supergroup" || g2.Message.ID <= g1.Message.ID || g1.Message.Date == 0 {
		t.Errorf("GroupText messages %+v %+v", g1.Message, g2.Message)
	}
}
