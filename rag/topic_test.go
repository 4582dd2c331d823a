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
	doc := knowledge.Document{ID: "scientist", Lang: nlp.Arabic, Title: "عالم",
		Text: "ألبرت أينشتاين (14 مارس 1879 – 18 أبريل 1955) عالم فيزياء ألماني المولد، اشتهر بالنسبية العامة والنسبية الخاصة. " +
			"بدأ حياته العلمية موظفا في مكتب براءات الاختراع في برن. أما النسبية العامة فقد طرحها عام 1915."}
	c, _ := knowledge.NewCorpus([]knowledge.Document{doc}, 0)
	ix, _, err := NewIndex(t.Context(), c, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	svc := NewService(ix, Options{})
	a, err := svc.Ask(t.Context(), Request{Question: "في أي عام طرح ألبرت أينشتاين النسبية العامة؟"})
	if err != nil || a.Refused || !strings.Contains(a.Body, "1915") {
		t.Errorf("Ask = %q (refused %v, reason %q), want the sentence with 1915", a.Body, a.Refused, a.Reason)
	}
}
