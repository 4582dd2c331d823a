package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// langAnswerer records the Telegram language each question came with.
type langAnswerer struct {
	mu    sync.Mutex
	langs map[string]string // question → UserLang
}

func (a *langAnswerer) Answer(_ context.Context, q Question) (Reply, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.langs[q.Text] = q.UserLang
	return Reply{Lang: "en", Body: "I answer questions in Arabic and English only.", Mode: "extractive", Refused: true}, nil
}

// TestQuestionCarriesUserLanguage: the sender's Telegram language reaches the answerer with the question (the
// answerer may say in it which languages it answers in), also after a restart from the journal.
func TestQuestionCarriesUserLanguage(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	ans := &langAnswerer{langs: map[string]string{}}
	start(t, s, ans, Options{})
	ru := bottest.PrivateText(601, 601, "Кто возглавляет секретариат?")
	ru.Message.From.LanguageCode = "ru"
	s.Push(ru)
	s.Push(bottest.PrivateText(602, 602, "Kotibiyatni kim boshqaradi?")) // no language_code
	s.WaitSent(t, 2, 10*time.Second)
	ans.mu.Lock()
	defer ans.mu.Unlock()
	if got := ans.langs["Кто возглавляет секретариат?"]; got != "ru" {
		t.Errorf("UserLang = %q, want ru", got)
	}
	if got, ok := ans.langs["Kotibiyatni kim boshqaradi?"]; !ok || got != "" {
		t.Errorf("UserLang = %q (asked %v), want empty", got, ok)
	}
	ev := classify(ru.Message, self{})
	if back := eventOf(recordOf(ev)); back.userLang != "ru" {
		t.Errorf("journal round trip: userLang = %q, want ru", back.userLang)
	}
}
