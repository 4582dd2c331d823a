package nlp

import "testing"

func TestAsksOpinion(t *testing.T) {
	for text, want := range map[string]bool{
		"what's your opinion of the secretariat":         true,
		"شو رأيك الشخصي بالموضوع":                        true,
		"برأيك هل ستنجح الأمانة؟":                        true,
		"what do you think about the mechanism":          true,
		"do you think the secretariat will run smoothly": false, // asks what the sources say
		"شو رأي وانغ يي بمستقبل الآلية؟":                 false, // Wang's opinion, which the sources give
		"what is wang's view of the mechanism":           false,
	} {
		if got := AsksOpinion(Words(Normalize(text))); got != want {
			t.Errorf("AsksOpinion(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestAsksCareer(t *testing.T) {
	for text, want := range map[string]bool{
		"what did wu yingchen do before becoming executive director": true,
		"وو ينغ تشين كان بيشتغل فين قبل ما يبقى مدير الأمانة؟":       true,
		"what happened before the ceremony":                          false,
		"who is the executive director":                              false,
	} {
		if got := AsksCareer(Words(Normalize(text))); got != want {
			t.Errorf("AsksCareer(%q) = %v, want %v", text, got, want)
		}
	}
}
