package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"ccabot/knowledge/nlp"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// feedbackStore remembers the answers that carry 👍/👎 buttons, so a press can be attributed, and a press on a
// button the bot never issued (or has forgotten) is recognised. Bounded: the most recent maxFeedback answers.
type feedbackStore struct {
	mu    sync.Mutex
	next  atomic.Uint64
	items *simplelru.LRU[string, feedbackItem]
}

type feedbackItem struct {
	lang, mode, chatType string
	voters               map[int64]bool
}

const maxFeedback = 10000

func newFeedbackStore() *feedbackStore {
	return &feedbackStore{items: newCapped[string, feedbackItem](maxFeedback)}
}

// issue returns the key for a new answer's buttons.
func (f *feedbackStore) issue(lang, mode, chatType string) string {
	key := strconv.FormatUint(f.next.Add(1), 36)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items.Add(key, feedbackItem{lang: lang, mode: mode, chatType: chatType, voters: map[int64]bool{}})
	return key
}

// vote records a user's press; known is false for a key never issued or forgotten, repeat for a second press.
func (f *feedbackStore) vote(key string, user int64) (item feedbackItem, known, repeat bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	item, known = f.items.Peek(key)
	if !known {
		return item, false, false
	}
	repeat = item.voters[user]
	item.voters[user] = true
	return item, true, repeat
}

// feedbackKeyboard is the 👍/👎 row under an answer. It is our own type, not models.InlineKeyboardMarkup, whose
// buttons always carry an empty "copy_text" that Telegram may reject.
func feedbackKeyboard(key string) any {
	type button struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data"`
	}
	return struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}{[][]button{{{Text: "👍", CallbackData: feedbackData("u", key)}, {Text: "👎", CallbackData: feedbackData("d", key)}}}}
}

// onCallback handles a 👍/👎 press; data the bot never issued gets a polite "no longer active".
func (b *Bot) onCallback(cq *models.CallbackQuery) {
	if ok, _ := b.callbackLimits.take(cq.From.ID); !ok {
		b.metrics.ignored.WithLabelValues("callback_rate").Inc() // pressed faster than anyone reads: no reply
		return
	}
	lang := nlp.English
	if len(cq.From.LanguageCode) >= 2 && cq.From.LanguageCode[:2] == "ar" {
		lang = nlp.Arabic
	}
	text := stale[lang]
	vote, key, ok := parseFeedback(cq.Data)
	if ok {
		if item, known, repeat := b.votes.vote(key, cq.From.ID); known {
			text = thanks[nlp.Lang(item.lang)]
			if !repeat {
				b.metrics.feedback.WithLabelValues(vote).Inc()
				b.log.Info("feedback", "vote", vote, "mode", item.mode, "lang", item.lang, "chat_type", item.chatType)
			}
		}
	}
	if !ok {
		b.metrics.ignored.WithLabelValues("unknown_callback").Inc()
	}
	b.run(fmt.Sprint("callback:", cq.From.ID), func(ctx context.Context) {
		if _, err := b.tg.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID, Text: text}); err != nil {
			b.log.Warn("answerCallbackQuery failed", "err", b.send.scrub(err))
		}
	})
}

const feedbackPrefix = "fb"

func feedbackData(vote, key string) string { return feedbackPrefix + ":" + vote + ":" + key }

func parseFeedback(data string) (vote, key string, ok bool) {
	rest, ok := strings.CutPrefix(data, feedbackPrefix+":")
	if !ok {
		return "", "", false
	}
	v, key, ok := strings.Cut(rest, ":")
	switch {
	case !ok:
		return "", "", false
	case v == "u":
		return "up", key, true
	case v == "d":
		return "down", key, true
	}
	return "", "", false
}
