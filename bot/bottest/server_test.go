package bottest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
)

type apiReply struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// call posts a urlencoded Bot API request and decodes the JSON answer.
func call(t *testing.T, s *bottest.Server, token, method string, form url.Values) (int, apiReply) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/bot"+token+"/"+method, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r apiReply
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%s: decode %q: %v", method, body, err)
	}
	return resp.StatusCode, r
}

// pollAsync runs getUpdates in a goroutine without touching t and delivers the decoded answer.
func pollAsync(s *bottest.Server, form url.Values) <-chan apiReply {
	ch := make(chan apiReply, 1)
	go func() {
		var r apiReply
		resp, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/getUpdates", form)
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
		}
		if err != nil {
			r.Description = err.Error()
		}
		ch <- r
	}()
	return ch
}

func getUpdates(t *testing.T, s *bottest.Server, offset int64, timeout int) []models.Update {
	t.Helper()
	status, r := call(t, s, s.Token(), "getUpdates",
		url.Values{"offset": {fmt.Sprint(offset)}, "timeout": {fmt.Sprint(timeout)}})
	if status != http.StatusOK || !r.OK {
		t.Fatalf("getUpdates: %d %+v", status, r)
	}
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatal(err)
	}
	return ups
}

func TestAuthAndRouting(t *testing.T) {
	t.Parallel()
	s := bottest.New(t, bottest.WithBot(777, "OtherBot", true))
	if s.Token() != "777:"+bottest.TokenSecret || len(bottest.TokenSecret) != 35 {
		t.Errorf("Token = %q", s.Token())
	}
	status, r := call(t, s, "1:wrong", "getMe", nil)
	if status != 401 || r.OK || r.ErrorCode != 401 || r.Description != "Unauthorized" {
		t.Errorf("wrong token: %d %+v", status, r)
	}
	status, r = call(t, s, s.Token(), "sendDice", nil)
	if status != 404 || r.ErrorCode != 404 || r.Description != "Not Found" {
		t.Errorf("unknown method: %d %+v", status, r)
	}
	status, r = call(t, s, s.Token(), "GETME", nil)
	var me models.User
	_ = json.Unmarshal(r.Result, &me)
	if status != 200 || me.ID != 777 || me.Username != "OtherBot" || !me.CanReadAllGroupMessages || !me.IsBot {
		t.Errorf("getMe: %d %+v", status, me)
	}
	if c := s.Calls(""); len(c) != 2 || c[0].Method != "sendDice" || c[1].Method != "getMe" || c[1].Status != 200 {
		t.Errorf("Calls = %+v", c)
	}
}

