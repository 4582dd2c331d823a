package rag

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	ix := articleService().ix
	questions, langs := questionsIn(t, "../testdata/*.jsonl")
	falseForeign := map[string]int{}
	total := map[string]int{}
	for i, q := range questions {
		total[langs[i]]++
		if ix.foreign(q) {
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
			if ix.foreign(q) {
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
	ix := articleService().ix
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
		if got := ix.foreign(tt.text); got != tt.want {
			t.Errorf("foreign(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestAskedIn(t *testing.T) {
	t.Parallel()
	tests := []struct{ text, userLang, want string }{
		{"Кто возглавляет секретариат?", "", "ru"},
		{"Кто возглавляет секретариат?", "ru", "ru"},
		{"Кто возглавляет секретариат?", "en", "ru"},         // Telegram in English: the words tell
		{"Кто возглавляет секретариат?", "fr", "ru"},         // French is not written in Cyrillic
		{"Катчылыкты ким жетектейт?", "ky", "ky"},            // no letter or word tells Kyrgyz from Uzbek: Telegram does
		{"Котибиятни ким бошқаради?", "uz", "uz-Cyrl"},       // Uzbek written in Cyrillic
		{"Kotibiyatni kim boshqaradi?", "ru", "uz"},          // a Russian interface, an Uzbek question
		{"Хатшылық қашан ашылды?", "", "kk"},                 // Kazakh letters
		{"Котибот кай кушода шуд?", "", "tg"},                // Tajik words
		{"秘书处由谁领导？", "ru", "zh"},                             // the script tells
		{"事務局は誰が率いていますか？", "", "ja"},                         // kana
		{"Sekretariat hacan acyldy?", "", undetermined},      // Turkmen typed without its letters
		{"Sekretariat hacan acyldy?", "tk-TM", "tk"},         // … named by Telegram
		{"Ποιος διευθύνει τη γραμματεία;", "", undetermined}, // Greek: no words here for it
		{"Ποιος διευθύνει τη γραμματεία;", "el", "el"},
	}
	for _, tt := range tests {
		if got := askedIn(tt.text, tt.userLang); got != tt.want {
			t.Errorf("askedIn(%q, %q) = %q, want %q", tt.text, tt.userLang, got, tt.want)
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
			switch got := askedIn(q, ""); got {
			case langs[i]:
				right++
			case undetermined:
				unnamed++
			default:
				t.Errorf("askedIn(%q) = %q, want %q or %q", q, got, langs[i], undetermined)
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
		{undetermined, "kk", []string{"Мен сұрақтарға", onlyEnglish, onlyArabic}},
		{undetermined, "ar", []string{onlyEnglish, onlyArabic}},
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
	for _, tg := range tongues {
		for _, text := range []string{tg.only, tg.note} {
			if text != "" && mainScript(text) != tg.scripts[0] {
				t.Errorf("%s text %q is not in its script", tg.code, text)
			}
		}
		if (tg.only == "") != (tg.note == "") {
			t.Errorf("%s has one of its two texts only", tg.code)
		}
	}
}

// BenchmarkForeign is the cost of telling a question's language, paid by every question.
func BenchmarkForeign(b *testing.B) {
	ix := articleService().ix
	questions := []string{"who is the kirgizia foreign minister mentioned", "مين وزير خارجية قيرغيزستان؟",
		"Кто возглавляет секретариат?", "Kotibiyatni kim boshqaradi?", "¿Cuántos países forman parte del mecanismo?"}
	for b.Loop() {
		for _, q := range questions {
			ix.foreign(q)
		}
	}
}
