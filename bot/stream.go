package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// streamer shows a model's answer as it is written, in a private chat: the first text is sent as a message, and
// that message is edited with the text so far at most once per Options.EditEvery (Telegram allows about one
// message or edit a second in a chat). finish makes the final text land whole: the first part edited in, the
// rest (past 4096 units) sent as new messages.
type streamer struct {
	b      *Bot
	ev     event
	cancel context.CancelFunc // ends the partial edits
	// sendCtx (the job's context, with its deadline) carries the first partial send, which finish does not
	// cancel: Telegram may already have created the message, and a cancelled send would leave it orphaned
	// beside the final answer.
	sendCtx context.Context
	mu      sync.Mutex
	text    string // latest partial text
	shown   string // what the message shows now
	msgID   int
	stop    chan struct{}
	stopped sync.Once
	done    chan struct{}
}

func (b *Bot) newStreamer(ctx context.Context, ev event) *streamer {
	edits, cancel := context.WithCancel(ctx)
	s := &streamer{b: b, ev: ev, cancel: cancel, sendCtx: ctx, msgID: ev.partial, stop: make(chan struct{}),
		done: make(chan struct{})}
	go s.loop(edits)
	return s
}

// update records the answer so far; it never blocks the model's stream.
func (s *streamer) update(text string) {
	s.mu.Lock()
	s.text = text
	s.mu.Unlock()
}

func (s *streamer) loop(ctx context.Context) {
	defer close(s.done)
	editEvery := s.b.opts.EditEvery
	t := time.NewTicker(editEvery / 4)
	defer t.Stop()
	var last, pausedUntil time.Time
	for {
		select {
		case <-s.stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.mu.Lock()
		text := s.text
		s.mu.Unlock()
		if text == "" || text == s.shown || time.Since(last) < editEvery || time.Now().Before(pausedUntil) {
			continue
		}
		html := renderHTML(text+" …", "", MaxMessageUnits)[0].html
		if s.msgID == 0 {
			id, err := s.b.send.send(s.sendCtx, outgoing{chatID: s.ev.chatID, thread: s.ev.thread, html: html})
			if err != nil {
				return // the final delivery will try again and log
			}
			s.msgID = id
			if s.b.journal != nil {
				if err := s.b.journal.partial(s.ev.updateID, id); err != nil {
					s.b.log.Error("journal: streamed message not recorded", "err", err)
				}
			}
		} else if err := s.b.send.edit(ctx, s.ev.chatID, s.msgID, html, nil, false); err != nil {
			// Skip this partial edit (the next carries more text); after a 429, wait as Telegram asks.
			var tooMany *tgbot.TooManyRequestsError
			if errors.As(err, &tooMany) {
				pausedUntil = time.Now().Add(time.Duration(max(tooMany.RetryAfter, 1)) * time.Second)
			}
			continue
		}
		s.shown, last = text, time.Now()
	}
}

// finish stops the partial edits and delivers the final reply, returning the last message's ID (0 if lost).
func (s *streamer) finish(ctx context.Context, body, foot string, markup any) int {
	s.stopEdits()
	if s.msgID == 0 {
		return s.b.deliver(ctx, s.ev, body, foot, markup)
	}
	msgs := renderHTML(body, foot, MaxMessageUnits)
	first := msgs[0].html
	var firstMarkup any
	if len(msgs) == 1 {
		firstMarkup = markup
	}
	if err := s.b.send.edit(ctx, s.ev.chatID, s.msgID, first, firstMarkup, true); err != nil {
		if ctx.Err() != nil {
			return 0
		}
		// The partial message cannot be edited (deleted by the user, too old, Telegram failing): delete it, so the
		// chat does not keep half an answer beside the whole one, and send the answer anew.
		s.b.log.Warn("could not edit the streamed answer; sending it as a new message", "chat_id", s.ev.chatID, "err", err)
		if err := s.b.send.delete(ctx, s.ev.chatID, s.msgID); err != nil && !strings.Contains(err.Error(), "not found") {
			s.b.log.Warn("could not delete the streamed partial answer", "chat_id", s.ev.chatID, "err", err)
		}
		return s.b.deliver(ctx, s.ev, body, foot, markup)
	}
	last := s.msgID
	for i, m := range msgs[1:] {
		o := outgoing{chatID: s.ev.chatID, thread: s.ev.thread, html: m.html}
		if i == len(msgs)-2 {
			o.markup = markup
		}
		id, err := s.b.send.send(ctx, o)
		if err != nil {
			s.b.log.Error("reply not delivered", "chat_id", s.ev.chatID, "err", err)
			return 0
		}
		last = id
	}
	return last
}

// edit replaces a message's text. "Message is not modified" is success. With must set (the final text) it
// retries like send; otherwise a 429 or failure is returned at once so the caller skips this edit.
func (s *sender) edit(ctx context.Context, chatID int64, msgID int, html string, markup any, must bool) error {
	call := func() error {
		chat := s.chat(chatID)
		if err := s.pace.wait(ctx, chat, false); err != nil {
			return err
		}
		_, err := s.tg.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: html,
			ParseMode: models.ParseModeHTML, ReplyMarkup: markup,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}})
		if errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "not modified") {
			return nil
		}
		return err
	}
	judge := func(err error) (verdict, error) {
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case !must, ctx.Err() != nil:
			return giveUp, s.scrubErr(err)
		case errors.As(err, &tooMany):
			return slowDown, s.scrubErr(err)
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorForbidden):
			return giveUp, s.scrubErr(err)
		}
		return transient, s.scrubErr(err)
	}
	return retry(ctx, s.messagePolicy(), call, judge)
}

// delete removes a message (one attempt, within the flood limits).
func (s *sender) delete(ctx context.Context, chatID int64, msgID int) error {
	chat := s.chat(chatID)
	if err := s.pace.wait(ctx, chat, false); err != nil {
		return err
	}
	_, err := s.tg.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: chat, MessageID: msgID})
	if err != nil {
		return s.scrubErr(err)
	}
	return nil
}

// stopEdits ends the partial edits and waits for them: a partial edit still waiting out a 429 gives way to the
// final text; a first send completes. Safe to call more than once (finish, and a panic's clean-up).
func (s *streamer) stopEdits() {
	s.stopped.Do(func() {
		close(s.stop)
		s.cancel()
	})
	<-s.done
}
