package bottest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
)

type queued struct {
	u    models.Update
	kind string // the update's field name, e.g. "message"
}

// Types Telegram leaves out unless allowed_updates names them explicitly.
var notByDefault = map[string]bool{"chat_member": true, "message_reaction": true, "message_reaction_count": true}

// Push queues update for getUpdates and wakes waiting long polls. An update_id of 0 is replaced by the next
// id in sequence; the id used is returned. Messages in the update become known to the server, so the bot may
// reply to them (replying to unknown messages fails like on Telegram). Updates pushed while a webhook is set
// just stay queued (getUpdates answers 409 then); use PostUpdate to deliver to a webhook.
func (s *Server) Push(update models.Update) int64 {
	kind := updateKind(update)
	s.mu.Lock()
	defer s.mu.Unlock()
	update.ID = s.updateIDLocked(update.ID)
	s.rememberLocked(&update)
	s.queue = append(s.queue, queued{update, kind})
	s.notifyLocked()
	return update.ID
}

// Pending is the number of queued updates not yet confirmed by a getUpdates offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

func (s *Server) updateIDLocked(id int64) int64 {
	if id == 0 {
		s.updSeq++
		return s.updSeq
	}
	s.updSeq = max(s.updSeq, id)
	return id
}

// rememberLocked records the chats and messages an incoming update carries.
func (s *Server) rememberLocked(u *models.Update) {
	msgs := []*models.Message{u.Message, u.EditedMessage, u.ChannelPost, u.BusinessMessage, nil}
	if u.CallbackQuery != nil {
		msgs[len(msgs)-1] = u.CallbackQuery.Message.Message // carries the bot's inline keyboard
	}
	for i, m := range msgs {
		if m == nil {
			continue
		}
		if m.Chat.Type != "" {
			s.chats[m.Chat.ID] = m.Chat.Type
		}
		k := msgKey{m.Chat.ID, m.ID}
		if s.messages[k] == nil {
			fromBot := i == len(msgs)-1 || m.From != nil && m.From.ID == s.me.ID
			s.messages[k] = &storedMessage{text: m.Text, fromBot: fromBot}
		}
	}
}

func updateKind(u models.Update) string {
	b, _ := json.Marshal(u)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	for k := range m {
		if k != "update_id" {
			return k
		}
	}
	return ""
}

func (s *Server) allowedLocked(kind string) bool {
	if len(s.allowed) == 0 {
		return !notByDefault[kind]
	}
	for _, a := range s.allowed {
		if a == kind {
			return true
		}
	}
	return false
}

func parseAllowed(raw string) ([]string, *Fault) {
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, badRequest("can't parse allowed updates JSON object")
	}
	return list, nil
}

// getUpdates answers long polls: confirms updates below offset, then returns up to limit queued updates,
// waiting up to timeout seconds for the first one. A newer getUpdates ends an older one with 409 Conflict.
func (s *Server) getUpdates(r *http.Request, form url.Values) (any, *Fault) {
	offset, _ := strconv.ParseInt(form.Get("offset"), 10, 64)
	limit, err := strconv.Atoi(form.Get("limit"))
	if err != nil || limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(form.Get("timeout"))
	var allowed []string
	if raw := form.Get("allowed_updates"); raw != "" {
		var f *Fault
		if allowed, f = parseAllowed(raw); f != nil {
			return nil, f
		}
	}
	timer := time.NewTimer(time.Duration(max(timeout, 0)) * time.Second)
	defer timer.Stop()

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		return nil, &Fault{Status: http.StatusConflict,
			Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if form.Has("allowed_updates") {
		s.allowed = allowed
	}
	s.pollGen++
	gen := s.pollGen
	s.notifyLocked() // an older poll sees the new generation and ends with 409
	for {
		out, ch := s.takeUpdatesLocked(offset, limit), s.changed
		if s.pollGen != gen {
			s.mu.Unlock()
			f := Conflict
			return nil, &f
		}
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			return out, nil
		}
		select {
		case <-ch:
		case <-timer.C:
			return []models.Update{}, nil
		case <-r.Context().Done():
			return []models.Update{}, nil
		case <-s.done:
			return []models.Update{}, nil
		}
		s.mu.Lock()
	}
}

