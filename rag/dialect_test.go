package rag

import (
	"testing"

	"ccabot/knowledge/nlp"
)

// TestDialectWords: the question words of the dialect table, and misspelt English ones, say what kind of answer
// they ask for, whatever the dialect.
func TestDialectWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		question string
		kind     answerType
	}{
		{"وين انطلقت الامانه", whereAnswer},  // Levantine, Gulf
		{"فين اتعملت الامانه", whereAnswer},  // Egyptian, Maghrebi
		{"امتى انطلقت الامانه", whenAnswer},  // Egyptian
		{"ايمتى انطلقت الامانه", whenAnswer}, // Levantine
		{"شوكت انطلقت الامانه", whenAnswer},  // Iraqi
		{"وقتاش انطلقت الامانه", whenAnswer}, // Maghrebi
		{"قديش دوله بالاليه", countAnswer},   // Levantine
		{"شحال من دوله", countAnswer},        // Maghrebi
		{"كام دوله", countAnswer},            // Egyptian
		{"چم دوله", countAnswer},             // Gulf, Iraqi
		{"شكون المدير التنفيذي", whoAnswer},  // Maghrebi
		{"مين المدير التنفيذي", whoAnswer},   // Egyptian, Levantine
		{"منو المدير التنفيذي", whoAnswer},   // Gulf, Iraqi
		{"شو قال وانغ", sayAnswer},           // Levantine: "what" leaves the kind to "said"
		{"وين انعمل الحفل", whereAnswer},     // "انعمل" (was held) frames, as "صار" does
		{"كان يوم ايه في الاسبوع", weekdayAnswer},
		{"كان يوم جمعة", weekdayAnswer}, // a weekday without its article, after "day"
		{"نهار الخميس ولا الجمعة", weekdayAnswer},
		{"كم اثنين في الصورة", countAnswer},      // "اثنين" alone is two
		{"من قديش سنة انطلقت الآلية", ageAnswer}, // how many years: a duration, whatever the count word
		{"شكد سنة صار للآلية", ageAnswer},
		// A word one letter from a question word is one where no other question word is, or first; not a
		// name's part ("wu ying chen").
		{"wher was the ceremony", whereAnswer},
		{"and wen was it", whenAnswer},
		{"the ceremony was held wher", whereAnswer},
		{"hi wher was the ceremony held?", whereAnswer},
		{"any idea wher the secretariat is?", whereAnswer},
		{"in whch city was the ceremony?", whereAnswer}, // "which city"
		{"wu ying chen promised what re rules", anyAnswer},
		{"who is chen", whoAnswer},
		{"شكون هوما الدول ديال آسيا الوسطى", anyAnswer}, // "who" asking for countries: which
		{"من وين الوزير", whereAnswer},                  // the two-word form
		// A word of a two-word form ("من" of "من وين") asks nothing alone.
		{"من أطلق الأمانة", whoAnswer},
		{"ما هي الدول الخمس من آسيا الوسطى", anyAnswer},
		// A measure wants a number with its unit; "من حيث" (in terms of) asks no place.
		{"ما نسبة المصابين في مرحلة من حياة الناس", measureAnswer},
		{"كم تبلغ مساحة الصين", measureAnswer},
		{"ما ترتيب الهند من حيث المساحة", anyAnswer},
		{"كم استمرت الخلافة", spanAnswer},
		{"كم قضى في السجن", spanAnswer},
		{"كيف انتهت حرب أكتوبر", anyAnswer}, // a month in a name, and "how" asks something else
		{"was it on saturday", weekdayAnswer},
		{"ما هو السرطان", anyAnswer}, // what something is: any kind, its definition preferred (asksWhatIs)
		{"كم كان عمر عمر المختار عندما حارب", ageAnswer},
	}
	svc := articleService()
	for _, tt := range tests {
		if got := svc.ix.prepare(tt.question, nil).kind; got != tt.kind {
			t.Errorf("kind of %q = %d, want %d", tt.question, got, tt.kind)
		}
	}
}

// TestCliticsAndDialectPrefixes: a word the sources lack is read without its clitic or dialect prefix when the
// bare form is one they (or the word lists) know.
func TestCliticsAndDialectPrefixes(t *testing.T) {
	t.Parallel()
	ix := articleService().ix
	tests := []struct{ word, want string }{
		{"بكلمه", "كلمه"},               // ب + a framing word
		{"بيظهر", "يظهر"},               // Egyptian/Levantine present tense
		{"اسمو", "اسم"},                 // Levantine/Egyptian 3rd person suffix
		{"ردهم", ""},                    // their reaction: no source word
		{"كازاخستان", ""},               // known as it is
		{"التركمانستاني", "تركمانستان"}, // an adjective of relation: the country it is of
	}
	for _, tt := range tests {
		toks := nlp.Tokenize(tt.word)
		got, ok := ix.declitic(toks[0])
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("declitic(%s) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
