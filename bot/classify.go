package bot

import (
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"ccabot/knowledge/nlp"
)

// action is what an incoming message asks of the bot.
type action int

const (
	ignore   action = iota // not for us: silence
	question               // answer text
	command                // one of our commands; cmd says which
	nonText                // a sticker, photo, voice, file…
	askEmpty               // "/ask" with nothing after it
)

// event is an incoming message, classified.
type event struct {
	updateID int64
	partial  int       // a message already showing part of this answer (streamed before a restart), or 0
	date     time.Time // when it was asked
	action   action
	cmd      string // "start", "help", "sources", or "unknown" for a command we do not have
	text     string // the question, mention and /ask removed
	lang     nlp.Lang
	userLang string // the sender's Telegram language_code ("ru", "zh-hans"), or ""
	private  bool
	chatID   int64
	chatType models.ChatType
	thread   int // forum topic to answer in; 0 for none (the General topic is never addressed by id)
	msgID    int
	userID   int64 // the sender, or the chat a message was sent as (anonymous admin, channel): the rate-limit key
	// replyTo is the bot message this one replies to, or 0.
	replyTo int
	// voice is a spoken question (text is empty until it is transcribed), or nil.
	voice *voiceNote
}

// self is what the bot knows about itself from getMe.
type self struct {
	id       int64
	username string // without @
}

// classify decides what a message asks of the bot. In a private chat every text is a question. In a group the
// bot answers only when addressed: an @mention of its username anywhere in the text, a reply to one of its
// messages, or /ask, /ask@ItsName; everything else is silence. Commands addressed to another bot
// (/ask@OtherBot) are silence everywhere.
func classify(m *models.Message, me self) event {
	ev := event{chatID: m.Chat.ID, chatType: m.Chat.Type, msgID: m.ID, private: m.Chat.Type == models.ChatTypePrivate,
		date: time.Unix(int64(m.Date), 0)}
	switch {
	case m.SenderChat != nil:
		ev.userID = m.SenderChat.ID // the stand-in bot is shared by every anonymous sender; the chat is theirs
	case m.From != nil:
		ev.userID, ev.userLang = m.From.ID, m.From.LanguageCode
	}
	if m.IsTopicMessage && m.MessageThreadID > 1 {
		ev.thread = m.MessageThreadID
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == me.id {
		ev.replyTo = r.ID
	}
	ev.lang = userLang(m)
	if v := voiceOf(m); v != nil && m.Text == "" {
		if ev.private || ev.replyTo != 0 || captionAddresses(m, me) {
			ev.action, ev.voice = question, v
		}
		return ev
	}
	if m.Text == "" {
		if hasMedia(m) {
			ev.action = nonText
			if !ev.private {
				ev.action = ignore
			}
		}
		return ev
	}
	text := m.Text
	if cmd, target, rest, ok := parseCommand(text, m.Entities); ok {
		if target != "" && !strings.EqualFold(target, me.username) {
			return ev // for another bot
		}
		switch cmd {
		case "ask":
			ev.text = strings.TrimSpace(rest)
			ev.action = question
			if ev.text == "" {
				ev.action = askEmpty
			}
		case "start", "help", "sources":
			ev.action, ev.cmd = command, cmd
		default:
			if ev.private {
				ev.action, ev.cmd = command, "unknown"
			}
			return ev
		}
		if ev.text != "" {
			ev.lang = nlp.DetectLang(ev.text)
		}
		return ev
	}
	stripped, mentioned := stripMentions(text, m.Entities, me)
	if !ev.private && !mentioned && ev.replyTo == 0 {
		return ev // group chatter
	}
	ev.text = strings.TrimSpace(stripped)
	ev.lang = nlp.DetectLang(ev.text)
	ev.action = question
	if ev.text == "" && !ev.private {
		ev.action = askEmpty // just "@Bot"; in private an empty question gets the answerer's help text
	}
	return ev
}

// parseCommand reads a bot command at the start of text: "/ask@Bot rest". The command entity must start at
// offset 0 (Telegram marks it); "/ask" typed after other text is not a command.
func parseCommand(text string, entities []models.MessageEntity) (cmd, target, rest string, ok bool) {
	isCmd := false
	for _, e := range entities {
		if e.Type == models.MessageEntityTypeBotCommand && e.Offset == 0 {
			isCmd = true
		}
	}
	if !isCmd || !strings.HasPrefix(text, "/") {
		return "", "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		head, rest = head[:i], head[i:]+" "+rest
	}
	cmd, target, _ = strings.Cut(head, "@")
	return strings.ToLower(cmd), target, rest, true
}

// stripMentions removes every @mention from text (a username is not part of a question) and reports whether one
// was of the bot. Entity offsets and lengths are UTF-16 code units, so the text is sliced as UTF-16: a mention
// after Arabic text is found.
func stripMentions(text string, entities []models.MessageEntity, me self) (string, bool) {
	units := utf16.Encode([]rune(text))
	var keep []uint16
	last := 0
	found := false
	for _, e := range entities {
		if e.Offset < last || e.Offset+e.Length > len(units) || e.Length <= 0 {
			continue
		}
		switch e.Type {
		case models.MessageEntityTypeMention:
			found = found || strings.EqualFold(string(utf16.Decode(units[e.Offset:e.Offset+e.Length])), "@"+me.username)
		case models.MessageEntityTypeTextMention:
			found = found || e.User != nil && e.User.ID == me.id
		default:
			continue
		}
		keep = append(keep, units[last:e.Offset]...)
		keep = append(keep, ' ')
		last = e.Offset + e.Length
	}
	keep = append(keep, units[last:]...)
	return string(utf16.Decode(keep)), found
}

// userLang guesses the language to speak to a sender in when the message itself has no words: Arabic for an
// Arabic Telegram interface, else English.
func userLang(m *models.Message) nlp.Lang {
	if m.Text != "" && !strings.HasPrefix(m.Text, "/") {
		return nlp.DetectLang(m.Text)
	}
	if m.From != nil && strings.HasPrefix(m.From.LanguageCode, "ar") {
		return nlp.Arabic
	}
	return nlp.English
}

func hasMedia(m *models.Message) bool {
	return m.Sticker != nil || len(m.Photo) > 0 || m.Voice != nil || m.Audio != nil || m.Video != nil ||
		m.VideoNote != nil || m.Document != nil || m.Animation != nil || m.Contact != nil || m.Location != nil ||
		m.Venue != nil || m.Poll != nil || m.Dice != nil || m.Story != nil
}

// captionAddresses reports whether a voice note's caption addresses the bot: /ask (or /ask@ItsName) or a
// mention of it. The recording is the question; the caption's words are not.
func captionAddresses(m *models.Message, me self) bool {
	if cmd, target, _, ok := parseCommand(m.Caption, m.CaptionEntities); ok {
		return cmd == "ask" && (target == "" || strings.EqualFold(target, me.username))
	}
	_, mentioned := stripMentions(m.Caption, m.CaptionEntities, me)
	return mentioned
}
