package rag

import (
	"strings"
	"sync"
	"testing"
	"time"

	"ccabot/knowledge/nlp"
	"ccabot/rag/llm"
	"ccabot/rag/ragtest"
)

// TestForeignQuestionsOffline: without a model, a question in another language is told, in English, Arabic and
// the languages of the question and of the user's Telegram when the bot has the words, which languages it
// answers in; Arabic and English questions are answered as before, whatever the user's Telegram language.
func TestForeignQuestionsOffline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		question, userLang, asked string
		lines                     []string // the reply's lines, by their start
	}{
		{"Кто возглавляет секретариат?", "ru", "ru", []string{"Я отвечаю", onlyEnglish, onlyArabic}},
		{"Кто возглавляет секретариат?", "", "ru", []string{"Я отвечаю", onlyEnglish, onlyArabic}},
		{"秘书处由谁领导？", "ru", "zh", []string{"我只用", "Я отвечаю", onlyEnglish, onlyArabic}},
		{"Kotibiyatni kim boshqaradi?", "", "uz", []string{"Men savollarga", onlyEnglish, onlyArabic}},
		{"Kotibiyatni kim boshqaradi?", "ru", "uz", []string{"Men savollarga", "Я отвечаю", onlyEnglish, onlyArabic}},
		{"Wer leitet das Sekretariat?", "de", "de", []string{onlyEnglish, onlyArabic}},
		{"Sekretariat hacan acyldy?", "", nlp.Undetermined, []string{onlyEnglish, onlyArabic}},
	}
	svc := articleService()
	for _, tt := range tests {
		a, err := svc.Ask(t.Context(), Request{Question: tt.question, UserLang: tt.userLang})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(a.Text, "\n")
		ok := a.Refused && a.Reason == ReasonLanguage && a.QuestionLang == tt.asked && a.Mode == Extractive &&
			len(a.Sources) == 0 && len(lines) == len(tt.lines)
		for i := 0; ok && i < len(lines); i++ {
			ok = strings.HasPrefix(lines[i], tt.lines[i])
		}
		if !ok {
			t.Errorf("Ask(%q, user %q) = refused %v, reason %q, asked %q, text %q; want the language reply %q in %q",
				tt.question, tt.userLang, a.Refused, a.Reason, a.QuestionLang, a.Text, tt.lines, tt.asked)
		}
	}
	for _, q := range []string{"Who heads the secretariat?", "wat is teh secretariat", "من يرأس الأمانة؟"} {
		a, err := svc.Ask(t.Context(), Request{Question: q, UserLang: "ru"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Refused || a.QuestionLang != "" || !strings.Contains(a.Text, "xinhua-20240330") {
			t.Errorf("Ask(%q, user ru) = %+v, want the answer it always had", q, a)
		}
	}
}

// foreignModel is a fake model for questions in other languages: it renders them in English with rendered (by
// the question as asked), and answers every other request with answer(system prompt, question).
func foreignModel(t *testing.T, rendered map[string]string, answer func(system, question string) string) (*Service, func() []ragtest.ChatRequest) {
	t.Helper()
	var mu sync.Mutex
	var reqs []ragtest.ChatRequest
	srv := ragtest.New(t, ragtest.WithResponder(func(r ragtest.ChatRequest) string {
		mu.Lock()
		reqs = append(reqs, r)
		mu.Unlock()
		last := r.LastUser()
		if strings.Contains(last, "Translate the") {
			for q, en := range rendered {
				if strings.Contains(last, q) {
					return en
				}
			}
			return "?"
		}
		return answer(r.Messages[0].Content, last)
	}))
	svc := NewService(articleService().ix, Options{Model: llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(),
		Model: "gpt-4o-mini", Timeout: 5 * time.Second})})
	return svc, func() []ragtest.ChatRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]ragtest.ChatRequest(nil), reqs...)
	}
}

