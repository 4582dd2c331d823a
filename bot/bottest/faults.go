package bottest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"time"
)

// Fault is an error answer the server gives instead of executing a method. Use the constructors and variables
// below, or fill in the fields for any other Telegram error.
type Fault struct {
	Status          int    // HTTP status, also sent as error_code
	Description     string // Telegram's description, e.g. "Forbidden: bot was blocked by the user"
	RetryAfter      int    // parameters.retry_after, sent when > 0
	MigrateToChatID int64  // parameters.migrate_to_chat_id, sent when != 0
	HTML            bool   // answer with an nginx-like HTML error page instead of JSON
	Disconnect      bool   // drop the connection without any answer
}

// Forbidden is the 403 Telegram answers when the user blocked the bot.
var Forbidden = Fault{Status: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}

// Conflict is the 409 Telegram answers a getUpdates that was superseded by another bot instance.
var Conflict = Fault{Status: http.StatusConflict,
	Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}

// Disconnect closes the connection without answering, like a network failure.
var Disconnect = Fault{Disconnect: true}

// TooManyRequests is Telegram's 429 flood-control answer with parameters.retry_after.
func TooManyRequests(retryAfterSeconds int) Fault {
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfterSeconds,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfterSeconds)}
}

// ServerError is a gateway failure such as 502: the given HTTP status with an nginx HTML page as the body.
func ServerError(status int) Fault {
	return Fault{Status: status, HTML: true, Description: fmt.Sprintf("%d %s", status, http.StatusText(status))}
}

// Migrate is the 400 Telegram answers when a group was upgraded to the supergroup newChatID.
func Migrate(newChatID int64) Fault {
	return Fault{Status: http.StatusBadRequest, MigrateToChatID: newChatID,
		Description: "Bad Request: group chat was upgraded to a supergroup chat"}
}

// badRequest is a 400 answer with the description "Bad Request: " + desc.
func badRequest(desc string) *Fault {
	return &Fault{Status: http.StatusBadRequest, Description: "Bad Request: " + desc}
}

func (f *Fault) status() int {
	if f.Disconnect {
		return -1
	}
	return f.Status
}

const nginxPage = "<html>\r\n<head><title>%[1]d %[2]s</title></head>\r\n<body>\r\n<center><h1>%[1]d %[2]s</h1></center>\r\n" +
	"<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"

func writeFault(w http.ResponseWriter, f *Fault) {
	if f.Disconnect {
		panic(http.ErrAbortHandler) // net/http closes the connection without logging
	}
	if f.HTML {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		_, _ = fmt.Fprintf(w, nginxPage, f.Status, http.StatusText(f.Status))
		return
	}
	body := map[string]any{"ok": false, "error_code": f.Status, "description": f.Description}
	params := map[string]any{}
	if f.RetryAfter > 0 {
		params["retry_after"] = f.RetryAfter
	}
	if f.MigrateToChatID != 0 {
		params["migrate_to_chat_id"] = f.MigrateToChatID
	}
	if len(params) > 0 {
		body["parameters"] = params
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	_, _ = w.Write(b)
}

// FailNext makes the next n requests of method (any method when method is "") fail with f. Faults queue up:
// calling it twice fails the next n1+n2 requests. Method-specific faults are used before "" faults.
func (s *Server) FailNext(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], f)
	}
}

// SetFaultFunc installs fn, consulted for every request not failed by FailNext; a non-nil result is answered
// instead of executing the method. It suits probabilistic faults in load tests; fn may be called
// concurrently from several requests and must not block. nil removes it.
func (s *Server) SetFaultFunc(fn func(method string, form url.Values) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faultFunc = fn
}

// FloodViolations counts the 429 answers given by the WithFloodLimits rules.
func (s *Server) FloodViolations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.floodHits
}

func (s *Server) takeFault(method string, form url.Values) *Fault {
	s.mu.Lock()
	for _, key := range []string{method, ""} {
		if q := s.faults[key]; len(q) > 0 {
			f := q[0]
			s.faults[key] = q[1:]
			s.mu.Unlock()
			return &f
		}
	}
	fn := s.faultFunc
	s.mu.Unlock()
	if fn == nil {
		return nil
	}
	if f := fn(method, form); f != nil {
		c := *f
		return &c
	}
	return nil
}

// floodState implements WithFloodLimits: a token bucket per chat and sliding windows per group and overall.
type floodState struct {
	buckets map[int64]*bucket
	groups  map[int64][]time.Time
	global  []time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newFloodState() *floodState {
	return &floodState{buckets: map[int64]*bucket{}, groups: map[int64][]time.Time{}}
}

// allow reports whether a message to chat may be sent now and, if so, accounts for it.
func (f *floodState) allow(chat int64, now time.Time) bool {
	b := f.buckets[chat]
	if b == nil {
		b = &bucket{tokens: 3, at: now}
		f.buckets[chat] = b
	}
	b.tokens = min(3, b.tokens+now.Sub(b.at).Seconds())
	b.at = now
	f.global = prune(f.global, now.Add(-time.Second))
	g := prune(f.groups[chat], now.Add(-time.Minute))
	if b.tokens < 1 || len(f.global) >= 30 || (chat < 0 && len(g) >= 20) {
		return false
	}
	b.tokens--
	f.global = append(f.global, now)
	if chat < 0 {
		f.groups[chat] = append(g, now)
	}
	return true
}

func prune(ts []time.Time, cutoff time.Time) []time.Time {
	i := 0
	for i < len(ts) && !ts[i].After(cutoff) {
		i++
	}
	return ts[i:]
}

// parseForm reads the parameters of a Bot API request: query string plus a multipart, urlencoded or JSON body.
func parseForm(r *http.Request) (url.Values, error) {
	form := r.URL.Query()
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil || len(bytes.TrimSpace(body)) == 0 {
		return form, err
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return form, nil
			}
			if err != nil {
				return nil, err
			}
			v, err := io.ReadAll(p)
			if err != nil {
				return nil, err
			}
			form.Add(p.FormName(), string(v))
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, err
		}
		for k, raw := range m {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				form.Add(k, str)
			} else {
				form.Add(k, string(raw))
			}
		}
		return form, nil
	default:
		q, err := url.ParseQuery(string(body))
		for k, v := range q {
			form[k] = append(form[k], v...)
		}
		return form, err
	}
}
