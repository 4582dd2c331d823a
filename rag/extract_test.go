package rag

import (
	"strings"
	"testing"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// An encyclopaedic paragraph longer than a passage is cut into parts that form one unit; an answer in a later
// part must be found there and cited by that part, not replaced by the closest sentence of the first part.
func TestAnswerFromLaterPartOfLongParagraph(t *testing.T) {
	t.Parallel()
	filler := strings.Repeat("وكانت المدينة مركزا للتجارة بين الشرق والغرب طوال قرون عديدة. ", 12)
	doc := knowledge.Document{ID: "oasis", Lang: nlp.Arabic, Title: "مدينة الواحة",
		Text: "مدينة الواحة هي مدينة قديمة في الصحراء. " + filler + "وقد بنى السلطان مراد سور المدينة عام 1432."}
	c, _ := knowledge.NewCorpus([]knowledge.Document{doc}, 0)
	if len(c.Passages) < 2 {
		t.Fatalf("the paragraph was not cut into parts (%d passage): the test needs a longer one", len(c.Passages))
	}
	ix, _, err := NewIndex(t.Context(), c, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	svc := NewService(ix, Options{})
	a, err := svc.Ask(t.Context(), Request{Question: "متى بني سور مدينة الواحة؟"})
	if err != nil || a.Refused || a.Confidence != High || !strings.Contains(a.Body, "1432") {
		t.Fatalf("Ask = %q (confidence %q, reason %q), want the year 1432 with confidence", a.Body, a.Confidence, a.Reason)
	}
	last := c.Passages[len(c.Passages)-1].ID
	if a.Sources[0].ID != last || a.Sources[0].Group != "oasis#1" {
		t.Errorf("cited %s (unit %s), want the part that says it, %s (unit oasis#1)", a.Sources[0].ID, a.Sources[0].Group, last)
	}
}

// A long opening cut to its answering clauses is widened by what it says, not by what it puts in brackets: "who
// is X?" gets the clause that says what X is, past a bracket of X's names in other languages.
func TestTrimmedAnswerWidenedPastBrackets(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "pasha", Lang: nlp.Arabic, Title: "باشا",
		Text: "سليم باشا الكبير (بالتركية العثمانية: سليم پاشا الكبير؛ وبالتركية الحديثة: Büyük Selim Paşa؛ " +
			"وبالألبانية: Selim Pasha i Madh؛ وبالفرنسية: Sélim Pacha le Grand)، الملقب بالعادل، هو مؤسس الأسرة السليمية " +
			"وحاكم الإقليم ما بين عامي 1805 إلى 1848، ويشيع وصفه بأنه مؤسس الإقليم الحديث، وهي مقولة روج لها هو نفسه " +
			"وبقيت بعده زمنا طويلا في كتب التاريخ المدرسية وفي خطب الاحتفالات الرسمية."})
	wantAnswered(t, svc, map[string]string{"من هو سليم باشا الكبير؟": "مؤسس الأسرة السليمية"})
}

// A paragraph that says what is asked in one sentence ranks above one with the same words scattered over
// sentences about other things.
func TestOneSentenceSayingItRanksFirst(t *testing.T) {
	t.Parallel()
	docs := []knowledge.Document{
		{ID: "scattered", Lang: nlp.Arabic, Title: "الواحة",
			Text: "تقع الواحة في الصحراء. النخيل كثير في الواحة. وفي الربيع يأتي الزوار. وتعرف الواحة بالمهرجان. " +
				"ويقام سوق النخيل في الربيع. والمدينة جميلة."},
		{ID: "together", Lang: nlp.Arabic, Title: "مهرجانات",
			Text: "يقام مهرجان النخيل في مدينة الواحة كل ربيع. وتشارك فيه فرق من بلاد بعيدة تعرض أغاني تراثية " +
				"ورقصات شعبية. ويباع فيه التمر والعسل والحلوى. ويكتب الصحفيون عنه تقارير مطولة كل عام."},
	}
	svc := docsService(t, docs...)
	a, err := svc.Ask(t.Context(), Request{Question: "ماذا عن مهرجان النخيل في مدينة الواحة في الربيع؟"})
	if err != nil || len(a.Retrieved) == 0 || a.Retrieved[0].Group != "together#1" {
		t.Fatalf("retrieved %v, want together#1 first", a.Retrieved)
	}
}

