package rag

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أ إ آ ٱ", "ا ا ا ا"}, {"شووووو جمااااعه pleeease", "شو جماعه pleease"},
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

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"والتعاون", "تعا"}, {"التعاون", "تعا"}, // light10 strips ون: crude, but alike on both sides
		{"وزير", "زير"}, {"ووزير", "زير"}, {"والوزير", "زير"},
		{"الدول", "دول"},
		{"ministers", "minist"}, {"launched", "launch"}, {"countries", "countri"},
		{"2024", "2024"},
	}
	for _, tt := range tests {
		if got := Stem(Normalize(tt.in)); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLocalEmbedderUnitAndNeverZero(t *testing.T) {
	e := LocalEmbedder{Dim: 256}
	for _, text := range []string{"", "???", "🙂", "الأمانة", "secretariat of the mechanism", strings.Repeat("x ", 5000)} {
		v, err := e.Embed(context.Background(), text)
		if err != nil {
			t.Fatalf("Embed(%q): %v", text, err)
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if len(v) != 256 || math.Abs(sum-1) > 1e-4 {
			t.Errorf("Embed(%.10q): len %d, squared norm %f; want 256 and 1", text, len(v), sum)
		}
	}
	a, _ := e.Embed(context.Background(), "الأمانة")
	b, _ := e.Embed(context.Background(), "الامانه")
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("Embed is not invariant under normalisation")
		}
	}
}

func TestEditDistanceAndSpeller(t *testing.T) {
	if d := editDistance([]rune("forign"), []rune("foreign"), 2); d != 1 {
		t.Errorf("editDistance(forign, foreign) = %d, want 1", d)
	}
	if d := editDistance([]rune("first"), []rune("china"), 1); d <= 1 {
		t.Errorf("editDistance(first, china, limit 1) = %d, want > 1", d)
	}
	sp := newSpeller()
	for _, w := range []string{"foreign", "minister", "secretariat", "قيرغيزستان"} {
		sp.add(token{word: w, stem: Stem(w)})
	}
	tests := []struct{ in, want string }{
		{"forign", "foreign"}, {"minster", "minister"}, {"secretariate", "secretariat"},
		{"قيرغستان", "قيرغيزستان"}, {"president", "president"}, {"first", "first"}, {"wng", "wng"},
	}
	for _, tt := range tests {
		if got := sp.correct(tt.in); got != tt.want {
			t.Errorf("correct(%q) = %q, want %q", tt.in, got, tt.want)
		}
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
