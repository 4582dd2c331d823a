package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"ccabot/knowledge/nlp"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// inlineDeadline is how long an inline query may wait for its answer: Telegram stops accepting one after about
// ten seconds.
const inlineDeadline = 8 * time.Second

// onInline answers "@Bot question" typed in any chat with one article the user can send. Telegram sends a query
// each time the user pauses while typing, so only the newest query of a user is answered (older ones still
// queued are dropped), queries that waited past the deadline are dropped, and inline queries have their own
// rate limit, apart from chat questions. Results are personal: never cached for other users.
func (b *Bot) onInline(q *models.InlineQuery) {
	text := strings.TrimSpace(q.Query)
	if len(b.allowed) > 0 && !b.allowed[q.From.ID] {
		return
	}
	received := time.Now()
	lang := nlp.DetectLang(text)
	respond := func(ctx context.Context, cache int, results ...models.InlineQueryResult) {
		_, err := b.tg.AnswerInlineQuery(ctx, &tgbot.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: results,
			CacheTime: cache, IsPersonal: true})
		if err != nil {
			b.log.Debug("answerInlineQuery failed", "err", b.send.scrub(err))
		}
	}
	notice := func(id, msg string) {
		b.run(fmt.Sprint("inline:", q.From.ID), func(ctx context.Context) {
			respond(ctx, 0, article(id, msg, msg, html.EscapeString(msg)))
		})
	}
	switch {
	case text == "":
		b.run(fmt.Sprint("inline:", q.From.ID), func(ctx context.Context) { respond(ctx, 0) })
		return
	case utf8.RuneCountInString(text) > b.opts.MaxQuestionChars:
		notice("long", fmt.Sprintf(tooLong[lang], utf8.RuneCountInString(text), b.opts.MaxQuestionChars))
		return
	}
	if ok, _ := b.inlineLimits.take(q.From.ID); !ok {
		notice("rate", rateLimited[lang])
		return
	}
	b.metrics.questions.WithLabelValues("inline").Inc()
	b.latestInline.Store(q.From.ID, q.ID)
	b.run(fmt.Sprint("inline:", q.From.ID), func(ctx context.Context) {
		defer b.latestInline.CompareAndDelete(q.From.ID, q.ID) // the map holds only users with a query queued
		if latest, _ := b.latestInline.Load(q.From.ID); latest != q.ID || time.Since(received) > inlineDeadline {
			b.metrics.ignored.WithLabelValues("inline_superseded").Inc()
			return
		}
		ctx, cancel := context.WithDeadline(ctx, received.Add(inlineDeadline))
		defer cancel()
		var r Reply
		var err error
		if werr := b.disp.work(ctx, func() { r, err = b.ans.Answer(ctx, Question{Text: text, UserLang: q.From.LanguageCode}) }); werr != nil {
			err = werr
		}
		if err != nil {
			b.log.Warn("inline answer failed", "err", err)
			return
		}
		msg := renderHTML(r.Body, footer(r), MaxMessageUnits)[0].html
		h := fnv.New64a()
		h.Write([]byte(text))
		respond(ctx, 300, article(fmt.Sprintf("%x", h.Sum64()), text, r.Body, msg))
		b.log.Info("answered inline", "lang", r.Lang, "mode", r.Mode, "refused", r.Refused)
	})
}

// article is an inline result that sends htmlText when chosen.
func article(id, title, description, htmlText string) models.InlineQueryResult {
	return &models.InlineQueryResultArticle{ID: id, Title: shorten(title, 60), Description: shorten(description, 120),
		InputMessageContent: &models.InputTextMessageContent{MessageText: htmlText, ParseMode: models.ParseModeHTML}}
}
