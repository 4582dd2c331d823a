package nlp

import (
	"strings"
	"testing"
)

func TestShorthand(t *testing.T) {
	tests := []struct {
		text string
		at   int
		want string
	}{
		{"how many ppl work there", 2, "people"},
		{"did the us say anything", 2, "usa"},
		{"tell us more", 1, ""}, // the pronoun
		{"the govt pays", 1, "government"},
		{"the secretariat", 1, ""},
		{"كم موظف", 1, ""},
		{"wat year was it", 0, "what"},
		{"some summit or smth", 3, "something"},
	}
	for _, tt := range tests {
		words := Words(Normalize(tt.text))
		if got := Shorthand(words, tt.at); got != tt.want {
			t.Errorf("Shorthand(%q, %d) = %q, want %q", strings.Join(words, " "), tt.at, got, tt.want)
		}
	}
}