// "Who was nicknamed …?" restates what a long sentence says of someone named in the clause before: the cut
// answer keeps that clause.
func TestWhoAnswerKeepsTheNameBeforeTheDescription(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "ruler", Lang: nlp.Arabic, Title: "حكام",
		Text: "وفي تلك الفترة حكم البلاد سليم بن راشد الكبير القادم من الجبال الشمالية مع قبيلته، " +
			"الملقب بعزيز الواحة عند أهلها، وقد بنى سور المدينة الكبير وحفر الآبار في الصحراء، ووسع الأسواق حتى صارت " +
			"مقصد التجار من كل البلاد المجاورة، وبقي حكمه أربعين عاما حتى وفاته في قصره، ودفن في المسجد الكبير."})
	wantAnswered(t, svc, map[string]string{"من هو الملقب بعزيز الواحة؟": "سليم بن راشد"})
}

// A sentence opening with a pronoun ("هو الملك …") goes on from the one before, which names whom it is about:
// the answer brings that one along.
func TestPronounOpeningBringsItsAntecedent(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "king", Lang: nlp.Arabic, Title: "ملوك",
		Text: "عاشت الواحة قرونا من الرخاء. سليم بن راشد (21 أغسطس 1963) ملك الواحة. هو الملك الثالث والعشرون لسلالة الهاشميين."})
	wantAnswered(t, svc, map[string]string{"من هو الملك الثالث والعشرون لسلالة الهاشميين؟": "سليم بن راشد"})
}

// In text the glossary knows nothing about, "where" and "who" are answered by what the sentence says right after
// the question's own words: "ولد … ونشأ في الطائف", "شرح الخطيب التبريزي البيت الأول".
func TestPlaceAndAgentAfterTheQuestionsWords(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "poet", Lang: nlp.Arabic, Title: "شاعر",
		Text: "وكان الوزير سالم الواحي يزور المدينة كل عام.\n\nولد الوزير سالم الواحي ونشأ في الطائف.\n\n" +
			"ونظم الوزير سالم الواحي قصيدة طويلة في الصحراء.\n\nوقد شرح الخطيب التبريزي القصيدة الطويلة بعد قرن."})
	wantConfident(t, svc, map[string]string{
		"أين ولد سالم الواحي؟":    "في الطائف",
		"من شرح القصيدة الطويلة؟": "الخطيب التبريزي",
	})
}

// A long sentence cut to its answering clauses keeps the whole list a colon opens.
func TestCutAnswerKeepsTheListAColonOpens(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "war", Lang: nlp.Arabic, Title: "حرب",
		Text: "ومن أواخر عام 1939 إلى أوائل عام 1941 سيطرت جيوش المملكة الشمالية على مساحة واسعة من القارة بعد سلسلة طويلة من الحملات العسكرية المتتالية، " +
			"وشكلت تحالفا عسكريا مع ممالك الساحل والجزر البعيدة في المحيط، كما اتفقت مع المملكة الشرقية على تقاسم الأراضي المجاورة لهما: " +
			"بولندا، وفنلندا، ورومانيا، ودول البلطيق."})
	wantAnswered(t, svc, map[string]string{"ما هي الأراضي التي اتفقت المملكة الشمالية والمملكة الشرقية على تقاسمها؟": "ودول البلطيق"})
}

// A question restates the part of a long sentence before what answers it: the cut answer brings the clause after
// the restated ones.
func TestCutAnswerBringsTheClauseAfter(t *testing.T) {
	t.Parallel()
	svc := docsService(t, knowledge.Document{ID: "months", Lang: nlp.Arabic, Title: "الأشهر",
		Text: "في سنة 412م وقبل البعثة بمئة وخمسين سنة وفي مكة المكرمة في موسم الحج الكبير اجتمع العرب من رؤساء القبائل والوفود القادمة من اليمن والشام والعراق ونجد وتهامة في حج ذلك العام أيام الجد الخامس للقبيلة الكبيرة، " +
			"لتحديد أسماء جديدة للأشهر يتفق عليها جميع العرب وأهل الجزيرة العربية، " +
			"فاختاروا أسماء تدل على أحوال الطقس والحرب والزراعة في كل شهر من أشهر السنة القمرية عندهم في ذلك الزمان البعيد."})
	wantAnswered(t, svc, map[string]string{"لماذا اجتمع رؤساء القبائل والوفود القادمة من اليمن والشام والعراق ونجد وتهامة في مكة في موسم الحج الكبير؟": "لتحديد أسماء جديدة للأشهر"})
}
