package bot

import (
	"testing"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

var testMe = self{id: 42, username: "CcaBot"}

func ent(typ models.MessageEntityType, text, sub string) models.MessageEntity {
	units := utf16.Encode([]rune(text))
	s := utf16.Encode([]rune(sub))
	for i := 0; i+len(s) <= len(units); i++ {
		match := true
		for j := range s {
			if units[i+j] != s[j] {
				match = false
				break
			}
		}
		if match {
			return models.MessageEntity{Type: typ, Offset: i, Length: len(s)}
		}
	}
	panic("no " + sub + " in " + text)
}

func msg(chat models.ChatType, text string, entities ...models.MessageEntity) *models.Message {
	id := int64(7)
	if chat != models.ChatTypePrivate {
		id = -100
	}
	return &models.Message{ID: 1, Chat: models.Chat{ID: id, Type: chat}, From: &models.User{ID: 9}, Text: text,
		Entities: entities}
}

func TestClassify(t *testing.T) {
	group := models.ChatTypeSupergroup
	arabicMention := "سؤال عن الأمانة @CcaBot من يرأسها؟"
	tests := []struct {
		name   string
		m      *models.Message
		action action
		cmd    string
		text   string
	}{
		{"private text", msg(models.ChatTypePrivate, "who heads the secretariat?"), question, "", "who heads the secretariat?"},
		{"group chatter", msg(group, "who heads the secretariat?"), ignore, "", ""},
		{"group mention", msg(group, "@CcaBot who heads it?", ent(models.MessageEntityTypeMention, "@CcaBot who heads it?", "@CcaBot")), question, "", "who heads it?"},
		{"mention after Arabic", msg(group, arabicMention, ent(models.MessageEntityTypeMention, arabicMention, "@CcaBot")), question, "", "سؤال عن الأمانة   من يرأسها؟"},
		{"mention of someone else", msg(group, "@alice who heads it?", ent(models.MessageEntityTypeMention, "@alice who heads it?", "@alice")), ignore, "", ""},
		{"/ask", msg(group, "/ask who heads it?", ent(models.MessageEntityTypeBotCommand, "/ask who heads it?", "/ask")), question, "", "who heads it?"},
		{"/ask@CcaBot", msg(group, "/ask@CcaBot who?", ent(models.MessageEntityTypeBotCommand, "/ask@CcaBot who?", "/ask@CcaBot")), question, "", "who?"},
		{"/ask@ccabot any case", msg(group, "/ask@ccabot who?", ent(models.MessageEntityTypeBotCommand, "/ask@ccabot who?", "/ask@ccabot")), question, "", "who?"},
		{"/ask@OtherBot", msg(group, "/ask@OtherBot who?", ent(models.MessageEntityTypeBotCommand, "/ask@OtherBot who?", "/ask@OtherBot")), ignore, "", ""},
		{"/ask alone", msg(group, "/ask", ent(models.MessageEntityTypeBotCommand, "/ask", "/ask")), askEmpty, "", ""},
		{"mention alone", msg(group, "@CcaBot", ent(models.MessageEntityTypeMention, "@CcaBot", "@CcaBot")), askEmpty, "", ""},
		{"/start", msg(models.ChatTypePrivate, "/start", ent(models.MessageEntityTypeBotCommand, "/start", "/start")), command, "start", ""},
		{"/help@CcaBot in group", msg(group, "/help@CcaBot", ent(models.MessageEntityTypeBotCommand, "/help@CcaBot", "/help@CcaBot")), command, "help", ""},
		{"unknown command private", msg(models.ChatTypePrivate, "/weather", ent(models.MessageEntityTypeBotCommand, "/weather", "/weather")), command, "unknown", ""},
		{"unknown command group", msg(group, "/weather", ent(models.MessageEntityTypeBotCommand, "/weather", "/weather")), ignore, "", ""},
		{"slash without entity", msg(models.ChatTypePrivate, "/not a command"), question, "", "/not a command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := classify(tt.m, testMe)
			if ev.action != tt.action || ev.cmd != tt.cmd || ev.text != tt.text {
				t.Errorf("classify = action %d cmd %q text %q; want %d %q %q", ev.action, ev.cmd, ev.text, tt.action, tt.cmd, tt.text)
			}
		})
	}
}

func TestClassifyRepliesTopicsAndMedia(t *testing.T) {
	reply := msg(models.ChatTypeSupergroup, "and the tajik one?")
	reply.ReplyToMessage = &models.Message{ID: 77, From: &models.User{ID: testMe.id}}
	if ev := classify(reply, testMe); ev.action != question || ev.replyTo != 77 {
		t.Errorf("reply to the bot = %+v, want a question continuing message 77", ev)
	}
	topic := msg(models.ChatTypeSupergroup, "@CcaBot hi", ent(models.MessageEntityTypeMention, "@CcaBot hi", "@CcaBot"))
	topic.IsTopicMessage, topic.MessageThreadID = true, 15
	if ev := classify(topic, testMe); ev.thread != 15 {
		t.Errorf("forum topic thread = %d, want 15", ev.thread)
	}
	general := msg(models.ChatTypeSupergroup, "@CcaBot hi", ent(models.MessageEntityTypeMention, "@CcaBot hi", "@CcaBot"))
	general.IsTopicMessage, general.MessageThreadID = true, 1
	if ev := classify(general, testMe); ev.thread != 0 {
		t.Errorf("General topic thread = %d, want 0 (never thread id 1)", ev.thread)
	}
	sticker := msg(models.ChatTypePrivate, "")
	sticker.Sticker = &models.Sticker{}
	if ev := classify(sticker, testMe); ev.action != nonText {
		t.Errorf("private sticker = %d, want nonText", ev.action)
	}
	groupPhoto := msg(models.ChatTypeGroup, "")
	groupPhoto.Photo, groupPhoto.Caption = []models.PhotoSize{{}}, "/ask@CcaBot who?"
	if ev := classify(groupPhoto, testMe); ev.action != ignore {
		t.Errorf("group photo = %d, want silence", ev.action)
	}
}
