package bottest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// MaxMessageLength is Telegram's limit on the visible text of a message, in UTF-16 code units.
const MaxMessageLength = 4096

// msgSeq numbers every message the package creates, incoming or sent, so ids never collide within a chat.
var msgSeq atomic.Int64

type msgKey struct {
	chat int64
	id   int
}

type storedMessage struct {
	text, sig, markup string // visible text, formatting signature, compact reply_markup JSON
	fromBot           bool
}

// SentMessage is a successful sendMessage (or, from Edits, editMessageText) call.
type SentMessage struct {
	ChatID          int64     // chat_id (0 for edits of inline messages)
	MessageThreadID int       // message_thread_id, 0 if absent
	Text            string    // text exactly as sent, markup included
	Plain           string    // visible text after parsing parse_mode
	ParseMode       string    // parse_mode as sent
	ReplyTo         int       // reply_parameters.message_id, 0 if absent
	ReplyMarkup     string    // reply_markup raw JSON, "" if absent
	Time            time.Time // when the server accepted the message (after any WithLatency delay)
	MessageID       int       // message_id assigned by the server (or edited)
}

// Sent returns the successful sendMessage calls in the order they were answered.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.sent...)
}

// Edits returns the successful editMessageText calls in the order they were answered.
func (s *Server) Edits() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.edits...)
}

// WaitSent waits until at least n sendMessage calls have succeeded and returns all sent messages. It fails the
// test if that does not happen within timeout.
func (s *Server) WaitSent(t testing.TB, n int, timeout time.Duration) []SentMessage {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return len(s.sent) >= n }) {
		var texts []string
		for _, m := range s.Sent() {
			texts = append(texts, strconv.Quote(m.Plain))
		}
		t.Fatalf("bottest: waited %v for %d sent messages, got %d: [%s]", timeout, n, len(texts),
			strings.Join(texts, ", "))
	}
	return s.Sent()
}

func chatID(form url.Values) (int64, bool) {
	id, err := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	return id, err == nil && id != 0
}

func (s *Server) chatLocked(id int64) models.Chat {
	typ, ok := s.chats[id]
	switch {
	case ok:
	case id > 0:
		typ = models.ChatTypePrivate
	case id <= -1000000000000:
		typ = models.ChatTypeSupergroup
	default:
		typ = models.ChatTypeGroup
	}
	return models.Chat{ID: id, Type: typ}
}

// checkText validates text the way sendMessage and editMessageText do and returns its visible form.
func checkText(form url.Values) (visible, sig, markup string, f *Fault) {
	text := form.Get("text")
	if text == "" {
		return "", "", "", badRequest("message text is empty")
	}
	if visible, sig, f = parseText(text, form.Get("parse_mode")); f != nil {
		return "", "", "", f
	}
	if strings.TrimSpace(visible) == "" {
		return "", "", "", badRequest("message text is empty")
	}
	if UTF16Len(visible) > MaxMessageLength {
		return "", "", "", badRequest("message is too long")
	}
	if raw := form.Get("reply_markup"); raw != "" {
		var b bytes.Buffer
		if json.Compact(&b, []byte(raw)) != nil || raw[0] != '{' {
			return "", "", "", badRequest("can't parse reply keyboard markup JSON object")
		}
		markup = b.String()
	}
	return visible, sig, markup, nil
}

