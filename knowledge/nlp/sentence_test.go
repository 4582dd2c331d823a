package nlp

import (
	"strings"
	"testing"
)

func TestSentencesAndClauses(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two? Three!", []string{"One.", "Two?", "Three!"}},
		{"قال وانغ. هل انتهى؟ نعم؛ انتهى", []string{"قال وانغ.", "هل انتهى؟", "نعم؛ انتهى"}}, // ؛ joins clauses
		{`He said "go." Then left.`, []string{`He said "go."`, "Then left."}},
		{"The U.S. rate is 3.5 now.", []string{"The U.S. rate is 3.5 now."}},
		// Punctuation inside brackets ends nothing, unless the bracket never closes.
		{"محمد علي (بالتركية: قوللى؛ وبالتركية الحديثة: Kavalalı) هو مؤسس الأسرة. حكم مصر.",
			[]string{"محمد علي (بالتركية: قوللى؛ وبالتركية الحديثة: Kavalalı) هو مؤسس الأسرة.", "حكم مصر."}},
		{"Open (never closed. " + strings.Repeat("word ", 50) + "end. Next.",
			[]string{"Open (never closed. " + strings.Repeat("word ", 50) + "end.", "Next."}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	got := Clauses("XI'AN, March 30, 2024 (Xinhua) -- China، وقيرغيزستان، وطاجيكستان")
	want := []string{"XI'AN,", "March 30, 2024 (Xinhua) -- China،", "وقيرغيزستان،", "وطاجيكستان"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Clauses = %q, want %q", got, want)
	}
}