// takeUpdatesLocked drops confirmed and unwanted updates and returns up to limit of the rest.
func (s *Server) takeUpdatesLocked(offset int64, limit int) []models.Update {
	if offset < 0 && int64(len(s.queue)) > -offset {
		s.queue = s.queue[len(s.queue)+int(offset):]
	}
	keep := s.queue[:0]
	for _, q := range s.queue {
		if q.u.ID >= offset && s.allowedLocked(q.kind) {
			keep = append(keep, q)
		}
	}
	clear(s.queue[len(keep):])
	s.queue = keep
	out := []models.Update{}
	for _, q := range s.queue[:min(limit, len(s.queue))] {
		out = append(out, q.u)
	}
	return out
}

// WebhookState is the webhook configuration recorded from setWebhook.
type WebhookState struct {
	URL            string   // "" when no webhook is set
	SecretToken    string   // secret_token, sent back in X-Telegram-Bot-Api-Secret-Token
	AllowedUpdates []string // allowed_updates, nil when not given
	MaxConnections int      // max_connections, 0 when not given
	// LastErrorDate and LastErrorMessage are Telegram's last failure to deliver (see FailDelivery).
	LastErrorDate    time.Time
	LastErrorMessage string
}

// FailDelivery records, as Telegram does when it cannot reach a webhook, a delivery error now: getWebhookInfo
// reports it as last_error_date/last_error_message. Queue an update (Push) for pending_update_count.
func (s *Server) FailDelivery(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook.LastErrorDate, s.webhook.LastErrorMessage = time.Now(), message
}

// Webhook returns the current webhook configuration.
func (s *Server) Webhook() WebhookState {
	s.mu.Lock()
	defer s.mu.Unlock()
	wh := s.webhook
	wh.AllowedUpdates = slices.Clone(wh.AllowedUpdates)
	return wh
}

func (s *Server) setWebhook(_ *http.Request, form url.Values) (any, *Fault) {
	wh := WebhookState{URL: form.Get("url"), SecretToken: form.Get("secret_token")}
	wh.MaxConnections, _ = strconv.Atoi(form.Get("max_connections"))
	if raw := form.Get("allowed_updates"); raw != "" {
		var f *Fault
		if wh.AllowedUpdates, f = parseAllowed(raw); f != nil {
			return nil, f
		}
	}
	if len(wh.SecretToken) > 256 || !isSecretToken(wh.SecretToken) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = wh
	if form.Has("allowed_updates") {
		s.allowed = wh.AllowedUpdates
	}
	if form.Get("drop_pending_updates") == "true" {
		s.queue = nil
	}
	s.pollGen++ // a webhook ends pending long polls
	s.notifyLocked()
	return true, nil
}

func isSecretToken(t string) bool {
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func (s *Server) deleteWebhook(_ *http.Request, form url.Values) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = WebhookState{}
	if form.Get("drop_pending_updates") == "true" {
		s.queue = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(_ *http.Request, _ url.Values) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := models.WebhookInfo{URL: s.webhook.URL, PendingUpdateCount: len(s.queue),
		MaxConnections: s.webhook.MaxConnections, AllowedUpdates: s.webhook.AllowedUpdates,
		LastErrorMessage: s.webhook.LastErrorMessage}
	if !s.webhook.LastErrorDate.IsZero() {
		info.LastErrorDate = int(s.webhook.LastErrorDate.Unix())
	}
	return info, nil
}

// webhookClient gives up like Telegram does when a webhook does not answer.
var webhookClient = &http.Client{Timeout: 60 * time.Second}

// PostUpdate delivers update to a bot's webhook the way Telegram does: a JSON POST to webhookURL carrying the header
// X-Telegram-Bot-Api-Secret-Token when secret is not "" (see Webhook for the registered values). An update_id of 0 is assigned from the server's
// sequence, and the update's messages become known to the server as with Push. The caller closes the body.
func (s *Server) PostUpdate(webhookURL, secret string, update models.Update) (*http.Response, error) {
	s.mu.Lock()
	update.ID = s.updateIDLocked(update.ID)
	s.rememberLocked(&update)
	s.mu.Unlock()
	body, err := json.Marshal(update)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, webhookURL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	return webhookClient.Do(req)
}
