package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

func TestBuiltinArticleIsTheSeedByteForByte(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_49bc83c5705ebfa9.txt"))
	if err != nil {
		t.Skipf("shared seed not beside the checkout: %v", err)
	}
	docs := Builtin()
	if docs[0].Text != string(seed) {
		t.Fatalf("Builtin()[0].Text differs from the seed file (%d vs %d bytes)", len(docs[0].Text), len(seed))
	}
}

func TestBuiltinMetadataAndAlignment(t *testing.T) {
	docs := Builtin()
	ar, en := docs[0], docs[1]
	if ar.Source != "Xinhua (Arabic)" || ar.Date != "2024-03-30" || ar.Place != "Xi'an" || ar.Lang != nlp.Arabic {
		t.Errorf("article metadata = %q %q %q %q", ar.Source, ar.Date, ar.Place, ar.Lang)
	}
	if !en.IsTranslation() || en.TranslationOf != ar.ID || en.Lang != nlp.English || en.Date != ar.Date {
		t.Errorf("translation metadata = %+v", en)
	}
	if got, want := len(en.Paragraphs()), len(ar.Paragraphs()); got != want || want != 11 {
		t.Fatalf("paragraphs: english %d, arabic %d, want 11 each", got, want)
	}
	c, problems := NewCorpus(docs, 0)
	if len(problems) > 0 {
		t.Fatalf("NewCorpus problems: %v", problems)
	}
	groups := map[string][]nlp.Lang{}
	for _, p := range c.Passages {
		groups[p.Group] = append(groups[p.Group], p.Lang)
	}
	if len(groups) != 11 {
		t.Errorf("got %d groups, want 11 (one per paragraph)", len(groups))
	}
	for g, langs := range groups {
		if len(langs) != 2 || langs[0] == langs[1] {
			t.Errorf("group %s has languages %v, want one Arabic and one English passage", g, langs)
		}
	}
}

// The English rendering must name the article's people and places with the usual English spellings, each in the
// paragraph whose Arabic names them.
func TestTranslationNamesAlignWithArabic(t *testing.T) {
	docs := Builtin()
	ar, en := docs[0].Paragraphs(), docs[1].Paragraphs()
	pairs := []struct{ ar, en string }{
		{"شيآن", "Xi'an"}, {"شنشي", "Shaanxi"}, {"وانغ يي", "Wang Yi"}, {"مراد نورتلو", "Murat Nurtleu"},
		{"جينبيك كولوبييف", "Zheenbek Kulubaev"}, {"سراج الدين مهر الدين", "Sirojiddin Muhriddin"},
		{"رشيد ميريدوف", "Rashid Meredov"}, {"بختيور سعيدوف", "Bakhtiyor Saidov"}, {"سون وي دونغ", "Sun Weidong"},
		{"وو ينغ تشين", "Wu Yingchen"}, {"قبل 4 أعوام", "four years ago"}, {"خادمة", "servant"},
	}
	for _, p := range pairs {
		found := false
		for i := range ar {
			if strings.Contains(ar[i], p.ar) {
				found = true
				if !strings.Contains(en[i], p.en) {
					t.Errorf("paragraph %d has %q but its rendering lacks %q", i+1, p.ar, p.en)
				}
			}
		}
		if !found {
			t.Errorf("no Arabic paragraph has %q", p.ar)
		}
	}
}

func TestSplitKeepsEveryWordWithinLimit(t *testing.T) {
	long := strings.Repeat("هذه جملة عربية طويلة، فيها فواصل؛ وفيها كلمات كثيرة. ", 40) +
		strings.Repeat("x", 900) + " end."
	doc := Document{ID: "d", Lang: nlp.Arabic, Text: "first paragraph.\n\n" + long}
	for _, max := range []int{50, 120, 700} {
		ps := Split(doc, max)
		var words []string
		for _, p := range ps {
			if n := utf8.RuneCountInString(p.Text); n > max {
				t.Errorf("Split(max=%d): passage %s has %d runes", max, p.ID, n)
			}
			words = append(words, strings.Fields(p.Text)...)
		}
		want := strings.Join(strings.Fields(doc.Text), "")
		if got := strings.Join(words, ""); got != want {
			t.Errorf("Split(max=%d) lost or changed text", max)
		}
		if ps[0].ID != "d#1" || ps[1].ID != "d#2.1" || ps[1].Group != "d#2" {
			t.Errorf("Split(max=%d) ids = %q %q (group %q)", max, ps[0].ID, ps[1].ID, ps[1].Group)
		}
	}
}
