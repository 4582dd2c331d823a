package nlp

import "testing"

func TestEnglishSynonyms(t *testing.T) {
	t.Parallel()
	vocab := map[string]int{"countri": 3, "launch": 1}
	known := func(s string) bool { return vocab[s] > 0 }
	df := func(s string) int { return vocab[s] }
	keep := func(s string) bool { return s == "nation" }
	got := EnglishSynonyms(known, df, keep)
	tests := []struct {
		word string
		want string // "" when not mapped
	}{
		{"states", "countri"}, {"land", "countri"}, {"unveiled", "launch"}, {"nation", ""}, {"countries", ""},
	}
	for _, tt := range tests {
		if syn := got[Stem(tt.word)]; syn != tt.want {
			t.Errorf("EnglishSynonyms()[%s] = %q, want %q", Stem(tt.word), syn, tt.want)
		}
	}
}