func (s *Server) sendMessage(r *http.Request, form url.Values) (any, *Fault) {
	now := time.Now()
	chat, ok := chatID(form)
	if !ok {
		return nil, badRequest("chat not found")
	}
	visible, sig, markup, f := checkText(form)
	if f != nil {
		return nil, f
	}
	var reply struct {
		MessageID                int             `json:"message_id"`
		ChatID                   json.RawMessage `json:"chat_id"`
		AllowSendingWithoutReply bool            `json:"allow_sending_without_reply"`
	}
	replyChat := chat
	if raw := form.Get("reply_parameters"); raw != "" {
		if json.Unmarshal([]byte(raw), &reply) != nil {
			return nil, badRequest("can't parse reply parameters JSON object")
		}
		if id, err := strconv.ParseInt(strings.Trim(string(reply.ChatID), `"`), 10, 64); err == nil {
			replyChat = id
		}
	}
	thread, _ := strconv.Atoi(form.Get("message_thread_id"))

	s.mu.Lock()
	defer s.mu.Unlock()
	replied := s.messages[msgKey{replyChat, reply.MessageID}]
	if reply.MessageID != 0 && replied == nil && !reply.AllowSendingWithoutReply {
		return nil, badRequest("message to be replied not found")
	}
	if s.flood != nil && !s.flood.allow(chat, now) {
		s.floodHits++
		f := TooManyRequests(1)
		return nil, &f
	}
	id := int(msgSeq.Add(1))
	s.messages[msgKey{chat, id}] = &storedMessage{text: visible, sig: sig, markup: markup, fromBot: true}
	s.sent = append(s.sent, SentMessage{ChatID: chat, MessageThreadID: thread, Text: form.Get("text"),
		Plain: visible, ParseMode: form.Get("parse_mode"), ReplyTo: reply.MessageID, ReplyMarkup: markup,
		Time: now, MessageID: id})
	s.notifyLocked()
	me := s.me
	msg := models.Message{ID: id, MessageThreadID: thread, From: &me, Date: int(now.Unix()),
		Chat: s.chatLocked(chat), Text: visible}
	if replied != nil && replyChat == chat {
		msg.ReplyToMessage = &models.Message{ID: reply.MessageID, Chat: msg.Chat, Text: replied.text}
	}
	return msg, nil
}

func (s *Server) editMessageText(r *http.Request, form url.Values) (any, *Fault) {
	now := time.Now()
	visible, sig, markup, f := checkText(form)
	if f != nil {
		return nil, f
	}
	edit := SentMessage{Text: form.Get("text"), Plain: visible, ParseMode: form.Get("parse_mode"),
		ReplyMarkup: markup, Time: now}
	if form.Get("inline_message_id") != "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.edits = append(s.edits, edit)
		return true, nil
	}
	key, f := messageOf(form)
	if f != nil {
		return nil, f
	}
	chat, id := key.chat, key.id
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messages[msgKey{chat, id}]
	switch {
	case m == nil:
		return nil, badRequest("message to edit not found")
	case !m.fromBot:
		return nil, badRequest("message can't be edited")
	case m.text == visible && m.sig == sig && m.markup == markup:
		return nil, badRequest("message is not modified: specified new message content and reply markup are " +
			"exactly the same as a current content and reply markup of a message")
	}
	m.text, m.sig, m.markup = visible, sig, markup
	edit.ChatID, edit.MessageID = chat, id
	s.edits = append(s.edits, edit)
	s.notifyLocked()
	me := s.me
	return models.Message{ID: id, From: &me, Date: int(now.Unix()), EditDate: int(now.Unix()),
		Chat: s.chatLocked(chat), Text: visible}, nil
}

// deleteMessage removes a message like Telegram: 400 "message to delete not found" for an unknown one.
func (s *Server) deleteMessage(_ *http.Request, form url.Values) (any, *Fault) {
	key, f := messageOf(form)
	if f != nil {
		return nil, f
	}
	chat, id := key.chat, key.id
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.messages[msgKey{chat, id}] == nil {
		return nil, badRequest("message to delete not found")
	}
	delete(s.messages, msgKey{chat, id})
	s.notifyLocked()
	return true, nil
}

// Visible returns the texts of the bot's messages a chat shows now (sent, as last edited, not deleted), oldest
// first.
func (s *Server) Visible(chatID int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int
	for k, m := range s.messages {
		if k.chat == chatID && m.fromBot {
			ids = append(ids, k.id)
		}
	}
	sort.Ints(ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = s.messages[msgKey{chatID, id}].text
	}
	return out
}

// messageOf reads the chat_id and message_id a method names, answering like Telegram when either is missing.
func messageOf(form url.Values) (msgKey, *Fault) {
	chat, ok := chatID(form)
	if !ok {
		return msgKey{}, badRequest("chat not found")
	}
	id, err := strconv.Atoi(form.Get("message_id"))
	if err != nil || id <= 0 {
		return msgKey{}, badRequest("message identifier is not specified")
	}
	return msgKey{chat, id}, nil
}