// TestForeignQuestionWithModel: a Russian question is rendered in English for retrieval, answered in Russian
// from its source, with the note that the sources are Arabic and English, and its follow-up is rendered with the
// conversation. An English question costs no rendering call.
func TestForeignQuestionWithModel(t *testing.T) {
	t.Parallel()
	const ru = "Кто руководит секретариатом?"
	const follow = "А что он сказал?"
	svc, reqs := foreignModel(t, map[string]string{ru: "Who heads the secretariat?",
		follow: "What did Wu Yingchen, the secretariat's executive director, say?"},
		func(system, question string) string {
			russian := strings.Contains(system, "Answer in Russian, the language of the question")
			switch {
			case question != ru && question != follow:
			case !russian:
				return "The prompt did not name Russian " + sourceNumber(system, "Wu Yingchen")
			case question == ru:
				return "Секретариат возглавляет его исполнительный директор Ву Иньчэнь " + sourceNumber(system, "Wu Yingchen") + "."
			case question == follow:
				return "Ву Иньчэнь сказал, что секретариат будет укреплять свои правила " + sourceNumber(system, "Wu Yingchen") + "."
			}
			return "Wu Yingchen heads the secretariat " + sourceNumber(system, "Wu Yingchen") + "."
		})
	a, err := svc.Ask(t.Context(), Request{Question: ru, UserLang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != LLM || a.Refused || a.QuestionLang != "ru" || !strings.HasPrefix(a.Body, "Секретариат возглавляет") ||
		!strings.HasSuffix(a.Body, "\n\nПримечание: мои источники — на арабском и английском языках.") {
		t.Fatalf("Ask(%q) = %+v, want a Russian model answer with the note", ru, a)
	}
	if len(a.Sources) != 1 || a.Sources[0].Group != "xinhua-20240330#11" ||
		!strings.Contains(a.Text, "Source: Xinhua (Arabic), 30 March 2024") || strings.Count(a.Text, "Примечание") != 1 {
		t.Errorf("sources = %+v\n%s", a.Sources, a.Text)
	}
	// Retrieval read the English rendering: the paragraph on the executive director ranks first.
	if len(a.Prompted) == 0 || a.Prompted[0].Group != "xinhua-20240330#11" {
		t.Errorf("first prompted unit = %+v, want the one the rendering finds", a.Prompted)
	}
	got := reqs()
	if len(got) != 2 || !strings.Contains(got[0].LastUser(), ru) || got[1].LastUser() != ru {
		t.Fatalf("model requests = %d (%+v), want the rendering then the answer to the question as asked", len(got), got)
	}

	f, err := svc.Ask(t.Context(), Request{Question: follow, UserLang: "ru", Prev: a.Turn})
	if err != nil {
		t.Fatal(err)
	}
	if f.Mode != LLM || !strings.HasPrefix(f.Body, "Ву Иньчэнь сказал") {
		t.Errorf("follow-up = %+v", f)
	}
	if got := reqs(); len(got) != 4 || !strings.Contains(got[2].LastUser(), "Conversation so far") ||
		!strings.Contains(got[2].LastUser(), ru) {
		t.Errorf("follow-up rendering request = %q, want the conversation in it", got[2].LastUser())
	}

	e, err := svc.Ask(t.Context(), Request{Question: "Who heads the secretariat?", UserLang: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	if got := reqs(); e.Mode != LLM || e.QuestionLang != "" || strings.Contains(e.Body, "Note") || len(got) != 5 ||
		!strings.Contains(got[4].Messages[0].Content, "Answer in English, the language of the question") {
		t.Errorf("English question = %+v after %d requests, want one model call, in English", e, len(got))
	}
}

// TestForeignQuestionModelFallsBackToLanguageReply: when the model fails, refuses or writes what its sources do
// not support, a question in another language gets the language reply, never an English quote.
func TestForeignQuestionModelFallsBackToLanguageReply(t *testing.T) {
	t.Parallel()
	const ru = "Когда открыли секретариат?"
	tests := []struct {
		name   string
		answer func(system string) string
		reason Reason
	}{
		{"refused", func(string) string { return notInSources }, ReasonModelRefused},
		{"wrong year", func(s string) string {
			return "Секретариат открыли в 2023 году " + sourceNumber(s, "today (Saturday)") + "."
		},
			ReasonLanguage},
		{"link", func(s string) string {
			return "Секретариат открыли 30 марта 2024 года " + sourceNumber(s, "today (Saturday)") + ". Подробнее: t.me/evil_channel"
		}, ReasonLanguage},
		{"uncited", func(string) string { return "Секретариат открыли 30 марта 2024 года." }, ReasonLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc, _ := foreignModel(t, map[string]string{ru: "When was the secretariat launched?"},
				func(system, _ string) string { return tt.answer(system) })
			a, err := svc.Ask(t.Context(), Request{Question: ru, UserLang: "ru"})
			if err != nil {
				t.Fatal(err)
			}
			if !a.Refused || a.Reason != tt.reason || !strings.HasPrefix(a.Text, "Я отвечаю") || len(a.Sources) != 0 {
				t.Errorf("Ask(%q) = %+v, want the language reply (%s)", ru, a, tt.reason)
			}
		})
	}
	t.Run("model down", func(t *testing.T) {
		t.Parallel()
		srv := ragtest.New(t)
		srv.SetFaultFunc(func(string) *ragtest.Fault { f := ragtest.ServerError(400); return &f })
		svc := NewService(articleService().ix, Options{Model: llm.NewModel(llm.Options{BaseURL: srv.URL(),
			APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: 5 * time.Second})})
		a, err := svc.Ask(t.Context(), Request{Question: ru})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Refused || a.Reason != ReasonLanguage || !strings.HasPrefix(a.Text, "Я отвечаю") {
			t.Errorf("Ask(%q) with the model down = %+v, want the language reply", ru, a)
		}
	})
}

// TestForeignQuestionRenderingFails: a rendering that is no English question leaves retrieval to the question as
// asked; the model, which sees the whole article, still answers.
func TestForeignQuestionRenderingFails(t *testing.T) {
	t.Parallel()
	const zh = "秘书处是什么时候成立的？"
	svc, _ := foreignModel(t, map[string]string{zh: zh}, func(system, _ string) string {
		return "秘书处于2024年3月30日在西安成立" + sourceNumber(system, "today (Saturday)") + "。"
	})
	a, err := svc.Ask(t.Context(), Request{Question: zh})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != LLM || a.QuestionLang != "zh" || !strings.Contains(a.Body, "2024年3月30日") ||
		!strings.HasSuffix(a.Body, "注：我的资料来源为阿拉伯语和英语。") {
		t.Errorf("Ask(%q) = %+v, want the Chinese answer with the note", zh, a)
	}
}

// TestForeignQuestionStreams: a streamed answer to a question in another language shows its checked text as it
// comes; the note comes with the final answer.
func TestForeignQuestionStreams(t *testing.T) {
	t.Parallel()
	const ru = "Где открыли секретариат?"
	svc, _ := foreignModel(t, map[string]string{ru: "Where was the secretariat launched?"}, func(system, _ string) string {
		n := sourceNumber(system, "today (Saturday)")
		return "Секретариат открыли в городе Сиань " + n + ". Это было 30 марта 2024 года " + n + "."
	})
	var mu sync.Mutex
	var partials []string
	a, err := svc.Ask(t.Context(), Request{Question: ru, OnPartial: func(text string) {
		mu.Lock()
		defer mu.Unlock()
		partials = append(partials, text)
	}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if a.Mode != LLM || len(partials) == 0 || !strings.HasPrefix(partials[0], "Секретариат открыли") ||
		!strings.HasSuffix(a.Body, "Примечание: мои источники — на арабском и английском языках.") {
		t.Errorf("streamed %q, answer %+v; want checked Russian text, then the answer with its note", partials, a)
	}
}
