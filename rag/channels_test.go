package rag

import (
	"strings"
	"testing"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// TestEnglishSynonyms: an English word the sources lack reads as its WordNet synonym they hold; a word they
// hold, a framing word and a topic word are left as they are.
func TestEnglishSynonyms(t *testing.T) {
	t.Parallel()
	ix := articleService().ix
	tests := []struct{ word, want string }{
		{"nations", "countri"}, // "how many nations…"
		{"states", "countri"},
		{"country", ""},   // the sources hold it
		{"president", ""}, // a topic word: it must stay absent
		{"hold", ""},      // a word of many senses: not "support"
		{"get", ""},       // not "develop"
		{"see", ""},       // not "ensure"
	}
	for _, tt := range tests {
		got := ix.synonyms[nlp.Stem(tt.word)]
		if got != tt.want {
			t.Errorf("synonym of %q = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestTopicWordsByTheirOwnWord: a topic word is held by the sources only as itself, not through a word that
// stems alike ("الرئيسية", main, is not "رئيس", president).
func TestTopicWordsByTheirOwnWord(t *testing.T) {
	t.Parallel()
	ix := articleService().ix
	for q, absent := range map[string]bool{
		"من هو رئيس طاجيكستان؟":                 true,
		"what is the budget of the secretariat": true,
		"ما هي المجالات الرئيسية للتعاون؟":      false,
		"when was the secretariat launched":     false,
	} {
		if got := len(ix.prepare(q, nil).absent) > 0; got != absent {
			t.Errorf("prepare(%q): something absent = %v, want %v", q, got, absent)
		}
	}
}

// TestRootChannel: an Arabic question word the sources hold only in another form of the same root still finds
// its passage ("احتفلوا", they celebrated, finds "احتفالا").
func TestRootChannel(t *testing.T) {
	t.Parallel()
	ix := articleService().ix
	q := ix.prepare("وين احتفلوا الصينيين؟", nil)
	if q.alt["احتفل"] != "√حفل" {
		t.Fatalf("alt = %v, want احتفل → √حفل", q.alt)
	}
	a := ask(t, "وين احتفلوا الصينيين؟", nil)
	if a.Refused || !strings.Contains(a.Body, "شيآن") {
		t.Errorf("Answer = %q, want the city", a.Body)
	}
}

// TestCountsTheAskedThing: "how many countries" is answered by the sentence counting countries, not by one
// holding any number.
func TestCountsTheAskedThing(t *testing.T) {
	t.Parallel()
	for q, want := range map[string]string{
		"كم دولة من آسيا الوسطى شاركت بالاطلاق؟":     "الخمس",
		"how many central asian countries took part": "five",
	} {
		if a := ask(t, q, nil); !strings.Contains(a.Body, want) {
			t.Errorf("Ask(%q) = %q, want %q", q, a.Body, want)
		}
	}
}

// TestMisspellingsFindTheSourceWord: a misspelt word is read as the nearest word of the sources when that is
// unambiguous.
func TestMisspellingsFindTheSourceWord(t *testing.T) {
	t.Parallel()
	for q, want := range map[string]string{
		"who is the foreign ministr of kazakhstan": "Murat Nurtleu",
		"who heads the secretariate":               "Wu Yingchen",
		"مين وزير خارجية كزاخستان":                 "مراد نورتلو",
		"wher was the launch cermony held?":        "Xi'an",
	} {
		a := ask(t, q, nil)
		if a.Refused || a.Confidence != High || !strings.Contains(a.Body, want) {
			t.Errorf("Ask(%q) = %q (confidence %q), want %q", q, a.Body, a.Confidence, want)
		}
	}
}

// TestRootChannelWithinAUnit: a question word some source holds ("يلقب") still earns root credit from a
// sentence holding another form of it ("الملقب"): being held elsewhere does not make this sentence answer less.
func TestRootChannelWithinAUnit(t *testing.T) {
	t.Parallel()
	docs := []knowledge.Document{
		{ID: "hero", Lang: nlp.Arabic, Title: "قائد",
			Text: "ولد سالم بن راشد في قرية صغيرة قرب الساحل سنة 1858. وعمل سالم بن راشد في التجارة مع أبيه. " +
				"وتعلم سالم بن راشد القراءة في الكتاب. وقاد سالم بن راشد المقاومة عشرين عاما، وهو الملقب بأسد الصحراء."},
		{ID: "king", Lang: nlp.Arabic, Title: "ملك", Text: "كان الملك يلقب بالعادل بين رعيته."},
	}
	svc := docsService(t, docs...)
	a, err := svc.Ask(t.Context(), Request{Question: "بماذا يلقب سالم بن راشد؟"})
	if err != nil || a.Refused || a.Confidence != High || !strings.Contains(a.Body, "أسد الصحراء") {
		t.Errorf("Ask = %q (confidence %q, reason %q), want أسد الصحراء with confidence", a.Body, a.Confidence, a.Reason)
	}
}

// TestTopicWordsInAnotherForm: a topic word the sources hold in another form of number, gender or possession
// ("ولاية" for "ولايات") is held; one they hold only through a word that stems alike is not.
func TestTopicWordsInAnotherForm(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "india", Lang: nlp.Arabic, Title: "الهند",
		Text: "تتألف الهند من 28 ولاية وثمانية أقاليم اتحادية. ومن المدن الرئيسية فيها مومباي ودلهي. " +
			"والشاعر سالم الهندي من مواليد 1950."})
	ix := svc.ix
	for q, absent := range map[string]bool{
		"كم عدد ولايات الهند؟": false,
		"من هو رئيس الهند؟":    true,
		"متى ولد سالم الهندي؟": false, // held as "مواليد", another word for a birth
		"من هي زوجة سالم؟":     true,
	} {
		if got := len(ix.prepare(q, nil).absent) > 0; got != absent {
			t.Errorf("prepare(%q): something absent = %v, want %v", q, got, absent)
		}
	}
}

// TestVerbInTheOtherPerson: a question's verb in one person ("تحد", she borders) is held by a sentence using it
// in the other ("يحدها", it borders her) nearly as well as by the same form, not only through their root.
func TestVerbInTheOtherPerson(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "land", Lang: nlp.Arabic, Title: "البلاد",
		Text: "ويحدها من الشمال أرمينيا. وتحدها من الجنوب إيران."})
	ix := svc.ix
	q := ix.prepare("ما الدول التي تحد البلاد؟", nil).resolve(ix.vocab)
	same, other := ix.sents[0][1].free, ix.sents[0][0].free // "تحدها …", "يحدها …"
	if got, want := q.coverage(other), variantCredit*q.coverage(same); got < want-0.01 {
		t.Errorf("coverage by the other person = %.2f, want at least %.2f (%.0f%% of the same form's %.2f)", got, want,
			100*variantCredit, q.coverage(same))
	}
}

// TestOneMentionInTwoForms: a title the glossary knows as a name for its holder, right before the name ("Chinese
// Foreign Minister Wang Yi"), is one mention of him, not two: it must not outweigh a sentence that names him once.
func TestOneMentionInTwoForms(t *testing.T) {
	t.Parallel()
	ix := articleService().ix
	for _, text := range []string{"Chinese Foreign Minister Wang Yi spoke.", "وتحدث وزير الخارجية الصيني وانغ يي."} {
		a := ix.lex.analyzeSource(text)
		if len(a.concepts) != 1 {
			t.Errorf("analyzeSource(%q) concepts = %v, want one: Wang Yi", text, a.concepts)
		}
	}
}
