package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

func TestAskJSONForeignQuestion(t *testing.T) {
	t.Parallel()
	out, stderr, code := runCmd(t, fakeEnv(t), "", "ask", "--json", "Кто возглавляет секретариат?")
	if code != 0 {
		t.Fatalf("ask exit %d: %s", code, stderr)
	}
	var got struct {
		Language         string
		QuestionLanguage string `json:"question_language"`
		Answer, Reason   string
		Refused          bool
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Refused || got.Reason != "language" || got.QuestionLanguage != "ru" || got.Language != "en" ||
		!strings.Contains(got.Answer, "Arabic and English only") || !strings.Contains(got.Answer, "Я отвечаю") {
		t.Errorf("ask --json in Russian = %s", out)
	}
}

// TestTelegramForeignQuestions: through the fake Bot API, a question in another language is told which languages
// the bot answers in, also in the user's Telegram language; with a model, a Russian question is answered in
// Russian from its source, with the note on the sources' languages.
func TestTelegramForeignQuestions(t *testing.T) {
	t.Parallel()
	withLang := func(u models.Update, lang string) models.Update { u.Message.From.LanguageCode = lang; return u }
	t.Run("offline", func(t *testing.T) {
		t.Parallel()
		tg := bottest.New(t)
		stop := serveInBackground(t, tg, fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(),
			"LOG_LEVEL", "warn", "DATA_DIR", "off"))
		tg.Push(withLang(bottest.PrivateText(801, 801, "Кто возглавляет секретариат?"), "ru"))
		tg.Push(withLang(bottest.PrivateText(802, 802, "Kotibiyatni kim boshqaradi?"), "ru"))
		tg.Push(withLang(bottest.PrivateText(803, 803, "秘书处由谁领导？"), "zh-hans"))
		tg.Push(withLang(bottest.PrivateText(804, 804, "Who heads the secretariat?"), "ru"))
		byChat := map[int64]string{}
		for _, m := range tg.WaitSent(t, 4, 20*time.Second) {
			byChat[m.ChatID] = m.Plain
		}
		for chat, want := range map[int64][]string{
			801: {"Я отвечаю на вопросы только на арабском и английском", "Arabic and English only", "بالعربية والإنجليزية فقط"},
			802: {"Men savollarga faqat arab va ingliz", "Я отвечаю", "Arabic and English only"},
			803: {"我只用阿拉伯语和英语回答问题", "Arabic and English only"},
			804: {"Wu Yingchen", "xinhua-20240330-en#11"},
		} {
			for _, w := range want {
				if !strings.Contains(byChat[chat], w) {
					t.Errorf("chat %d got %q, want %q in it", chat, byChat[chat], w)
				}
			}
		}
		stop()
	})
	t.Run("model", func(t *testing.T) {
		t.Parallel()
		m := ragtest.New(t, ragtest.WithResponder(func(r ragtest.ChatRequest) string {
			switch last, system := r.LastUser(), r.Messages[0].Content; {
			case strings.Contains(last, "Translate the question into English"):
				return "Who heads the secretariat?"
			case strings.Contains(system, "Answer in Russian"):
				return "Секретариат возглавляет исполнительный директор Ву Иньчэнь " + sourceRef(system, "Wu Yingchen") + "."
			}
			return "OK"
		}))
		tg := bottest.New(t)
		stop := serveInBackground(t, tg, fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(),
			"LOG_LEVEL", "warn", "DATA_DIR", "off", "OPENAI_BASE_URL", m.URL(), "OPENAI_API_KEY", m.Key()))
		tg.Push(withLang(bottest.GroupText(-8001, 805, "/ask Кто возглавляет секретариат?",
			bottest.Command("/ask Кто возглавляет секретариат?")), "en"))
		sent := tg.WaitSent(t, 1, 20*time.Second)
		for _, w := range []string{"Секретариат возглавляет исполнительный директор Ву Иньчэнь",
			"Примечание: мои источники — на арабском и английском языках.", "xinhua-20240330-en#11"} {
			if !strings.Contains(sent[0].Plain, w) {
				t.Errorf("reply = %q, want %q in it", sent[0].Plain, w)
			}
		}
		stop()
	})
}

// sourceRef is the citation ("[3]") of the prompt's numbered source holding text.
func sourceRef(prompt, text string) string {
	i := strings.Index(prompt, text)
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(prompt[:i], "\n[")
	k := strings.Index(prompt[j+1:], "]")
	return prompt[j+1 : j+2+k]
}
