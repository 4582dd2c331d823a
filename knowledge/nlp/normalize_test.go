package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أ إ آ ٱ", "ا ا ا ا"}, {"شووووو جمااااعه pleeease", "شو جماعه pleease"},
		{"كم عددد الللاعبين ههههه", "كم عدد اللاعبين ه"}, // a slip keeps the double consonant
		{"الأمانة", "الامانه"},
		{"مَدِينَةُ شِيآن", "مدينه شيان"},
		{"آلـــيـة", "اليه"},
		{"مستشفى", "مستشفي"},
		{"مسؤولية رئيس", "مسووليه رييس"},
		{"٣٠ مارس ۲۰۲۴", "30 مارس 2024"},
		{"Xi'an, China’s  SECRETARIAT!", "xian chinas secretariat"},
		{"\u200fشيآن\u200e\u200b", "شيان"},
		{"ﻛﺎﺯﺍﺧﺴﺘﺎﻥ", "كازاخستان"}, // presentation forms
		{"<b>Who</b> & *Wang*?", "b who b wang"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	if got := strings.Join(Words("30مارس abc2024 وانغ"), "|"); got != "30|مارس|abc|2024|وانغ" {
		t.Errorf("Words = %q", got)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"أإآ", "Xi'an", "٣٠ مارس", "<b>x</b>", "\xff\xfe", "ـــ", "a\u200fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", s, n, again)
		}
		if strings.Contains(n, "  ") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, n)
		}
		for _, w := range Words(n) {
			_ = Stem(w) // must not panic
		}
	})
}

// TestLetterFolds: each Arabic letter rule, alone, and through Normalize.
func TestLetterFolds(t *testing.T) {
	t.Parallel()
	rules := []struct {
		name string
		fold func(rune) (rune, bool)
		in   string // letters the rule folds
		want string // what each folds to, "_" for dropped
		not  string // letters it leaves alone
	}{
		{"foldHamza", foldHamza, "أإآٱٲٳؤئء", "ااااااوي_", "اوىيةهa"},
		{"foldYeh", foldYeh, "ىیې", "ييي", "يئاه"},
		{"foldTehMarbuta", foldTehMarbuta, "ةۃھہ", "هههه", "هتي"},
		{"foldKaf", foldKaf, "کڪ", "كك", "كق"},
	}
	for _, rule := range rules {
		want := []rune(rule.want)
		for i, r := range []rune(rule.in) {
			w := want[i]
			if w == '_' {
				w = 0
			}
			if got, ok := rule.fold(r); !ok || got != w {
				t.Errorf("%s(%c) = %q, %v; want %q, true", rule.name, r, got, ok, w)
			}
		}
		for _, r := range rule.not {
			if got, ok := rule.fold(r); ok || got != r {
				t.Errorf("%s(%c) = %q, %v; want %q, false", rule.name, r, got, ok, r)
			}
		}
	}
	for _, r := range "\u064b\u064e\u0650\u0651\u0652\u0670\u06d6\u0640" { // tanween, fatha, kasra, shadda, sukun, superscript alef, a Quranic mark, tatweel
		if !isTashkeel(r) {
			t.Errorf("isTashkeel(%U) = false, want true", r)
		}
	}
	for _, r := range "اaب،؟" {
		if isTashkeel(r) {
			t.Errorf("isTashkeel(%c) = true, want false", r)
		}
	}
	words := []struct{ in, want string }{
		{"الأمانة", "الامانه"}, {"إطلاق", "اطلاق"}, {"آسيا", "اسيا"}, {"مسؤولية", "مسووليه"}, {"مسئولية", "مسيوليه"},
		{"رئيس", "رييس"}, {"جزء", "جز"}, {"مستشفى", "مستشفي"}, {"یک", "يك"}, {"مَدِينَةُ", "مدينه"},
	}
	for _, tt := range words {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
