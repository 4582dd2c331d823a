package nlp

import "testing"

func TestDetectLang(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
	}{
		{"who is wang yi", English}, {"من هو وانغ يي؟", Arabic}, {"ما هو دور China في الآلية؟", Arabic},
		{"what about شيآن", English}, {"2024؟", Arabic}, {"???", English}, {"", English}, {"١٢٣", Arabic},
		// Words are whole across tashkeel and an inner apostrophe (CountScripts).
		{"هل زار Wang Yi مدينة Xi'an؟", Arabic}, {"the role of مُحَمَّد", English},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.in); got != tt.want {
			t.Errorf("DetectLang(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
