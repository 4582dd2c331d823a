package rag

import (
	"strings"
	"testing"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

func TestDefinedSubject(t *testing.T) {
	t.Parallel()
	for sentence, want := range map[string]string{
		"ألْبِرْت أينْشتاين (14 مارس 1879 – 18 أبريل 1955) عالم فيزياء ألماني المولد.": "ألْبِرْت أينْشتاين",
		"الصوفية أو التصوف هو مذهب إسلامي.":                                            "الصوفية أو التصوف",
		"سلاطين الدولة العُثمانيَّة هُم مجموعةُ من السلاطين.":                          "سلاطين الدولة العُثمانيَّة",
		"The Eiffel Tower (French: tour Eiffel) is a wrought-iron lattice tower.":      "The Eiffel Tower",
		"Paris is the capital of France.": "Paris",
		// Datelines and ordinary sentences define nothing.
		"شيآن 30 مارس 2024 (شينخوا) -- أُطلقت الأمانة.":                                  "",
		"XI'AN, March 30 (Xinhua) -- The secretariat was launched.":                      "",
		"(شينخوا) أطلقت الأمانة.":                                                        "",
		"قال البنك الدولي إن الاقتصاد المغربي هو الأسرع نموا.":                           "", // a report
		"وقال وانغ يي إن الآلية أصبحت منصة مهمة للتعاون بين الدول الست في مجالات عديدة.": "",
	} {
		if got := definedSubject(sentence); got != want {
			t.Errorf("definedSubject(%q) = %q, want %q", sentence, got, want)
		}
	}
}

// A sentence deep in an encyclopaedic article answers about the article's subject without naming it: the
// opening, which names the subject, must not win only for that.
func TestSentencesInheritTheArticleSubject(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "scientist", Lang: nlp.Arabic, Title: "عالم",
		Text: "ألبرت أينشتاين (14 مارس 1879 – 18 أبريل 1955) عالم فيزياء ألماني المولد، اشتهر بالنسبية العامة والنسبية الخاصة. " +
			"بدأ حياته العلمية موظفا في مكتب براءات الاختراع في برن. أما النسبية العامة فقد طرحها عام 1915."})
	for q, want := range map[string]string{
		"في أي عام طرح ألبرت أينشتاين النسبية العامة؟": "1915",
		// The dates in brackets after the subject are a birth and a death.
		"متى ولد ألبرت أينشتاين؟":  "14 مارس 1879",
		"متى ولدت ألبرت أينشتاين؟": "14 مارس 1879", // "ولدت" stems apart from "ولد" (its و read as "and")
	} {
		a, err := svc.Ask(t.Context(), Request{Question: q})
		if err != nil || a.Refused || a.Confidence != High || !strings.Contains(a.Body, want) {
			t.Errorf("Ask(%q) = %q (confidence %q, reason %q), want the sentence with %q", q, a.Body, a.Confidence, a.Reason, want)
		}
	}
}

func TestLifeDates(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		sentence, subject string
		want              int
	}{
		{"ألبرت أينشتاين (14 مارس 1879 – 18 أبريل 1955) عالم فيزياء.", "ألبرت أينشتاين", 2},
		{"Jane Roe (born 5 May 1950) is a writer.", "Jane Roe", 1},
		{"ابن خلدون (1332 - 1406م) مؤرخ.", "ابن خلدون", 2},
		{"أبو العلاء المعري (363 هـ - 449 هـ) شاعر.", "أبو العلاء المعري", 2}, // years with their era sign
		{"يسرا (بالإنجليزية: Yousra) (10 مارس 1951 -)، ممثلة مصرية.", "يسرا", 1},
		{"نانسي عجرم هي مغنية لبنانية (من مواليد 16 مايو 1983 - قرية سهيلة) حاصلة على جوائز.", "نانسي عجرم", 1},
		{"السرطان (بالإنجليزية: Cancer) هو مجموعة من الأمراض.", "السرطان", 0},
		{"Paris is the capital of France.", "Paris", 0},
		{"افتتح الأمير سالم (الأحد 10 مارس 2024) معرض الكتاب.", "افتتح الأمير سالم", 0}, // a report's date
	} {
		if got := lifeDates(tt.sentence, tt.subject); got != tt.want {
			t.Errorf("lifeDates(%q) = %d, want %d", tt.sentence, got, tt.want)
		}
	}
}

// A question naming what an article is about ranks that article above one that only mentions it.
func TestQuestionNamingTheSubjectFindsItsArticle(t *testing.T) {
	t.Parallel()
	docs := []knowledge.Document{
		{ID: "lebanon", Lang: nlp.Arabic, Title: "لبنان",
			Text: "لبنان (رسميا: الجمهورية اللبنانية) هو بلد عربي. تحده سوريا من الشمال والشرق، ويطل على البحر من الغرب."},
		{ID: "syria", Lang: nlp.Arabic, Title: "سوريا",
			Text: "سوريا (رسميا: الجمهورية العربية السورية) هي دولة عربية في غرب آسيا. يحدها من الشمال تركيا، ومن الشرق العراق."},
	}
	svc := docsService(t, docs...)
	a, err := svc.Ask(t.Context(), Request{Question: "ما الدولة التي تحد سوريا من الشمال؟"})
	if err != nil || len(a.Retrieved) == 0 || a.Retrieved[0].Group != "syria#1" {
		t.Errorf("retrieved %v, want the article on Syria first", a.Retrieved)
	}
}

// "What is X?" about the subject of an article is answered by the opening that defines it, not by another
// article's sentence that merely names X.
func TestWhatIsAnswersWithTheOpening(t *testing.T) {
	t.Parallel()
	docs := []knowledge.Document{
		{ID: "ages", Lang: nlp.Arabic, Title: "الأعمار",
			Text: "يصيب السرطان الناس في كل الأعمار."},
		{ID: "cancer", Lang: nlp.Arabic, Title: "السرطان",
			Text: "السرطان (بالإنجليزية: Cancer) هو مجموعة من الأمراض تتميز خلاياها بالنمو غير المحدود. " +
				"يختلف علاج المرض من مريض إلى آخر حسب نوعه ومرحلته، ويعالج بالجراحة والعلاج الكيميائي والإشعاعي."},
	}
	svc := docsService(t, docs...)
	wantAnswered(t, svc, map[string]string{"ما هو السرطان؟": "مجموعة من الأمراض"})
}
