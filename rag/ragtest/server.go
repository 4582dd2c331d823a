// Package ragtest provides an in-process fake of an OpenAI-compatible HTTP API
// (the dialect served by OpenAI, Ollama's /v1, vLLM and the llama.cpp server)
// for tests of code that talks to such a server, for example through
// github.com/sashabaranov/go-openai.
//
// The fake serves, under the "/v1" prefix:
//
//   - POST /v1/chat/completions (plain JSON and server-sent-event streaming),
//   - POST /v1/embeddings (deterministic vectors, see [Vector]),
//   - POST /v1/audio/transcriptions (multipart uploads, heard by a [Transcriber]),
//   - GET /v1/models and GET /v1/models/{id}.
//
// Every answer is deterministic: chat replies come from a [Responder], token
// counts follow [CountTokens] and vectors follow [Vector]. Failures of real
// deployments (rate limits, 5xx, HTML error pages from proxies, hung
// connections, cut streams, Ollama and vLLM error shapes) can be injected
// with [Server.FailNext] and [Server.SetFaultFunc].
//
// Each request is handled in this order: it is recorded (see
// [Server.Requests]), the latency set with [WithLatency] elapses, the API key
// is checked, the route and method are checked, an injected fault (if any)
// is applied, and finally the request is decoded, validated and answered.
package ragtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultKey is the API key a [Server] accepts unless [WithKey] says otherwise.
const DefaultKey = "sk-test"

// Endpoint names used by [Server.FailNext] and [Server.SetFaultFunc].
const (
	EndpointChat       = "chat"       // POST /v1/chat/completions
	EndpointEmbeddings = "embeddings" // POST /v1/embeddings
	EndpointModels     = "models"     // GET /v1/models and /v1/models/{id}
	// EndpointTranscriptions is POST /v1/audio/transcriptions (multipart).
	EndpointTranscriptions = "transcriptions"
)

// Server is a fake OpenAI-compatible API server backed by httptest.
// All of its methods are safe for concurrent use.
type Server struct {
	ts        *httptest.Server
	done      chan struct{}
	closeOnce sync.Once

	// Set by options before the server starts; read-only afterwards.
	key          string
	chatModels   []string
	embedModels  []string
	embedDim     int
	chunkDelay   time.Duration
	chunkWords   int
	noTokenLimit bool

	mu          sync.Mutex
	responder   Responder
	transcriber Transcriber
	latency     time.Duration
	queue       []queuedFault
	faultFunc   func(endpoint string) *Fault
	requests    []Request
	embedded    int
	seq         int
}

// New starts a fake server; it is closed by t.Cleanup.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		key:         DefaultKey,
		chatModels:  []string{"gpt-4o-mini", "llama3.1"},
		embedModels: []string{"text-embedding-3-small", "bge-m3"},
		embedDim:    64,
		chunkWords:  3,
		responder:   func(ChatRequest) string { return "OK" },
		done:        make(chan struct{}),
	}
	for _, o := range opts {
		o(s)
	}
	if s.embedDim < 1 {
		s.embedDim = 64
	}
	if s.chunkWords < 1 {
		s.chunkWords = 1
	}
	if s.responder == nil {
		s.responder = func(ChatRequest) string { return "OK" }
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// URL returns the API base URL including "/v1", suitable as go-openai's
// ClientConfig.BaseURL.
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// Key returns the accepted API key ("" when any request is accepted).
func (s *Server) Key() string { return s.key }

// Close shuts the server down, ending hung requests by dropping their
// connections. It is called automatically by t.Cleanup and is idempotent;
// call it earlier to simulate a server that has gone away.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.Close()
	})
}

// SetResponder replaces the function producing chat replies; nil restores
// the default that always answers "OK".
func (s *Server) SetResponder(r Responder) {
	if r == nil {
		r = func(ChatRequest) string { return "OK" }
	}
	s.mu.Lock()
	s.responder = r
	s.mu.Unlock()
}

// Latency sets the delay applied before handling every subsequent request.
func (s *Server) Latency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// call is the state of one request being answered.
type call struct {
	w        http.ResponseWriter
	r        *http.Request
	body     []byte
	endpoint string
	cut      int // >= 0: CutStream fault active, number of chunks to send
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.record(r, body)

	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	s.wait(r.Context(), latency)

	if s.key != "" && r.Header.Get("Authorization") != "Bearer "+s.key {
		writeAPIError(w, http.StatusUnauthorized, "Incorrect API key provided",
			"invalid_request_error", "invalid_api_key")
		return
	}
	endpoint, method := route(r.URL.Path)
	if endpoint == "" {
		writeAPIError(w, http.StatusNotFound, fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path),
			"invalid_request_error", nil)
		return
	}
	if r.Method != method {
		w.Header().Set("Allow", method)
		writeAPIError(w, http.StatusMethodNotAllowed,
			fmt.Sprintf("Method %s not allowed for %s", r.Method, r.URL.Path), "invalid_request_error", nil)
		return
	}
	c := &call{w: w, r: r, body: body, endpoint: endpoint, cut: -1}
	if f := s.takeFault(endpoint); f != nil && s.applyFault(c, *f) {
		return
	}
	switch endpoint {
	case EndpointChat:
		s.handleChat(c)
	case EndpointEmbeddings:
		s.handleEmbeddings(c)
	case EndpointModels:
		s.handleModels(c)
	case EndpointTranscriptions:
		s.handleTranscription(c)
	}
}

// route maps a URL path to its endpoint name and allowed method.
func route(path string) (endpoint, method string) {
	switch {
	case path == "/v1/chat/completions":
		return EndpointChat, http.MethodPost
	case path == "/v1/embeddings":
		return EndpointEmbeddings, http.MethodPost
	case path == "/v1/audio/transcriptions":
		return EndpointTranscriptions, http.MethodPost
	case path == "/v1/models" || strings.HasPrefix(path, "/v1/models/"):
		return EndpointModels, http.MethodGet
	}
	return "", ""
}

// wait sleeps for d. If the request's context ends or the server closes
// first, it aborts the handler, dropping the connection without an answer.
func (s *Server) wait(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		panic(http.ErrAbortHandler)
	case <-s.done:
		panic(http.ErrAbortHandler)
	}
}

func (s *Server) nextID(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return fmt.Sprintf("%s%d", prefix, s.seq)
}

// apiError is the OpenAI error object.
type apiError struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    any     `json:"code"`
}

// writeAPIError writes an OpenAI-style {"error":{...}} body.
func writeAPIError(w http.ResponseWriter, status int, msg, typ string, code any) {
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{apiError{Message: msg, Type: typ, Code: code}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic("ragtest: marshal response: " + err.Error())
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeOK writes a 200 JSON answer, or, under a CutStream fault, half of it
// followed by a dropped connection.
func (s *Server) writeOK(c *call, v any) {
	if c.cut < 0 {
		writeJSON(c.w, http.StatusOK, v)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic("ragtest: marshal response: " + err.Error())
	}
	c.w.Header().Set("Content-Type", "application/json")
	c.w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write(b[:len(b)/2])
	_ = http.NewResponseController(c.w).Flush()
	panic(http.ErrAbortHandler)
}

func modelNotFound(w http.ResponseWriter, model string) {
	writeAPIError(w, http.StatusNotFound, fmt.Sprintf("The model `%s` does not exist", model),
		"invalid_request_error", "model_not_found")
}

func badRequest(w http.ResponseWriter, msg string) {
	writeAPIError(w, http.StatusBadRequest, msg, "invalid_request_error", nil)
}
