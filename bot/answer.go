package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"ccabot/knowledge/nlp"
)

// groupMaxRunes keeps answers in groups short: a longer one is cut at a sentence end.
const groupMaxRunes = 700

// typingEvery renews the typing indicator, which Telegram shows for about 5 seconds.
const typingEvery = 4 * time.Second

// answer prepares and sends the reply to one question, in the question's chat (and topic), then remembers it
// for follow-ups. It logs one line per question: chat, language, mode, score, duration; never the text.
//
// ctx is the job's context (ended only by the shutdown deadline); the answer itself gets AnswerTimeout within
// it, and the reply is delivered under ctx, so a slow model still leaves time to say something.
func (b *Bot) answer(ctx context.Context, ev event, taken time.Time) {
	b.metrics.inFlight.Inc()
	defer b.metrics.inFlight.Dec()
	var st *streamer
	defer func() {
		if p := recover(); p != nil { // a bug must not kill the bot, nor be replayed from the journal forever
			if st != nil {
				st.stopEdits() // its loop would otherwise edit the partial message until shutdown
			}
			b.metrics.errors.WithLabelValues("panic").Inc()
			b.log.Error("panic while answering", "chat_id", ev.chatID, "panic", fmt.Sprint(p))
			b.finished(ctx, ev)
		}
	}()
	answerCtx, cancel := context.WithTimeout(ctx, b.opts.AnswerTimeout)
	defer cancel()
	stopTyping := b.typing(answerCtx, ev)
	heard := ""
	if ev.voice != nil {
		text, failure := b.hear(answerCtx, ev)
		if failure != "" {
			stopTyping()
			b.deliver(ctx, ev, failure, "", nil)
			b.finished(ctx, ev)
			return
		}
		ev.text, ev.lang, heard = text, nlp.DetectLang(text), heardLine(text)
	}
	// Read here, not when queued: a follow-up sent before the previous answer was delivered still sees it.
	q := Question{Text: ev.text, Prev: b.convo.prev(ev), UserLang: ev.userLang}
	if ev.private { // groups get the finished answer only
		st = b.newStreamer(ctx, ev)
		q.Partial = func(text string) { st.update(heard + text) }
	}
	var r Reply
	var err error
	if werr := b.disp.work(answerCtx, func() { r, err = b.ans.Answer(answerCtx, q) }); werr != nil {
		err = werr
	}
	stopTyping()
	if err != nil {
		b.metrics.errors.WithLabelValues("answer").Inc()
		b.log.Error("answer failed", "chat_id", ev.chatID, "err", err)
		if st != nil {
			st.finish(ctx, failed[ev.lang], "", nil)
		} else {
			b.deliver(ctx, ev, failed[ev.lang], "", nil)
		}
		b.finished(ctx, ev)
		return
	}
	body := heard + r.Body
	if !ev.private {
		body = shorten(body, groupMaxRunes)
	}
	var markup any
	if !r.Refused {
		key := b.votes.issue(r.Lang, r.Mode, string(ev.chatType))
		markup = feedbackKeyboard(key)
	}
	var msgID int
	if st != nil {
		msgID = st.finish(ctx, body, footer(r), markup)
	} else {
		msgID = b.deliver(ctx, ev, body, footer(r), markup)
	}
	if msgID != 0 {
		b.convo.remember(ev.chatID, msgID, r.Turn)
	}
	if r.Refused {
		b.metrics.refusals.WithLabelValues(r.Lang).Inc()
	} else {
		b.metrics.answers.WithLabelValues(r.Mode, r.Lang).Inc()
	}
	b.finished(ctx, ev)
	d := time.Since(taken)
	b.metrics.latency.Observe(d.Seconds())
	b.log.Info("answered", "chat_id", ev.chatID, "chat_type", ev.chatType, "lang", r.Lang, "mode", r.Mode,
		"refused", r.Refused, "best_score", fmt.Sprintf("%.3f", r.Score), "delivered", msgID != 0,
		"duration", d.Round(time.Millisecond))
}

// finished marks a question done in the journal, unless the shutdown deadline cut it short (then the next start
// answers it). ctx is the job's context.
func (b *Bot) finished(ctx context.Context, ev event) {
	if b.journal == nil || ctx.Err() != nil {
		return
	}
	if err := b.journal.finish(ev.updateID); err != nil {
		b.log.Error("journal: answer not marked done; it may be repeated after a restart", "err", err)
	}
}

// deliver renders text (escaped HTML, split under Telegram's limit, footer on the last piece) and sends it to
// the chat: threaded to the question in groups, in the question's forum topic. The keyboard goes on the last
// message. It returns the last message's ID, or 0 when the reply could not be delivered (logged).
func (b *Bot) deliver(ctx context.Context, ev event, text, foot string, markup any) int {
	msgs := renderHTML(text, foot, MaxMessageUnits)
	last := 0
	for i, m := range msgs {
		o := outgoing{chatID: ev.chatID, group: !ev.private, thread: ev.thread, html: m.html}
		if i == 0 && !ev.private {
			o.replyTo = ev.msgID
		}
		if i == len(msgs)-1 {
			o.markup = markup
		}
		id, err := b.send.send(ctx, o)
		switch {
		case errors.Is(err, errBlocked):
			b.log.Info("cannot reply: the bot was blocked or removed", "chat_id", ev.chatID)
			return 0
		case err != nil:
			b.metrics.errors.WithLabelValues("send").Inc()
			b.log.Error("reply not delivered", "chat_id", ev.chatID, "part", i+1, "parts", len(msgs), "err", err)
			return 0
		}
		last = id
	}
	return last
}

// typing shows "typing…" while an answer is prepared, renewed every few seconds. It is best effort: it never
// waits for the flood limits, and is skipped when the global limit is busy with answers.
func (b *Bot) typing(ctx context.Context, ev event) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if b.send.pace.tryGlobal() {
				b.tg.SendChatAction(ctx, &tgbot.SendChatActionParams{ChatID: b.send.chat(ev.chatID),
					MessageThreadID: ev.thread, Action: models.ChatActionTyping})
			}
			if sleep(ctx, typingEvery) != nil {
				return
			}
		}
	}()
	return func() { cancel(); <-done }
}

// shorten cuts text to about max runes at a sentence end (or word), marking the cut.
func shorten(text string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	r := []rune(text)[:max]
	s := string(r)
	if i := lastSentenceEnd(s); i > len(s)/2 {
		return strings.TrimSpace(s[:i]) + " …"
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s + " …"
}
