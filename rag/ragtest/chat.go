package ragtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Message is one chat message as received by the server. Content holds the
// text; for a message whose content is an array of parts, the "text" parts
// are concatenated, and a null content is "".
type Message struct {
	Role    string
	Content string
}

// ChatRequest is the decoded part of a chat completion request that a
// [Responder] sees.
type ChatRequest struct {
	Model        string
	Messages     []Message
	Stream       bool
	IncludeUsage bool     // stream_options.include_usage
	MaxTokens    int      // max_completion_tokens if set, else max_tokens; 0 if neither
	Temperature  *float64 // nil when the request has no temperature
}

// LastUser returns the content of the last message with role "user", or "".
func (r ChatRequest) LastUser() string {
	for _, m := range slices.Backward(r.Messages) {
		if m.Role == "user" {
			return m.Content
		}
	}
	return ""
}

// Responder computes the assistant's reply to a chat request. It may be
// called concurrently.
type Responder func(req ChatRequest) string

// CountTokens is the server's deterministic token count: the number of
// UTF-8 bytes of s divided by 4, rounded up (so "" is 0 tokens and "OK" is
// 1). A chat completion's prompt_tokens is CountTokens of the concatenated
// contents of all messages (roles are not counted), completion_tokens is
// CountTokens of the reply, and an embedding request's prompt_tokens is the
// sum of CountTokens over its inputs.
func CountTokens(s string) int { return (len(s) + 3) / 4 }

type wireChatRequest struct {
	Model         string        `json:"model"`
	Messages      []wireMessage `json:"messages"`
	Stream        bool          `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	MaxTokens           int      `json:"max_tokens"`
	MaxCompletionTokens int      `json:"max_completion_tokens"`
	Temperature         *float64 `json:"temperature"`
}

type wireMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

type outMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type delta struct {
	Role    string  `json:"role,omitempty"`
	Content *string `json:"content,omitempty"`
}

type chatChoice struct {
	Index        int         `json:"index"`
	Message      *outMessage `json:"message,omitempty"`
	Delta        *delta      `json:"delta,omitempty"`
	Logprobs     any         `json:"logprobs"`
	FinishReason *string     `json:"finish_reason"`
}

type chatResponse struct {
	ID                string       `json:"id"`
	Object            string       `json:"object"`
	Created           int64        `json:"created"`
	Model             string       `json:"model"`
	SystemFingerprint string       `json:"system_fingerprint"`
	Choices           []chatChoice `json:"choices"`
	Usage             *usage       `json:"usage,omitempty"`
}

// messageText extracts the text of a message content: a string, null, or
// an array of content parts.
func messageText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("message content must be a string or an array of content parts")
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type == "text" {
			b.WriteString(p.Text)
		}
	}
	return b.String(), nil
}

// handleChat answers POST /v1/chat/completions. When the request has a
// token limit and the reply exceeds it, the reply is cut to 4*limit bytes
// (at a rune boundary) and finish_reason is "length", as real servers do.
func (s *Server) handleChat(c *call) {
	var wire wireChatRequest
	if err := json.Unmarshal(c.body, &wire); err != nil {
		badRequest(c.w, "We could not parse the JSON body of your request. ("+err.Error()+")")
		return
	}
	if wire.Model == "" {
		badRequest(c.w, "you must provide a model parameter")
		return
	}
	if !slices.Contains(s.chatModels, wire.Model) {
		modelNotFound(c.w, wire.Model)
		return
	}
	if len(wire.Messages) == 0 {
		badRequest(c.w, "[] is too short - 'messages'")
		return
	}
	req := ChatRequest{
		Model:       wire.Model,
		Stream:      wire.Stream,
		MaxTokens:   wire.MaxTokens,
		Temperature: wire.Temperature,
	}
	if wire.MaxCompletionTokens > 0 {
		req.MaxTokens = wire.MaxCompletionTokens
	}
	if wire.StreamOptions != nil {
		req.IncludeUsage = wire.StreamOptions.IncludeUsage
	}
	var prompt strings.Builder
	for i, m := range wire.Messages {
		text, err := messageText(m.Content)
		if err != nil {
			badRequest(c.w, fmt.Sprintf("messages[%d]: %v", i, err))
			return
		}
		req.Messages = append(req.Messages, Message{Role: m.Role, Content: text})
		prompt.WriteString(text)
	}

	s.mu.Lock()
	responder := s.responder
	s.mu.Unlock()
	reply := responder(req)
	finish := "stop"
	if req.MaxTokens > 0 && CountTokens(reply) > req.MaxTokens && !s.noTokenLimit {
		n := 4 * req.MaxTokens
		for n > 0 && !utf8.RuneStart(reply[n]) {
			n--
		}
		reply, finish = reply[:n], "length"
	}
	u := usage{PromptTokens: CountTokens(prompt.String()), CompletionTokens: CountTokens(reply)}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens

	base := chatResponse{
		ID:                s.nextID("chatcmpl-ragtest"),
		Created:           time.Now().Unix(),
		Model:             req.Model,
		SystemFingerprint: "fp_ragtest",
	}
	if req.Stream {
		s.streamChat(c, base, reply, finish, req.IncludeUsage, u)
		return
	}
	resp := base
	resp.Object = "chat.completion"
	resp.Choices = []chatChoice{{
		Message:      &outMessage{Role: "assistant", Content: reply},
		FinishReason: &finish,
	}}
	resp.Usage = &u
	s.writeOK(c, resp)
}

// streamChat writes the reply as server-sent events: content chunks (the
// first also carrying delta.role), a chunk with finish_reason, an optional
// usage chunk with empty choices, and "data: [DONE]".
func (s *Server) streamChat(c *call, base chatResponse, reply, finish string, includeUsage bool, u usage) {
	base.Object = "chat.completion.chunk"
	pieces := splitWords(reply, s.chunkWords)
	if len(pieces) == 0 {
		pieces = []string{""}
	}
	var events []chatResponse
	for i, p := range pieces {
		d := &delta{Content: &p}
		if i == 0 {
			d.Role = "assistant"
		}
		ev := base
		ev.Choices = []chatChoice{{Delta: d}}
		events = append(events, ev)
	}
	h := c.w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	if c.cut >= 0 {
		// No chunked encoding: the body ends when the connection closes.
		h.Set("Transfer-Encoding", "identity")
		events = events[:min(c.cut, len(events))]
	} else {
		ev := base
		ev.Choices = []chatChoice{{Delta: &delta{}, FinishReason: &finish}}
		events = append(events, ev)
		if includeUsage {
			ev := base
			ev.Choices = []chatChoice{}
			ev.Usage = &u
			events = append(events, ev)
		}
	}
	rc := http.NewResponseController(c.w)
	c.w.WriteHeader(http.StatusOK)
	_ = rc.Flush()
	for _, ev := range events {
		s.wait(c.r.Context(), s.chunkDelay)
		b, err := json.Marshal(ev)
		if err != nil {
			panic("ragtest: marshal chunk: " + err.Error())
		}
		_, _ = fmt.Fprintf(c.w, "data: %s\n\n", b)
		_ = rc.Flush()
	}
	if c.cut < 0 {
		_, _ = io.WriteString(c.w, "data: [DONE]\n\n")
		_ = rc.Flush()
	}
}

// splitWords splits s into pieces of at most n words each, keeping all
// whitespace, so that the pieces concatenate back to s exactly.
func splitWords(s string, n int) []string {
	var out []string
	start, words, inWord := 0, 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			if words == n {
				out = append(out, s[start:i])
				start, words = i, 0
			}
			words++
		}
		inWord = !space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
