package nlp

import "testing"

// TestAsksWhatNoReportTells: the bot's opinion, a career, what happened afterwards, who was there in person.
func TestAsksWhatNoReportTells(t *testing.T) {
	tests := []struct {
		name string
		asks func([]string) bool
		text string
		want bool
	}{
		{"opinion", AsksOpinion, "what's your opinion of the secretariat", true},
		{"opinion", AsksOpinion, "شو رأيك الشخصي بالموضوع", true},
		{"opinion", AsksOpinion, "برأيك هل ستنجح الأمانة؟", true},
		{"opinion", AsksOpinion, "what do you think about the mechanism", true},
		{"opinion", AsksOpinion, "do u think this is good for the region? ur honest opinion", true},
		{"opinion", AsksOpinion, "what are your own personal views on it", true},
		{"opinion", AsksOpinion, "do you think the secretariat will run smoothly", false}, // what the sources say
		{"opinion", AsksOpinion, "شو رأي وانغ يي بمستقبل الآلية؟", false},                 // Wang's, in the sources
		{"opinion", AsksOpinion, "what is wang's view of the mechanism", false},
		{"opinion", AsksOpinion, "is the secretariat a good idea?", true}, // a judgement no source makes
		{"opinion", AsksOpinion, "اطلاق الامانة فكرة حلوة ولا لا؟", true},
		{"opinion", AsksOpinion, "is it good for kazakhstan?", false}, // what it brings: a source may say
		{"task", AsksTask, "pls translate 'good morning' to kyrgyz", true},
		{"task", AsksTask, "لو سمحت ترجم لي الخبر", true},
		{"task", AsksTask, "what did Garnett translate?", false}, // about a translation
		{"task", AsksTask, "هل ترجم جبرا هاملت؟", false},
		{"career", AsksCareer, "what did wu yingchen do before becoming executive director", true},
		{"career", AsksCareer, "وو ينغ تشين كان بيشتغل فين قبل ما يبقى مدير الأمانة؟", true},
		{"career", AsksCareer, "what happened before the ceremony", false},
		{"career", AsksCareer, "who is the executive director", false},
		{"aside", AsksAside, "what happened after the ceremony?", true},
		{"aside", AsksAside, "شو صار بعد الاحتفال؟", true},
		{"aside", AsksAside, "did wang yi attend the ceremony in person", true},
		{"aside", AsksAside, "وزير خارجية كازاخستان حضر بنفسه؟", true},
		{"aside", AsksAside, "what happened at the ceremony?", false},
		{"aside", AsksAside, "who attended the ceremony?", false},
		{"aside", AsksAside, "what did wang yi himself say?", false},
		{"career", AsksCareer, "how long was it discussed before being launched?", false},
	}
	for _, tt := range tests {
		if got := tt.asks(Words(Normalize(tt.text))); got != tt.want {
			t.Errorf("%s: %q = %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
}
