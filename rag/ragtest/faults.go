package ragtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"
)

type faultKind int

const (
	kindNone faultKind = iota
	kindRateLimited
	kindServerError
	kindBadGateway
	kindHang
	kindGarbage
	kindOllamaNotFound
	kindVLLM
	kindCut
	kindSlow
)

// Fault is a failure the server injects instead of (or before) its normal
// answer. Build one with the constructors and variables of this package; the
// zero Fault injects nothing.
type Fault struct {
	kind   faultKind
	status int
	n      int    // Retry-After seconds or chunks before a cut
	text   string // model name or error message
	delay  time.Duration
}

var (
	// BadGatewayHTML answers 502 with an HTML page, as a reverse proxy
	// (nginx, Cloudflare) in front of the API does.
	BadGatewayHTML = Fault{kind: kindBadGateway, status: http.StatusBadGateway}

	// Hang never answers: the handler waits until the request's context ends
	// (client timeout or cancel) or the server closes, then drops the
	// connection.
	Hang = Fault{kind: kindHang}

	// Garbage answers 200 with the body "not json at all". A streaming
	// client sees no data lines, so go-openai's Recv returns io.EOF at once.
	Garbage = Fault{kind: kindGarbage, status: http.StatusOK}
)

// RateLimited answers 429 with header "Retry-After: N" (omitted when
// retryAfterSeconds <= 0) and the body
// {"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}.
func RateLimited(retryAfterSeconds int) Fault {
	return Fault{kind: kindRateLimited, status: http.StatusTooManyRequests, n: retryAfterSeconds}
}

// ServerError answers the given status (e.g. 500, 503) with the body
// {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}.
func ServerError(status int) Fault {
	return Fault{kind: kindServerError, status: status}
}

// OllamaNotFound answers 404 with Ollama's body
// {"error":"model \"MODEL\" not found, try pulling it first"}. An empty model
// uses the "model" field of the request.
func OllamaNotFound(model string) Fault {
	return Fault{kind: kindOllamaNotFound, status: http.StatusNotFound, text: model}
}

// VLLMError answers status with vLLM's flat error body
// {"object":"error","message":MSG,"type":T,"param":null,"code":STATUS},
// where T is "NotFoundError" for 404, "InternalServerError" for 5xx and
// "BadRequestError" otherwise.
func VLLMError(status int, msg string) Fault {
	return Fault{kind: kindVLLM, status: status, text: msg}
}

// CutStream drops the connection part-way. For a streaming chat request the
// server sends the first afterChunks content chunks (at most all of them, so
// never the finish_reason chunk), then closes the connection without
// "data: [DONE]"; the stream body ends cleanly, so go-openai's Recv returns
// io.EOF. For any other request it sends half of the JSON body (with a
// Content-Length for the whole) and drops the connection, so the client
// sees an unexpected EOF.
func CutStream(afterChunks int) Fault {
	return Fault{kind: kindCut, n: max(afterChunks, 0)}
}

// Slow waits d (or until the client gives up) and then answers normally.
func Slow(d time.Duration) Fault {
	return Fault{kind: kindSlow, delay: d}
}

// String describes the fault, e.g. "RateLimited(2)".
func (f Fault) String() string {
	switch f.kind {
	case kindRateLimited:
		return fmt.Sprintf("RateLimited(%d)", f.n)
	case kindServerError:
		return fmt.Sprintf("ServerError(%d)", f.status)
	case kindBadGateway:
		return "BadGatewayHTML"
	case kindHang:
		return "Hang"
	case kindGarbage:
		return "Garbage"
	case kindOllamaNotFound:
		return fmt.Sprintf("OllamaNotFound(%q)", f.text)
	case kindVLLM:
		return fmt.Sprintf("VLLMError(%d, %q)", f.status, f.text)
	case kindCut:
		return fmt.Sprintf("CutStream(%d)", f.n)
	case kindSlow:
		return fmt.Sprintf("Slow(%s)", f.delay)
	}
	return "NoFault"
}

type queuedFault struct {
	endpoint string
	left     int
	fault    Fault
}

