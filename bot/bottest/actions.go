package bottest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-telegram/bot/models"
)

// CommandSet is one successful setMyCommands call.
type CommandSet struct {
	Commands     []models.BotCommand
	Scope        string // scope raw JSON, "" for the default scope
	LanguageCode string
}

// MyCommands returns every successful setMyCommands call in order.
func (s *Server) MyCommands() []CommandSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CommandSet(nil), s.commands...)
}

// Description is one successful setMyDescription or setMyShortDescription call.
type Description struct {
	Short        bool   // setMyShortDescription (shown on the bot's profile and in shared links)
	Text         string // the description; "" removes the one for LanguageCode
	LanguageCode string // "" for every language without one of its own
}

// MyDescriptions returns every successful setMyDescription and setMyShortDescription call in order.
func (s *Server) MyDescriptions() []Description {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Description(nil), s.descriptions...)
}

// Telegram's limits on what a bot says about itself, counted here in UTF-16 code units like messages.
const (
	MaxDescriptionLength      = 512 // setMyDescription: the text in an empty chat ("What can this bot do?")
	MaxShortDescriptionLength = 120 // setMyShortDescription: the profile page and shared links
)

func (s *Server) setMyDescription(_ *http.Request, form url.Values) (any, *Fault) {
	return s.describe(Description{Text: form.Get("description"), LanguageCode: form.Get("language_code")})
}

func (s *Server) setMyShortDescription(_ *http.Request, form url.Values) (any, *Fault) {
	return s.describe(Description{Short: true, Text: form.Get("short_description"),
		LanguageCode: form.Get("language_code")})
}

// describe answers 400 "description is too long" past the limit (for either method), like Telegram, and
// records the rest.
func (s *Server) describe(d Description) (any, *Fault) {
	limit := MaxDescriptionLength
	if d.Short {
		limit = MaxShortDescriptionLength
	}
	if UTF16Len(d.Text) > limit {
		return nil, badRequest("description is too long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.descriptions = append(s.descriptions, d)
	s.notifyLocked()
	return true, nil
}

var chatActions = map[string]bool{"typing": true, "upload_photo": true, "record_video": true,
	"upload_video": true, "record_voice": true, "upload_voice": true, "upload_document": true,
	"choose_sticker": true, "find_location": true, "record_video_note": true, "upload_video_note": true}

func (s *Server) sendChatAction(_ *http.Request, form url.Values) (any, *Fault) {
	if _, ok := chatID(form); !ok {
		return nil, badRequest("chat not found")
	}
	if !chatActions[form.Get("action")] {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

const badQuery = "query is too old and response timeout expired or query ID is invalid"

func (s *Server) answerCallbackQuery(_ *http.Request, form url.Values) (any, *Fault) {
	if form.Get("callback_query_id") == "" {
		return nil, badRequest(badQuery)
	}
	return true, nil
}

func (s *Server) answerInlineQuery(_ *http.Request, form url.Values) (any, *Fault) {
	if form.Get("inline_query_id") == "" {
		return nil, badRequest(badQuery)
	}
	var results []json.RawMessage
	if json.Unmarshal([]byte(form.Get("results")), &results) != nil {
		return nil, badRequest("can't parse inline query results JSON object")
	}
	if len(results) > 50 {
		return nil, badRequest("RESULTS_TOO_MUCH")
	}
	return true, nil
}

func (s *Server) setMyCommands(_ *http.Request, form url.Values) (any, *Fault) {
	set := CommandSet{LanguageCode: form.Get("language_code")}
	if json.Unmarshal([]byte(form.Get("commands")), &set.Commands) != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(set.Commands) > 100 {
		return nil, badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	for _, c := range set.Commands {
		if !validCommand(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if d := strings.TrimSpace(c.Description); d == "" || UTF16Len(d) > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	if raw := form.Get("scope"); raw != "" {
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(raw)); err != nil {
			return nil, badRequest(fmt.Sprintf("can't parse BotCommandScope JSON object: %v", err))
		}
		set.Scope = b.String()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands = append(s.commands, set)
	return true, nil
}

func validCommand(c string) bool {
	if c == "" || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
