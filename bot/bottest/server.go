// Package bottest is an in-process fake of the Telegram Bot API for tests. It serves the HTTP protocol that
// github.com/go-telegram/bot speaks (POST /bot<token>/<method>, multipart form in, {"ok":...} JSON out),
// validates messages the way Telegram does (HTML and MarkdownV2 parsing, the 4096 UTF-16 unit limit, "message
// is not modified"), queues updates for long polling, posts updates to webhooks, records every call for
// assertions and injects faults (429 with retry_after, 5xx HTML pages, 403, 409, group migration).
//
// Typical use:
//
//	s := bottest.New(t)
//	b, _ := bot.New(s.Token(), bot.WithServerURL(s.URL()))
//	s.Push(bottest.PrivateText(42, 42, "hello"))
//	sent := s.WaitSent(t, 1, 5*time.Second)
package bottest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// Server is a fake Telegram Bot API server. All methods are safe for concurrent use.
type Server struct {
	srv        *httptest.Server
	token      string
	me         models.User
	latency    time.Duration
	latencyFor map[string]bool // lower-case method names WithLatency applies to; empty: all but getUpdates
	done       chan struct{}   // closed when the server shuts down; wakes long polls and latency sleeps

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever state changes (calls, sends, updates)
	calls    []Call
	sent     []SentMessage
	edits    []SentMessage
	messages map[msgKey]*storedMessage
	chats    map[int64]models.ChatType

	queue    []queued
	updSeq   int64
	allowed  []string // allowed_updates of the last getUpdates/setWebhook that set it; nil = default
	pollGen  int64
	webhook  WebhookState
	commands []CommandSet
	// descriptions are the setMyDescription and setMyShortDescription calls that succeeded.
	descriptions []Description

	files map[string]storedFile // file_id → file, for getFile and downloads

	faults    map[string][]Fault
	faultFunc func(method string, form url.Values) *Fault
	flood     *floodState
	floodHits int
}

// Option configures a Server in New.
type Option func(*Server)

// WithBot sets the bot account answered by getMe and used as the sender of sent messages. The default is
// id 123456, username "CcaTestBot", can_read_all_group_messages false. The token becomes "<id>:" + TokenSecret.
func WithBot(id int64, username string, canReadAllGroupMessages bool) Option {
	return func(s *Server) {
		s.me.ID, s.me.Username, s.me.CanReadAllGroupMessages = id, username, canReadAllGroupMessages
	}
}

// WithLatency delays the answer to the methods named by d (method names as Telegram spells them, e.g.
// "sendMessage"), or, when none is named, to every method except getUpdates.
func WithLatency(d time.Duration, methods ...string) Option {
	return func(s *Server) {
		s.latency = d
		s.latencyFor = map[string]bool{}
		for _, m := range methods {
			s.latencyFor[strings.ToLower(m)] = true
		}
	}
}

// WithFloodLimits makes sendMessage answer 429 (retry_after 1) when a chat gets more than one message per
// second (bursts of 3 allowed), a group (negative chat id) more than 20 per minute, or all chats together more
// than 30 per second. FloodViolations counts these answers.
func WithFloodLimits() Option { return func(s *Server) { s.flood = newFloodState() } }

// Call is one request the server received and routed to a method.
type Call struct {
	Method      string            // method name as routed, e.g. "sendMessage"
	Params      map[string]string // every form field, JSON-valued fields as their raw JSON text
	Time        time.Time         // when the request arrived
	Status      int               // HTTP status of the answer; 0 while in progress, -1 if the connection was dropped
	Description string            // error description of a failed call, "" on success
}

// New starts a fake Bot API server that is shut down when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		me: models.User{ID: 123456, IsBot: true, FirstName: "CCA Test Bot", Username: "CcaTestBot",
			CanJoinGroups: true},
		done:     make(chan struct{}),
		changed:  make(chan struct{}),
		messages: make(map[msgKey]*storedMessage),
		chats:    make(map[int64]models.ChatType),
		faults:   make(map[string][]Fault),
		files:    make(map[string]storedFile),
	}
	for _, o := range opts {
		o(s)
	}
	s.token = strconv.FormatInt(s.me.ID, 10) + ":" + TokenSecret
	s.srv = httptest.NewServer(s)
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// TokenSecret is the part of the server's token after the colon: 35 characters, the shape of a real token's,
// so the token passes the configuration's format check.
const TokenSecret = "TEST-token-abcdefghijklmnopqrstuvwx"

// URL is the base URL to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.srv.URL }

// Token is the only bot token the server accepts; others get 401 Unauthorized.
func (s *Server) Token() string { return s.token }