// FailNext makes the next n requests to endpoint ("chat", "embeddings",
// "models", or "" for any endpoint) fail with f. Calls queue up: each
// request consumes the oldest queued entry matching its endpoint. Queued
// faults take precedence over the function set with SetFaultFunc. Requests
// rejected before fault injection (bad key, unknown path, wrong method) do
// not consume a fault. FailNext panics on an unknown endpoint name.
func (s *Server) FailNext(endpoint string, n int, f Fault) {
	checkEndpoint(endpoint)
	if n <= 0 {
		return
	}
	s.mu.Lock()
	s.queue = append(s.queue, queuedFault{endpoint: endpoint, left: n, fault: f})
	s.mu.Unlock()
}

// SetFaultFunc installs fn, called (outside the server's lock, possibly
// concurrently) for each request with no queued fault; it receives the
// endpoint name ("chat", "embeddings" or "models") and returns the fault to
// inject, or nil for a normal answer. A nil fn removes the function.
func (s *Server) SetFaultFunc(fn func(endpoint string) *Fault) {
	s.mu.Lock()
	s.faultFunc = fn
	s.mu.Unlock()
}

// ClearFaults drops all queued faults and the fault function.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.queue = nil
	s.faultFunc = nil
	s.mu.Unlock()
}

func checkEndpoint(endpoint string) {
	switch endpoint {
	case "", EndpointChat, EndpointEmbeddings, EndpointModels, EndpointTranscriptions:
		return
	}
	panic(fmt.Sprintf("ragtest: unknown endpoint %q (want %q, %q, %q, %q or \"\")",
		endpoint, EndpointChat, EndpointEmbeddings, EndpointModels, EndpointTranscriptions))
}

// takeFault returns the fault for a request to endpoint, or nil.
func (s *Server) takeFault(endpoint string) *Fault {
	s.mu.Lock()
	for i := range s.queue {
		q := &s.queue[i]
		if q.endpoint != "" && q.endpoint != endpoint {
			continue
		}
		f := q.fault
		q.left--
		if q.left <= 0 {
			s.queue = slices.Delete(s.queue, i, i+1)
		}
		s.mu.Unlock()
		return &f
	}
	fn := s.faultFunc
	s.mu.Unlock()
	if fn == nil {
		return nil
	}
	return fn(endpoint)
}

const badGatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// applyFault injects f. It reports whether the request has been answered;
// false means the normal handler must run (possibly with c.cut set).
func (s *Server) applyFault(c *call, f Fault) bool {
	w := c.w
	switch f.kind {
	case kindRateLimited:
		if f.n > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.n))
		}
		writeAPIError(w, f.status, "Rate limit reached", "requests", "rate_limit_exceeded")
	case kindServerError:
		writeAPIError(w, f.status, "The server had an error", "server_error", nil)
	case kindBadGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, badGatewayPage)
	case kindHang:
		select {
		case <-c.r.Context().Done():
		case <-s.done:
		}
		panic(http.ErrAbortHandler)
	case kindGarbage:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, "not json at all")
	case kindOllamaNotFound:
		model := f.text
		if model == "" {
			var req struct {
				Model string `json:"model"`
			}
			_ = json.Unmarshal(c.body, &req)
			model = req.Model
		}
		writeJSON(w, f.status, map[string]string{
			"error": `model "` + model + `" not found, try pulling it first`,
		})
	case kindVLLM:
		typ := "BadRequestError"
		switch {
		case f.status == http.StatusNotFound:
			typ = "NotFoundError"
		case f.status >= 500:
			typ = "InternalServerError"
		}
		writeJSON(w, f.status, struct {
			Object  string  `json:"object"`
			Message string  `json:"message"`
			Type    string  `json:"type"`
			Param   *string `json:"param"`
			Code    int     `json:"code"`
		}{"error", f.text, typ, nil, f.status})
	case kindCut:
		c.cut = f.n
		return false
	case kindSlow:
		s.wait(c.r.Context(), f.delay)
		return false
	default:
		return false
	}
	return true
}
