package nlp

import "testing"

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"والتعاون", "تعا"}, {"التعاون", "تعا"}, // light10 strips ون: crude, but alike on both sides
		{"وزير", "زير"}, {"ووزير", "زير"}, {"والوزير", "زير"},
		{"الدول", "دول"},
		// A و that would leave two letters is the word's own: "الولايات" and "ولاية" are not "لا".
		{"الولايات", "ولا"}, {"ولاية", "ولا"}, {"والولايات", "ولا"},
		{"ministers", "minist"}, {"launched", "launch"}, {"countries", "countri"},
		{"2024", "2024"},
		// A feminine noun's ة written ت before a possessive: "عاصمتها" is "عاصمة"; "بيتها" keeps its own ت.
		{"عاصمتها", "عاصم"}, {"عاصمة", "عاصم"}, {"حكومته", "حكوم"}, {"حكومة", "حكوم"}, {"بيتها", "بيت"},
		{"صوتها", "صوت"},
	}
	for _, tt := range tests {
		if got := Stem(Normalize(tt.in)); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
