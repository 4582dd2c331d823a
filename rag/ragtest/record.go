package ragtest

import (
	"encoding/json"
	"net/http"
	"time"
)

// Request is one HTTP request received by the server, recorded before any
// checks (so it includes unauthorised and faulted requests).
type Request struct {
	Method string
	Path   string         // URL path, e.g. "/v1/embeddings"
	Header http.Header    // a copy of the request headers
	Body   []byte         // the raw request body
	JSON   map[string]any // Body decoded as a JSON object, nil if it is not one
	Time   time.Time      // when the request arrived
}

// EmbeddedTexts returns how many embedding inputs the server has embedded,
// that is the total number of inputs of /v1/embeddings requests that were
// answered with vectors (rejected, faulted or cut requests do not count).
func (s *Server) EmbeddedTexts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.embedded
}

// Requests returns the recorded requests whose URL path equals path, either
// in full ("/v1/embeddings") or without the "/v1" prefix ("/embeddings").
// The empty path returns every request. Requests are in arrival order.
func (s *Server) Requests(path string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if path == "" || r.Path == path || r.Path == "/v1"+path {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) record(r *http.Request, body []byte) {
	rec := Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Header: r.Header.Clone(),
		Body:   body,
		Time:   time.Now(),
	}
	var m map[string]any
	if json.Unmarshal(body, &m) == nil {
		rec.JSON = m
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()
}
