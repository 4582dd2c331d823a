package nlp

import "testing"

func TestEditDistanceAndSpeller(t *testing.T) {
	if d := editDistance([]rune("forign"), []rune("foreign"), 2); d != 1 {
		t.Errorf("editDistance(forign, foreign) = %d, want 1", d)
	}
	if d := editDistance([]rune("first"), []rune("china"), 1); d <= 1 {
		t.Errorf("editDistance(first, china, limit 1) = %d, want > 1", d)
	}
	sp := NewSpeller()
	for _, w := range []string{"foreign", "minister", "secretariat", "قيرغيزستان", "photo", "sian", "show", "tajik"} {
		sp.Add(Token{Word: w, Stem: Stem(w)})
	}
	tests := []struct{ in, want string }{
		{"forign", "foreign"}, {"minster", "minister"}, {"secretariate", "secretariat"},
		{"قيرغستان", "قيرغيزستان"}, {"president", "president"}, {"first", "first"}, {"wng", "wng"},
		{"foto", "photo"}, {"sekretariat", "secretariat"}, // the same sound in other letters
		{"ziad", "ziad"}, {"zhou", "zhou"}, {"tariq", "tariq"}, // other names, not sound-alikes of sian, show, tajik
	}
	for _, tt := range tests {
		if got := sp.Correct(tt.in); got != tt.want {
			t.Errorf("Correct(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTransliterations: a name spelt another way reads as the one known name with its consonant skeleton, and
// no common English word is read as a name.
func TestTransliterations(t *testing.T) {
	s := NewSpeller()
	for _, w := range []string{"zheenbek", "kulubaev", "muhriddin", "meredov", "secretariat"} {
		s.Add(TokenOf(w))
	}
	for in, want := range map[string]string{
		"jeenbek":    "zheenbek",
		"kulubayev":  "kulubaev",
		"mukhriddin": "muhriddin",
		"meredow":    "meredov",
		"merdov":     "meredov", // one edit: the speller's own rule
		"market":     "market",  // a common English word stays itself
		"nazarbayev": "nazarbayev",
		"muradov":    "muradov", // another name with the same skeleton: the first vowel differs
		"sidov":      "sidov",
	} {
		if got := s.Correct(in); got != want {
			t.Errorf("Correct(%q) = %q, want %q", in, got, want)
		}
	}
}
