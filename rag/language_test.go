package rag

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ccabot/knowledge/nlp"
)

// questionsIn reads the question (and context) fields of JSONL files matching pattern, with their lang field.
func questionsIn(t *testing.T, pattern string) (questions, langs []string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			if len(sc.Bytes()) == 0 {
				continue
			}
			var it struct{ Lang, Question, Context string }
			if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
				t.Fatalf("%s:%d: %v", f, n, err)
			}
			questions, langs = append(questions, it.Question), append(langs, it.Lang)
			if it.Context != "" {
				questions, langs = append(questions, it.Context), append(langs, it.Lang)
			}
		}
		fh.Close()
		if sc.Err() != nil {
			t.Fatal(sc.Err())
		}
	}
	return questions, langs
}

// TestForeignDetection measures the detection of questions in other languages: no Arabic or English question of
// the QA sets may be read as foreign, and at least 95% of the foreign questions of
// testdata/foreign_questions.jsonl must be. go test ./rag -run TestForeignDetection -v prints the rates.
func TestForeignDetection(t *testing.T) {
	t.Parallel()
	lc := articleService().language
	questions, langs := questionsIn(t, "../testdata/*.jsonl")
	falseForeign := map[string]int{}
	total := map[string]int{}
	for i, q := range questions {
		total[langs[i]]++
		if lc.foreign(q) {
			falseForeign[langs[i]]++
			t.Errorf("foreign(%q) = true, want false (a %s question)", q, langs[i])
		}
	}
	t.Logf("Arabic and English questions read as foreign: ar %d of %d, en %d of %d", falseForeign["ar"], total["ar"],
		falseForeign["en"], total["en"])

	// The first file was used to develop the rules; the second was written after them, its misses read but not
	// fixed.
	for _, file := range []string{"testdata/foreign_questions.jsonl", "testdata/foreign_questions_holdout.jsonl"} {
		foreign, flangs := questionsIn(t, file)
		found := 0
		for i, q := range foreign {
			if lc.foreign(q) {
				found++
			} else {
				t.Logf("missed (%s): %q", flangs[i], q)
			}
		}
		rate := float64(found) / float64(len(foreign))
		t.Logf("%s: foreign questions detected %d of %d (%.1f%%)", filepath.Base(file), found, len(foreign), 100*rate)
		if len(foreign) < 30 || rate < 0.95 {
			t.Errorf("%s: foreign questions detected = %d of %d, want at least 95%%", file, found, len(foreign))
		}
	}
}

// TestForeignEdgeCases: names, typos and single words stay English; a few words of another script or language
// are enough to be foreign.
func TestForeignEdgeCases(t *testing.T) {
	t.Parallel()
	lc := articleService().language
	tests := []struct {
		text string
		want bool
	}{
		{"Wang Yi?", false},
		{"wat is teh secretariat", false},
		{"whos the kazak fm", false},
		{"tokayev?", false},
		{"mirziyoyev and tokayev", false},
		{"Did Tokayev attend the launch?", false},
		{"who is Ван И?", false},
		{"What does 'secrétariat' mean?", false},
		{"tell me about the Sekretariat of the Shanghai Cooperation Organisation", false},
		{"Xi'an?", false},
		{"merci", false},
		{"2024?", false},
		{"من هو Wang Yi؟", false},
		{"این دبیرخانه کجاست؟", false}, // Persian is read as Arabic
		{"Кто?", true},
		{"Кто такой Wang Yi?", true},
		{"王毅是谁", true},
		{"Kotibiyatni kim boshqaradi?", true},
		{"Sekretariat hacan acyldy?", true},
		{"Wer leitet das Sekretariat?", true},
		{"Ποιος διευθύνει τη γραμματεία;", true},
	}
	for _, tt := range tests {
		if got := lc.foreign(tt.text); got != tt.want {
			t.Errorf("foreign(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestAskedInRates logs how often the language of the foreign questions is named right without Telegram's help;
// a wrong name (the model told to answer in the wrong language) must not happen.
func TestAskedInRates(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"testdata/foreign_questions.jsonl", "testdata/foreign_questions_holdout.jsonl"} {
		questions, langs := questionsIn(t, file)
		right, unnamed := 0, 0
		for i, q := range questions {
			switch got := nlp.AskedIn(q, ""); got {
			case langs[i]:
				right++
			case nlp.Undetermined:
				unnamed++
			default:
				t.Errorf("nlp.AskedIn(%q) = %q, want %q or %q", q, got, langs[i], nlp.Undetermined)
			}
		}
		t.Logf("%s: named right %d of %d, not named %d", filepath.Base(file), right, len(questions), unnamed)
	}
}

func TestLanguageText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		asked, userLang string
		want            []string // the lines, in order
	}{
		{"ru", "", []string{"Я отвечаю", onlyEnglish, onlyArabic}},
		{"ru", "ru-RU", []string{"Я отвечаю", onlyEnglish, onlyArabic}},
		{"zh", "ru", []string{"我只用", "Я отвечаю", onlyEnglish, onlyArabic}},
		{"uz", "ru", []string{"Men savollarga", "Я отвечаю", onlyEnglish, onlyArabic}},
		{"uz-Cyrl", "uz", []string{"Мен саволларга", onlyEnglish, onlyArabic}},
		{"de", "", []string{onlyEnglish, onlyArabic}},
		{nlp.Undetermined, "kk", []string{"Мен сұрақтарға", onlyEnglish, onlyArabic}},
		{nlp.Undetermined, "ar", []string{onlyEnglish, onlyArabic}},
	}
	for _, tt := range tests {
		lines := strings.Split(languageText(tt.asked, tt.userLang), "\n")
		ok := len(lines) == len(tt.want)
		for i := 0; ok && i < len(lines); i++ {
			ok = strings.HasPrefix(lines[i], tt.want[i])
		}
		if !ok {
			t.Errorf("languageText(%q, %q) = %q, want lines starting %q", tt.asked, tt.userLang, lines, tt.want)
		}
	}
	// Every text the bot has in a language is written in that language's script, and names it.
	for code, tx := range foreignTexts {
		l, ok := nlp.LanguageOf(code)
		if !ok || l.Code != code {
			t.Errorf("texts in %s, a language nlp does not name so", code)
			continue
		}
		for _, text := range []string{tx.only, tx.note} {
			if text != "" && nlp.MainScript(text) != l.Scripts[0] {
				t.Errorf("%s text %q is not in its script", code, text)
			}
		}
		if (tx.only == "") != (tx.note == "") {
			t.Errorf("%s has one of its two texts only", code)
		}
	}
}

// BenchmarkForeign is the cost of telling a question's language, paid by every question.
func BenchmarkForeign(b *testing.B) {
	lc := articleService().language
	questions := []string{"who is the kirgizia foreign minister mentioned", "مين وزير خارجية قيرغيزستان؟",
		"Кто возглавляет секретариат?", "Kotibiyatni kim boshqaradi?", "¿Cuántos países forman parte del mecanismo?"}
	for b.Loop() {
		for _, q := range questions {
			lc.foreign(q)
		}
	}
}