func TestGetUpdatesBlocksUntilPush(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	got := pollAsync(s, url.Values{"timeout": {"10"}})
	s.WaitCalls(t, "", 1, 5*time.Second) // the poll has arrived (it is recorded on arrival)
	select {
	case r := <-got:
		t.Fatalf("getUpdates returned %+v before any update was pushed", r)
	case <-time.After(100 * time.Millisecond):
	}
	id := s.Push(bottest.PrivateText(42, 42, "hello"))
	select {
	case r := <-got:
		var ups []models.Update
		if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 1 || ups[0].ID != id ||
			ups[0].Message.Text != "hello" {
			t.Fatalf("got %+v (%v)", r, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("getUpdates did not return after Push")
	}
}

func TestGetUpdatesTimesOutEmpty(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	start := time.Now()
	ups := getUpdates(t, s, 0, 1)
	if d := time.Since(start); len(ups) != 0 || d < 900*time.Millisecond || d > 3*time.Second {
		t.Fatalf("got %v after %v, want [] after ~1s", ups, d)
	}
	if ups := getUpdates(t, s, 0, 0); len(ups) != 0 {
		t.Fatalf("short poll got %v", ups)
	}
}

func TestOffsetConfirmsUpdates(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	id1 := s.Push(bottest.PrivateText(1, 1, "a"))
	id2 := s.Push(bottest.PrivateText(1, 1, "b"))
	id3 := s.Push(models.Update{ID: 100, Message: bottest.PrivateText(1, 1, "c").Message})
	if id2 != id1+1 || id3 != 100 {
		t.Fatalf("ids %d %d %d", id1, id2, id3)
	}
	if ups := getUpdates(t, s, 0, 0); len(ups) != 3 {
		t.Fatalf("unconfirmed poll: %d updates", len(ups))
	}
	if ups := getUpdates(t, s, id2, 0); len(ups) != 2 || ups[0].ID != id2 || s.Pending() != 2 {
		t.Fatalf("offset %d: %+v, pending %d", id2, ups, s.Pending())
	}
	if ups := getUpdates(t, s, id3+1, 0); len(ups) != 0 || s.Pending() != 0 {
		t.Fatalf("all confirmed: %+v, pending %d", ups, s.Pending())
	}
	s.Push(models.Update{MessageReaction: &models.MessageReactionUpdated{}}) // not delivered by default
	if next := s.Push(bottest.PrivateText(1, 1, "d")); next != id3+2 {
		t.Fatalf("next id %d", next)
	}
	if ups := getUpdates(t, s, id3+1, 0); len(ups) != 1 || ups[0].Message.Text != "d" {
		t.Fatalf("default allowed_updates: %+v", ups)
	}
}

func TestNewerPollEndsOlderWithConflict(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	older := pollAsync(s, url.Values{"timeout": {"10"}})
	s.WaitPolls(t, 1, 5*time.Second)
	newer := pollAsync(s, url.Values{"timeout": {"1"}})
	defer func() { <-newer }()
	select {
	case r := <-older:
		if r.ErrorCode != 409 || !strings.HasPrefix(r.Description, "Conflict: terminated by other getUpdates") {
			t.Fatalf("older poll: %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("older poll not terminated")
	}
}

func TestFaultShapes(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	s.FailNext("getMe", 1, bottest.ServerError(502))
	s.FailNext("", 1, bottest.Migrate(-1001234))
	resp, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/getMe", nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.HasPrefix(string(body), "<html>\r\n<head><title>502 Bad Gateway</title></head>") {
		t.Errorf("502: %d %q", resp.StatusCode, body)
	}
	status, r := call(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"-5"}, "action": {"typing"}})
	if status != 400 || r.Parameters.MigrateToChatID != -1001234 ||
		r.Description != "Bad Request: group chat was upgraded to a supergroup chat" {
		t.Errorf("migrate: %d %+v", status, r)
	}
	s.SetFaultFunc(func(method string, form url.Values) *bottest.Fault {
		if method == "sendChatAction" && form.Get("chat_id") == "13" {
			return &bottest.Forbidden
		}
		return nil
	})
	if status, r := call(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"13"}, "action": {"typing"}}); status != 403 ||
		r.Description != "Forbidden: bot was blocked by the user" {
		t.Errorf("fault func: %d %+v", status, r)
	}
	if status, _ := call(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"14"}, "action": {"typing"}}); status != 200 {
		t.Errorf("unfaulted call: %d", status)
	}
	if status, r := call(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"14"}, "action": {"dance"}}); status != 400 {
		t.Errorf("bad action: %d %+v", status, r)
	}
	s.FailNext("getMe", 1, bottest.Disconnect)
	if _, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/getMe", nil); err == nil {
		t.Error("Disconnect: request succeeded")
	}
	if c := s.Calls("getMe"); len(c) != 2 || c[0].Status != 502 || c[1].Status != -1 {
		t.Errorf("getMe calls %+v", c)
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	s := bottest.New(t, bottest.WithLatency(150*time.Millisecond))
	start := time.Now()
	call(t, s, s.Token(), "getMe", nil)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("getMe took %v", d)
	}
	start = time.Now()
	getUpdates(t, s, 0, 0)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("getUpdates took %v", d)
	}
	// Named methods only.
	s = bottest.New(t, bottest.WithLatency(150*time.Millisecond, "sendChatAction"))
	start = time.Now()
	call(t, s, s.Token(), "getMe", nil)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("getMe took %v with the latency on sendChatAction only", d)
	}
	start = time.Now()
	call(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"1"}, "action": {"typing"}})
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("sendChatAction took %v", d)
	}
}

// fatalTB records Fatalf and ends the goroutine like testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestWaitSentFailsAfterTimeout(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	ftb := &fatalTB{TB: t}
	done := make(chan struct{})
	start := time.Now()
	go func() { defer close(done); s.WaitSent(ftb, 1, 50*time.Millisecond) }()
	<-done
	if d := time.Since(start); !strings.Contains(ftb.msg, "waited 50ms for 1 sent messages, got 0") || d > time.Second {
		t.Errorf("after %v: %q", d, ftb.msg)
	}
}

func TestCallbackAndInlineAnswers(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	s.Push(bottest.CallbackQuery(3, 3, 77, "yes"))
	ups := getUpdates(t, s, 0, 0)
	q := ups[0].CallbackQuery
	if q == nil || q.Data != "yes" || q.Message.Message == nil || q.Message.Message.ID != 77 {
		t.Fatalf("callback update %+v", ups[0])
	}
	if st, r := call(t, s, s.Token(), "answerCallbackQuery", url.Values{"callback_query_id": {q.ID}}); st != 200 {
		t.Errorf("answerCallbackQuery: %d %+v", st, r)
	}
	edit := url.Values{"chat_id": {"3"}, "message_id": {"77"}, "text": {"chosen: yes"}}
	if st, r := call(t, s, s.Token(), "editMessageText", edit); st != 200 {
		t.Errorf("edit the keyboard message: %d %+v", st, r)
	}
	if st, _ := call(t, s, s.Token(), "answerInlineQuery", url.Values{"inline_query_id": {"1"}, "results": {"[]"}}); st != 200 {
		t.Errorf("answerInlineQuery: %d", st)
	}
	if st, r := call(t, s, s.Token(), "answerInlineQuery", url.Values{"inline_query_id": {"1"}}); st != 400 {
		t.Errorf("answerInlineQuery without results: %d %+v", st, r)
	}
	if c := s.WaitCalls(t, "answerCallbackQuery", 1, time.Second); c[0].Params["callback_query_id"] != q.ID {
		t.Errorf("calls %+v", c)
	}
}
