package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// errBlocked means the user blocked the bot or removed it from the group: not worth retrying.
var errBlocked = errors.New("bot blocked or removed from the chat")

// outgoing is one message to send.
type outgoing struct {
	chatID  int64
	group   bool
	thread  int
	replyTo int
	html    string
	markup  any // reply_markup, or nil
}

// sender sends messages within Telegram's flood limits and retries what can be retried. It remembers group
// migrations, so replies to a group that became a supergroup reach the new chat.
type sender struct {
	tg       *tgbot.Bot
	pace     *pacer
	backoff  time.Duration // before the first transient retry (Options.RetryBackoff)
	log      *slog.Logger
	secrets  []string
	metrics  *metrics
	migrated sync.Map // int64 → int64
}

func (s *sender) chat(id int64) int64 {
	if to, ok := s.migrated.Load(id); ok {
		return to.(int64)
	}
	return id
}

// migrate records that chat from is now chat to.
func (s *sender) migrate(from, to int64) { s.migrated.Store(from, to) }

// send delivers o and returns the new message's ID. It waits for the flood limits, honours 429 retry_after,
// retries 5xx and network errors a bounded number of times, follows a group's migration, falls back to plain
// text if Telegram ever rejects the HTML, and gives up at once when the bot was blocked (errBlocked).
func (s *sender) send(ctx context.Context, o outgoing) (int, error) {
	plain := false
	var chatID int64
	var msgID int
	call := func() error {
		chatID = s.chat(o.chatID)
		if err := s.pace.wait(ctx, chatID, o.group); err != nil {
			return err
		}
		params := &tgbot.SendMessageParams{ChatID: chatID, Text: o.html, ParseMode: models.ParseModeHTML,
			MessageThreadID: o.thread, ReplyMarkup: o.markup,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}}
		if plain {
			params.Text, params.ParseMode = plainText(o.html), ""
		}
		if o.replyTo != 0 {
			params.ReplyParameters = &models.ReplyParameters{MessageID: o.replyTo, AllowSendingWithoutReply: true}
		}
		msg, err := s.tg.SendMessage(ctx, params)
		s.metrics.sends.WithLabelValues(outcome(err)).Inc()
		if err == nil {
			msgID = msg.ID
		}
		return err
	}
	judge := func(err error) (verdict, error) {
		var tooMany *tgbot.TooManyRequestsError
		var migrate *tgbot.MigrateError
		switch {
		case ctx.Err() != nil:
			return giveUp, ctx.Err()
		case errors.As(err, &tooMany):
			s.log.Debug("telegram asks to slow down", "chat_id", chatID, "retry_after", retryAfter(err))
			return slowDown, s.scrubErr(err)
		case errors.As(err, &migrate):
			s.migrate(o.chatID, int64(migrate.MigrateToChatID))
			s.log.Info("group migrated to a supergroup", "chat_id", o.chatID, "new_chat_id", migrate.MigrateToChatID)
			return again, s.scrubErr(err)
		case errors.Is(err, tgbot.ErrorForbidden):
			return giveUp, errBlocked
		case errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "can't parse entities") && !plain:
			s.log.Error("telegram rejected our HTML; sending plain text", "chat_id", chatID, "err", s.scrub(err))
			plain = true
			return again, s.scrubErr(err)
		case errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "thread not found") && o.thread != 0:
			o.thread = 0 // the topic was closed or deleted: answer in the chat
			return again, s.scrubErr(err)
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized),
			errors.Is(err, tgbot.ErrorNotFound):
			return giveUp, s.scrubErr(err)
		}
		return transient, s.scrubErr(err) // 5xx, network, a body that is not JSON
	}
	if err := retry(ctx, s.messagePolicy(), call, judge); err != nil {
		return 0, err
	}
	return msgID, nil
}

func outcome(err error) string {
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &tooMany):
		return "429"
	case errors.Is(err, tgbot.ErrorForbidden):
		return "403"
	case errors.Is(err, tgbot.ErrorBadRequest):
		return "400"
	}
	return "error"
}

// scrub removes secrets (the bot token is part of every Bot API URL) from an error's text, in every encoding a
// server or proxy may echo them in: as they are, percent-encoded (the token's ":" as "%3A" or "%3a"), and
// query-escaped.
func (s *sender) scrub(err error) string {
	msg := err.Error()
	for _, secret := range s.secrets {
		if secret == "" {
			continue
		}
		for _, form := range []string{secret, url.QueryEscape(secret), strings.ReplaceAll(secret, ":", "%3A"),
			strings.ReplaceAll(secret, ":", "%3a")} {
			msg = strings.ReplaceAll(msg, form, "REDACTED")
		}
	}
	return msg
}

// scrubbedError is an error whose text has had the secrets removed; errors.Is still sees the original.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

func (s *sender) scrubErr(err error) error { return &scrubbedError{msg: s.scrub(err), err: err} }
