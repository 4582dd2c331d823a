package bot

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/config"
	"ccabot/knowledge/nlp"
)

// openJournal opens the journal under DataDir and returns the questions a previous run took but did not answer.
func (b *Bot) openJournal() ([]record, error) {
	if b.opts.DataDir == "" {
		return nil, nil
	}
	j, pending, err := openJournal(filepath.Join(b.opts.DataDir, "journal"), fmt.Sprintf("bot-%d.jsonl", b.me.id))
	if errors.Is(err, errJournalInUse) {
		return nil, fmt.Errorf("open the question journal under %s %s: %w", config.EnvDataDir, b.opts.DataDir, err)
	}
	if err != nil {
		// A read-only root (containers), a file in the way or a read-only HOME must not keep the bot from
		// serving: answering without the journal beats not answering.
		b.log.Error(fmt.Sprintf("%[1]s cannot be written: serving without the question journal, so questions taken before a crash may be lost; point %[1]s at a writable directory, or set %[1]s=off", config.EnvDataDir),
			"data_dir", b.opts.DataDir, "err", err)
		return nil, nil
	}
	if j.skipped > 0 {
		b.log.Warn("question journal: unreadable lines skipped; questions they held are lost", "lines", j.skipped)
	}
	j.report = b.health.journal
	b.journal = j
	return pending, nil
}

// replay queues the questions from before the restart; those older than MaxQuestionAge are dropped with one
// log line.
func (b *Bot) replay(pending []record) {
	j := b.journal
	dropped := 0
	for _, r := range pending {
		if time.Since(time.Unix(r.Date, 0)) > b.opts.MaxQuestionAge {
			dropped++
			j.finish(r.ID)
			continue
		}
		b.enqueue(eventOf(r))
	}
	if dropped > 0 {
		b.log.Info("dropped unanswered questions from before the restart: older than "+config.EnvMaxQuestionAge,
			"count", dropped, "max_age", b.opts.MaxQuestionAge)
	}
	if n := len(pending) - dropped; n > 0 {
		b.log.Info("answering questions taken before the restart", "count", n)
	}
}

func recordOf(ev event) record {
	return record{ID: ev.updateID, Chat: ev.chatID, ChatType: string(ev.chatType), Thread: ev.thread, Msg: ev.msgID,
		User: ev.userID, ReplyTo: ev.replyTo, Text: ev.text, Lang: string(ev.lang), Private: ev.private,
		Date: ev.date.Unix(), Partial: ev.partial, Voice: ev.voice, UserLang: ev.userLang}
}

func eventOf(r record) event {
	return event{updateID: r.ID, action: question, chatID: r.Chat, chatType: models.ChatType(r.ChatType),
		thread: r.Thread, msgID: r.Msg, userID: r.User, replyTo: r.ReplyTo, text: r.Text, voice: r.Voice,
		lang: nlp.Lang(r.Lang), private: r.Private, date: time.Unix(r.Date, 0), partial: r.Partial,
		userLang: r.UserLang}
}
