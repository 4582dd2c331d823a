package bot

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"ccabot/config"
)

// handle receives every update, in order, from go-telegram's single worker. It only classifies and queues:
// answering happens in the dispatcher, so a slow answer never delays reading the next update.
func (b *Bot) handle(_ context.Context, _ *tgbot.Bot, u *models.Update) {
	defer func() {
		if p := recover(); p != nil { // one odd update must not stop the bot or be redelivered forever
			b.metrics.errors.WithLabelValues("panic").Inc()
			b.log.Error("panic while handling an update", "update_id", u.ID, "panic", fmt.Sprint(p))
		}
	}()
	if u.ID > b.lastUpdate.Load() {
		b.lastUpdate.Store(u.ID)
	}
	// The journal knows the questions taken before a crash; the recent IDs also catch a command or button press
	// delivered twice (a webhook retry), which the journal does not record.
	if b.journal != nil && b.journal.seen(u.ID) || b.seenRecently(u.ID) {
		b.metrics.ignored.WithLabelValues("redelivered").Inc() // taken before a crash: answered from the journal
		return
	}
	switch {
	case u.Message != nil:
		b.onMessage(u.ID, u.Message)
	case u.CallbackQuery != nil:
		b.onCallback(u.CallbackQuery)
	case u.InlineQuery != nil:
		b.onInline(u.InlineQuery)
	case u.EditedMessage != nil:
		b.metrics.ignored.WithLabelValues("edited").Inc()
	case u.ChannelPost != nil, u.EditedChannelPost != nil:
		b.metrics.ignored.WithLabelValues("channel_post").Inc()
	default:
		b.metrics.ignored.WithLabelValues("other").Inc()
	}
}

func (b *Bot) onMessage(updateID int64, m *models.Message) {
	switch {
	case m.MigrateToChatID != 0:
		b.send.migrate(m.Chat.ID, m.MigrateToChatID)
		return
	case m.MigrateFromChatID != 0:
		b.send.migrate(m.MigrateFromChatID, m.Chat.ID)
		return
	// An anonymous admin or a member posting as a channel comes "from" a Telegram stand-in bot with sender_chat
	// set: a person wrote it, so it is not a bot's message.
	case m.From == nil || m.From.IsBot && m.SenderChat == nil || m.ViaBot != nil && m.ViaBot.ID == b.me.id:
		b.metrics.ignored.WithLabelValues("bot").Inc()
		return
	case !b.allowedChat(m.Chat.ID):
		return
	}
	ev := classify(m, b.me)
	ev.updateID = updateID
	if ev.action == ignore {
		b.metrics.ignored.WithLabelValues("not_addressed").Inc()
		return
	}
	if time.Since(ev.date) > b.opts.MaxQuestionAge {
		b.staleCount.Add(1)
		return
	}
	b.logStale()
	// Every reply counts against the sender's limit, fixed ones too: 200 × /help must not queue 200 replies.
	if ok, notify := b.limits.take(ev.userID); !ok {
		b.metrics.ignored.WithLabelValues("rate_limited").Inc()
		if notify {
			b.say(ev, rateLimited[ev.lang])
		}
		return
	}
	switch ev.action {
	case nonText:
		b.say(ev, nonTextNote)
	case askEmpty:
		b.say(ev, askUsage[ev.lang])
	case command:
		b.onCommand(ev)
	case question:
		b.onQuestion(ev)
	}
}

func (b *Bot) onCommand(ev event) {
	switch ev.cmd {
	case "start":
		b.say(ev, welcome)
	case "help":
		b.say(ev, fmt.Sprintf(helpText[ev.lang], b.me.username))
	case "sources":
		b.say(ev, sourcesText(b.opts.Documents, ev.lang))
	default:
		b.say(ev, unknownCmd[ev.lang])
	}
}

// onQuestion checks a question's length and the asker's rate, then queues the answer in the chat's line.
func (b *Bot) onQuestion(ev event) {
	if ev.voice != nil {
		if ok, notify := b.voiceLimits.take(ev.userID); !ok {
			b.metrics.ignored.WithLabelValues("voice_rate_limited").Inc()
			if notify {
				b.say(ev, voiceRateLimited[ev.lang])
			}
			return
		}
		if refusal := b.voiceRefusal(ev.voice, ev.lang); refusal != "" {
			b.say(ev, refusal)
			return
		}
	}
	if n := utf8.RuneCountInString(ev.text); n > b.opts.MaxQuestionChars {
		b.say(ev, fmt.Sprintf(tooLong[ev.lang], n, b.opts.MaxQuestionChars))
		return
	}
	if b.journal != nil {
		if err := b.journal.take(recordOf(ev)); err != nil {
			b.log.Error("journal: question not recorded; it would be lost in a crash", "err", err)
		}
	}
	b.enqueue(ev)
}

// enqueue queues an accepted question's answer in the chat's line.
func (b *Bot) enqueue(ev event) {
	b.metrics.questions.WithLabelValues(string(ev.chatType)).Inc()
	taken := time.Now()
	b.submit(ev, func(ctx context.Context) { b.answer(ctx, ev, taken) })
}

// submit queues a job in the chat's line; once shutdown has begun the message is left for the next start.
func (b *Bot) submit(ev event, job func(context.Context)) { b.run(fmt.Sprint(ev.chatID), job) }

// run queues job under key, guarded so a panic in it is logged instead of killing the bot.
func (b *Bot) run(key string, job func(context.Context)) {
	guarded := func(ctx context.Context) {
		defer func() {
			if p := recover(); p != nil {
				b.metrics.errors.WithLabelValues("panic").Inc()
				b.log.Error("panic in a job", "key", key, "panic", fmt.Sprint(p))
			}
		}()
		job(ctx)
	}
	if err := b.disp.submit(key, guarded); err != nil {
		b.metrics.ignored.WithLabelValues("queue").Inc()
		b.log.Warn("message left unanswered", "key", key, "reason", err)
	}
}

// say queues a fixed text for the chat.
func (b *Bot) say(ev event, text string) {
	b.submit(ev, func(ctx context.Context) { b.deliver(ctx, ev, text, "", nil) })
}

// allowedChat applies ALLOWED_CHAT_IDS, logging each refused chat once.
func (b *Bot) allowedChat(id int64) bool {
	if len(b.allowed) == 0 || b.allowed[id] {
		return true
	}
	if _, seen := b.denied.LoadOrStore(id, struct{}{}); !seen {
		b.log.Info("ignoring a chat not in "+config.EnvAllowedChatIDs, "chat_id", id)
	}
	b.metrics.ignored.WithLabelValues("not_allowed").Inc()
	return false
}

// logStale reports, once, how many questions from the backlog were too old to answer.
func (b *Bot) logStale() {
	if n := b.staleCount.Swap(0); n > 0 {
		b.log.Info("skipped questions older than "+config.EnvMaxQuestionAge+" from the backlog", "count", n,
			"max_age", b.opts.MaxQuestionAge)
		b.metrics.ignored.WithLabelValues("stale").Add(float64(n))
	}
}

// recentUpdates is how many update IDs are remembered without a journal (the journal remembers as many).
const recentUpdates = doneRemembered

// seenRecently reports whether update id was handled before, and remembers it.
func (b *Bot) seenRecently(id int64) bool {
	seen, _ := b.recent.ContainsOrAdd(id, struct{}{})
	return seen
}
