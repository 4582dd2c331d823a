package nlp

import (
	"strings"
	"testing"
)

// cutCase is one input of a function that may take something off a normalised word.
type cutCase struct {
	in   string
	want string // the rest; in itself when nothing is taken
	ok   bool
}

func checkCuts(t *testing.T, name string, cut func(string) (string, bool), tests []cutCase) {
	t.Helper()
	for _, tt := range tests {
		if got, ok := cut(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("%s(%s) = %s, %v; want %s, %v", name, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCutAnd(t *testing.T) {
	t.Parallel()
	checkCuts(t, "CutAnd(·, 2)", func(w string) (string, bool) { return CutAnd(w, 2) }, []cutCase{
		{"والرييس", "الرييس", true}, {"وقال", "قال", true}, {"ولد", "لد", true}, {"وم", "وم", false},
		{"و", "و", false}, {"قال", "قال", false}, {"and", "and", false},
	})
	checkCuts(t, "CutAnd(·, 3)", func(w string) (string, bool) { return CutAnd(w, 3) }, []cutCase{
		{"ووزير", "وزير", true}, {"وزير", "زير", true}, {"ولد", "ولد", false}, {"واحد", "احد", true},
	})
}

func TestCutArticle(t *testing.T) {
	t.Parallel()
	checkCuts(t, "CutArticle(·, 2)", func(w string) (string, bool) { return CutArticle(w, 2) }, []cutCase{
		{"الامانه", "امانه", true}, {"والتعاون", "تعاون", true}, {"بالاليه", "اليه", true},
		{"كالعاده", "عاده", true}, {"فالامر", "امر", true}, {"للامانه", "امانه", true},
		{"الي", "الي", false}, // a word of three letters, not ال + one
		{"وال", "وال", false}, {"امانه", "امانه", false},
		{"والد", "والد", false}, // وال + one letter is too short: ال + "د" neither, so nothing is taken
	})
	checkCuts(t, "CutArticle(·, 3)", func(w string) (string, bool) { return CutArticle(w, 3) }, []cutCase{
		{"الدول", "دول", true}, {"الخمس", "خمس", true}, {"الحب", "الحب", false},
	})
}

func TestCutTanween(t *testing.T) {
	t.Parallel()
	checkCuts(t, "CutTanween", CutTanween, []cutCase{
		{"امالا", "امال", true}, {"احتفالا", "احتفال", true}, {"شكرا", "شكر", true}, {"ما", "ما", false},
		{"لها", "لها", false}, {"امال", "امال", false},
	})
}

// TestBareForms: the forms in which a word (BareWord) and a question word (BareQuestionWord) are looked up.
func TestBareForms(t *testing.T) {
	t.Parallel()
	funcs := []struct {
		name  string
		bare  func(string) string
		tests []struct{ in, want string }
	}{
		{"BareWord", BareWord, []struct{ in, want string }{
			{"والرييس", "رييس"}, {"بالمدينه", "مدينه"}, {"للامانه", "امانه"}, {"وزير", "زير"},
			{"بكين", "كين"}, // the ب of a name goes too: a word is looked up bare on both sides
			{"لندن", "ندن"}, {"فندق", "ندق"}, {"كلمه", "كلمه"}, {"الحب", "الحب"}, {"ولد", "ولد"},
			{"president", "president"},
		}},
		{"BareQuestionWord", BareQuestionWord, []struct{ in, want string }{
			{"وقال", "قال"}, {"وين", "ين"}, {"باي", "اي"}, {"فمين", "مين"}, {"لايش", "ايش"},
			{"بكين", "بكين"}, // ب before a word that is no stop word stays
			{"كمان", "كمان"}, {"و", "و"}, {"when", "when"},
		}},
	}
	for _, f := range funcs {
		for _, tt := range f.tests {
			if got := f.bare(tt.in); got != tt.want {
				t.Errorf("%s(%s) = %s, want %s", f.name, tt.in, got, tt.want)
			}
		}
	}
}

func TestCliticVariants(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"بكلمه", "كلمه"},
		{"بيظهر", "يظهر|ظهر"},
		{"ردهم", ""}, // رد is too short: no variant
		{"اسمو", "اسم"},
		{"وكتابهم", "وكتاب|كتابهم|كتاب"}, // without the suffix, without و, without both
	}
	for _, tt := range tests {
		if got := strings.Join(CliticVariants(tt.in), "|"); got != tt.want {
			t.Errorf("CliticVariants(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestIsStopBehindProclitic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		word string
		want bool
	}{
		{"شو", true}, {"وشو", true}, {"بايش", true}, {"لايه", true}, {"فمين", true}, {"كمان", true},
		{"the", true}, {"وزير", false}, {"ولايه", false}, {"وو", false}, {"secretariat", false},
		{"الكلام", true}, {"الوزير", false}, // a stop word behind the article
	}
	for _, tt := range tests {
		if got := IsStop(tt.word); got != tt.want {
			t.Errorf("IsStop(%s) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestInflectedBase(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"ولايات", "ولايه"}, {"ابنتي", "ابنته"}, {"حربين", "حرب"}, {"مؤسسات", "مؤسسه"},
	} {
		if a, b := InflectedBase(Normalize(tt.a)), InflectedBase(Normalize(tt.b)); a != b {
			t.Errorf("InflectedBase(%q) = %q, InflectedBase(%q) = %q: want one base", tt.a, a, tt.b, b)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"رئيسيه", "رئيس"}, // main, president
		{"مات", "م"},       // too short to cut
	} {
		if a, b := InflectedBase(Normalize(tt.a)), InflectedBase(Normalize(tt.b)); a == b {
			t.Errorf("InflectedBase(%q) = InflectedBase(%q) = %q: want different bases", tt.a, tt.b, a)
		}
	}
}