// Me returns the bot account the server answers getMe with.
func (s *Server) Me() models.User { return s.me }

type handler func(s *Server, r *http.Request, form url.Values) (any, *Fault)

type endpoint struct {
	name string
	h    handler
}

var methods = map[string]endpoint{}

func route(name string, h handler) { methods[strings.ToLower(name)] = endpoint{name, h} }

func init() {
	route("getMe", func(s *Server, _ *http.Request, _ url.Values) (any, *Fault) { return s.me, nil })
	route("getUpdates", (*Server).getUpdates)
	route("setWebhook", (*Server).setWebhook)
	route("deleteWebhook", (*Server).deleteWebhook)
	route("getWebhookInfo", (*Server).getWebhookInfo)
	route("setMyCommands", (*Server).setMyCommands)
	route("setMyDescription", (*Server).setMyDescription)
	route("setMyShortDescription", (*Server).setMyShortDescription)
	route("sendMessage", (*Server).sendMessage)
	route("editMessageText", (*Server).editMessageText)
	route("deleteMessage", (*Server).deleteMessage)
	route("getFile", (*Server).getFile)
	route("sendChatAction", (*Server).sendChatAction)
	route("answerCallbackQuery", (*Server).answerCallbackQuery)
	route("answerInlineQuery", (*Server).answerInlineQuery)
}

// ServeHTTP implements the Bot API endpoint /bot<token>/<method>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if file, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, r, file)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeFault(w, &Fault{Status: http.StatusNotFound, Description: "Not Found"})
		return
	}
	if token != s.token {
		writeFault(w, &Fault{Status: http.StatusUnauthorized, Description: "Unauthorized"})
		return
	}
	received := time.Now()
	form, err := parseForm(r)
	if err != nil {
		writeFault(w, badRequest("can't parse request: "+err.Error()))
		return
	}
	m, known := methods[strings.ToLower(method)]
	if known {
		method = m.name
	}
	idx := s.record(Call{Method: method, Params: flatten(form), Time: received})
	var result any
	var f *Fault
	switch {
	case !known:
		f = &Fault{Status: http.StatusNotFound, Description: "Not Found"}
	default:
		if s.latency > 0 && (len(s.latencyFor) == 0 && method != "getUpdates" || s.latencyFor[strings.ToLower(method)]) {
			s.sleep(r, s.latency)
		}
		if f = s.takeFault(method, form); f == nil {
			result, f = m.h(s, r, form)
		}
	}
	if f != nil {
		s.finish(idx, f.status(), f.Description)
		writeFault(w, f)
		return
	}
	body, err := json.Marshal(map[string]any{"ok": true, "result": result})
	if err != nil {
		panic(fmt.Sprintf("bottest: marshal %s result: %v", method, err))
	}
	s.finish(idx, http.StatusOK, "")
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// Calls returns the recorded calls of method in arrival order, or of every method when method is "".
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits until at least n calls of method ("" = any) have arrived and returns them all (calls still
// in progress, such as a waiting long poll, have Status 0); it fails the test after timeout.
func (s *Server) WaitCalls(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	var out []Call
	ok := s.waitFor(timeout, func() bool {
		out = out[:0]
		for _, c := range s.calls {
			if method == "" || c.Method == method {
				out = append(out, c)
			}
		}
		return len(out) >= n
	})
	if !ok {
		t.Fatalf("bottest: waited %v for %d %q calls, got %d", timeout, n, method, len(out))
	}
	return out
}

// WaitPolls waits until n getUpdates calls in all have begun to wait for updates (each newer one ending the
// one before it with 409 Conflict); it fails the test after timeout.
func (s *Server) WaitPolls(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return s.pollGen >= int64(n) }) {
		t.Fatalf("bottest: waited %v for %d long polls", timeout, n)
	}
}

// waitFor evaluates cond under the lock whenever the state changes, until it holds or timeout passes.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		ok, ch := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-timer.C:
			s.mu.Lock()
			defer s.mu.Unlock()
			return cond()
		}
	}
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) record(c Call) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.notifyLocked()
	return len(s.calls) - 1
}

func (s *Server) finish(idx, status int, desc string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[idx].Status, s.calls[idx].Description = status, desc
	s.notifyLocked()
}

// sleep waits d, or less if the request ends or the server shuts down.
func (s *Server) sleep(r *http.Request, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	case <-s.done:
	}
}

func flatten(form url.Values) map[string]string {
	m := make(map[string]string, len(form))
	for k, v := range form {
		if len(v) > 0 {
			m[k] = v[0]
		}
	}
	return m
}
