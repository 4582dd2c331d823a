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
