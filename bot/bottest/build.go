package bottest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"
)

// User returns the Telegram user the update builders use as sender: a human named "User<id>".
func User(id int64) models.User {
	return models.User{ID: id, FirstName: "User" + strconv.FormatInt(id, 10), Username: "user" + strconv.FormatInt(id, 10)}
}

func newMessage(chat models.Chat, userID int64, text string, entities []models.MessageEntity) *models.Message {
	from := User(userID)
	return &models.Message{ID: int(msgSeq.Add(1)), From: &from, Date: int(time.Now().Unix()), Chat: chat,
		Text: text, Entities: entities}
}

// PrivateText builds a "message" update with text from user userID in the private chat chatID. Like Telegram,
// it marks a leading /command with a bot_command entity. Message ids increase and never collide with the ids
// of messages the server sends; the date is now.
func PrivateText(chatID, userID int64, text string) models.Update {
	u := User(userID)
	chat := models.Chat{ID: chatID, Type: models.ChatTypePrivate, FirstName: u.FirstName, Username: u.Username}
	var entities []models.MessageEntity
	if strings.HasPrefix(text, "/") && len(text) > 1 {
		entities = append(entities, Command(text))
	}
	return models.Update{Message: newMessage(chat, userID, text, entities)}
}

// GroupText builds a "message" update with text from user userID in the supergroup chatID, carrying exactly
// the given entities (see Mention and Command). Message ids and dates are as for PrivateText.
func GroupText(chatID, userID int64, text string, entities ...models.MessageEntity) models.Update {
	chat := models.Chat{ID: chatID, Type: models.ChatTypeSupergroup, Title: "Test Group " + strconv.FormatInt(chatID, 10)}
	return models.Update{Message: newMessage(chat, userID, text, entities)}
}

// CallbackQuery builds a "callback_query" update: user userID pressed an inline button carrying data under the
// message messageID in chat chatID (private when chatID > 0, supergroup otherwise).
func CallbackQuery(chatID, userID int64, messageID int, data string) models.Update {
	chat := models.Chat{ID: chatID, Type: models.ChatTypePrivate}
	if chatID < 0 {
		chat.Type = models.ChatTypeSupergroup
	}
	q := &models.CallbackQuery{ID: strconv.FormatInt(msgSeq.Add(1), 10), From: User(userID), Data: data,
		ChatInstance: strconv.FormatInt(chatID, 10),
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: messageID, Chat: chat, Date: int(time.Now().Unix())}}}
	return models.Update{CallbackQuery: q}
}

// Mention returns a "mention" entity for the first occurrence of mention (e.g. "@CcaTestBot") in text, with
// offset and length in UTF-16 code units. It panics if text does not contain mention.
func Mention(text, mention string) models.MessageEntity {
	i := strings.Index(text, mention)
	if i < 0 || mention == "" {
		panic(fmt.Sprintf("bottest.Mention: %q not in %q", mention, text))
	}
	return models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: UTF16Len(text[:i]),
		Length: UTF16Len(mention)}
}

// Command returns the "bot_command" entity for the command (e.g. "/ask" or "/ask@CcaTestBot") that starts
// text, up to the first whitespace, with its length in UTF-16 code units. It panics if text does not start
// with '/'.
func Command(text string) models.MessageEntity {
	if !strings.HasPrefix(text, "/") {
		panic(fmt.Sprintf("bottest.Command: %q does not start with '/'", text))
	}
	cmd := text
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		cmd = text[:i]
	}
	return models.MessageEntity{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: UTF16Len(cmd)}
}

// Telegram's stand-in senders: an anonymous group admin's messages come "from" GroupAnonymousBot with the group
// as sender_chat, and a member posting "as channel" comes "from" Channel_Bot with the channel as sender_chat.
// Both users are bots, though a person wrote the message.
var (
	GroupAnonymousBot = models.User{ID: 1087968824, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}
	ChannelBot        = models.User{ID: 136817688, IsBot: true, FirstName: "Channel", Username: "Channel_Bot"}
)

// AnonymousAdmin turns a group update into one sent by an anonymous admin of that group, as Telegram sends it.
func AnonymousAdmin(u models.Update) models.Update {
	from := GroupAnonymousBot
	u.Message.From, u.Message.SenderChat = &from, &models.Chat{ID: u.Message.Chat.ID, Type: u.Message.Chat.Type,
		Title: u.Message.Chat.Title}
	return u
}

// AsChannel turns a group update into one a member sent "as" the channel channelID, as Telegram sends it.
func AsChannel(u models.Update, channelID int64) models.Update {
	from := ChannelBot
	u.Message.From, u.Message.SenderChat = &from, &models.Chat{ID: channelID, Type: models.ChatTypeChannel,
		Title: "Channel " + strconv.FormatInt(channelID, 10)}
	return u
}
