package bot

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
)

// startWebhookBot runs a bot in webhook mode on a free port and returns its URL once it is ready.
func startWebhookBot(t *testing.T, s *bottest.Server, opts Options) (*harness, string) {
	t.Helper()
	opts.WebhookURL, opts.WebhookSecret, opts.WebhookListen = "https://bot.example/tg", "s3cr3t-Token_1", "127.0.0.1:0"
	logs := &syncBuffer{}
	opts.Token, opts.APIURL, opts.Pacing = s.Token(), s.URL(), fastPacing
	opts.Logger = loggerTo(logs)
	b, err := New(opts, &echoAnswerer{})
	if err != nil {
		t.Fatal(err)
	}
	h := runReady(t, s, b, logs)
	return h, "http://" + b.WebhookAddr() + "/"
}

func TestWebhookChecksSecretMethodAndSize(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{})
	if wh := s.Webhook(); wh.URL != "https://bot.example/tg" || wh.SecretToken != "s3cr3t-Token_1" {
		t.Errorf("setWebhook = %+v", wh)
	}
	for _, tt := range []struct {
		secret string
		want   int
	}{{"", http.StatusUnauthorized}, {"wrong", http.StatusUnauthorized}, {"s3cr3t-Token_", http.StatusUnauthorized}} {
		resp, err := s.PostUpdate(url, tt.secret, bottest.PrivateText(1301, 1301, "sneaky"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("secret %q: status %d, want %d", tt.secret, resp.StatusCode, tt.want)
		}
	}
	get, _ := http.Get(url)
	get.Body.Close()
	if get.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", get.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"update_id":1,"message":{"text":"`+strings.Repeat("a", 2<<20)+`"}}`))
	req.Header.Set(secretHeader, "s3cr3t-Token_1")
	big, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, big.Body)
	big.Body.Close()
	if big.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB body: %d, want 413", big.StatusCode)
	}
	resp, err := s.PostUpdate(url, "s3cr3t-Token_1", bottest.PrivateText(1301, 1301, "legit"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("good post: %d", resp.StatusCode)
	}
	if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "answer to: legit") {
		t.Errorf("sent %q", m.Plain)
	}
	noMoreSent(t, h, 1)
	if len(s.Calls("getUpdates")) != 0 {
		t.Error("webhook mode polled getUpdates")
	}
}

func TestMetricsAndHealth(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	addr := start(t, s, &echoAnswerer{}, Options{MetricsAddr: "127.0.0.1:0"}).bot.MetricsAddr()
	s.Push(bottest.PrivateText(1401, 1401, "count me"))
	lastSent(t, s, 1)
	get := func(path string) string {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if h := get("/healthz"); h != "ok\n" {
		t.Errorf("/healthz = %q", h)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		m := get("/metrics")
		if strings.Contains(m, `ccabot_answers_total{lang="en",mode="extractive"} 1`) &&
			strings.Contains(m, `ccabot_questions_total{chat_type="private"} 1`) &&
			strings.Contains(m, "ccabot_answer_seconds_bucket") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics missing:\n%s", m)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWebhookBurstAndBadPosts: many updates posted at once, mixed with posts that must be rejected (no or wrong
// secret, oversized, wrong method, not JSON). Every real question gets exactly one reply; every bad post is
// rejected, counted, and never handled. A text with a lone surrogate in a JSON escape is answered too.
func TestWebhookBurstAndBadPosts(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{MetricsAddr: "127.0.0.1:0"})
	metricsAddr := h.bot.MetricsAddr()
	const chats, perChat = 40, 3
	var wg sync.WaitGroup
	bad := func(req *http.Request) {
		defer wg.Done()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("bad post %s %q accepted", req.Method, req.Header.Get(secretHeader))
		}
	}
	for c := range chats {
		for q := range perChat {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := s.PostUpdate(url, "s3cr3t-Token_1", bottest.PrivateText(int64(1600+c), int64(1600+c), fmt.Sprint("q", q)))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}()
		}
		sneaky := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":1,"date":%d,"chat":{"id":9999,"type":"private"},"from":{"id":9999},"text":"sneaky"}}`,
			900000+c, time.Now().Unix())
		for _, req := range []*http.Request{
			newPost(url, "", sneaky), newPost(url, "wrong", sneaky), newPost(url, "s3cr3t-Token_1", "not json"),
			newPost(url, "s3cr3t-Token_1", `{"update_id":1,"message":{"text":"`+strings.Repeat("a", 1<<20)+`"}}`),
		} {
			wg.Add(1)
			go bad(req)
		}
		get, _ := http.NewRequest(http.MethodGet, url, nil)
		get.Header.Set(secretHeader, "s3cr3t-Token_1")
		wg.Add(1)
		go bad(get)
	}
	lone := fmt.Sprintf(`{"update_id":950000,"message":{"message_id":7,"date":%d,"chat":{"id":1700,"type":"private"},"from":{"id":1700},"text":"who \ud800 heads"}}`,
		time.Now().Unix())
	resp, err := http.DefaultClient.Do(newPost(url, "s3cr3t-Token_1", lone))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("lone surrogate post: %v %v", resp, err)
	}
	resp.Body.Close()
	wg.Wait()
	sent := s.WaitSent(t, chats*perChat+1, 30*time.Second)
	per := map[int64]int{}
	for _, m := range sent {
		per[m.ChatID]++
	}
	for c := range chats {
		if per[int64(1600+c)] != perChat {
			t.Errorf("chat %d got %d replies, want %d", 1600+c, per[int64(1600+c)], perChat)
		}
	}
	if per[9999] != 0 || per[1700] != 1 {
		t.Errorf("sneaky chat got %d replies (want 0), lone-surrogate chat %d (want 1)", per[9999], per[1700])
	}
	m, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(m.Body)
	m.Body.Close()
	noMoreSent(t, h, chats*perChat+1)
	for _, want := range []string{`ccabot_webhook_rejected_total{reason="secret"} 80`, `ccabot_webhook_rejected_total{reason="json"} 40`,
		`ccabot_webhook_rejected_total{reason="size"} 40`,
		`ccabot_webhook_rejected_total{reason="method"} 40`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func newPost(url, secret, body string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(secretHeader, secret)
	}
	return req
}

// TestWebhookRedeliveryWithoutJournal: with no DATA_DIR (no journal) an update posted three times (Telegram
// retrying a webhook) is still answered once.
func TestWebhookRedeliveryAnsweredOnce(t *testing.T) {
	t.Parallel()
	for _, journal := range []bool{false, true} {
		t.Run(fmt.Sprint("journal=", journal), func(t *testing.T) {
			t.Parallel()
			s := bottest.New(t)
			opts := Options{}
			if journal {
				opts.DataDir = t.TempDir()
			}
			h, url := startWebhookBot(t, s, opts)
			// A question, and a command, which the journal does not record, each posted three times.
			for i, u := range []models.Update{bottest.PrivateText(1401, 1401, "once please"), bottest.PrivateText(1402, 1402, "/help")} {
				u.ID = int64(9001 + i)
				for range 3 {
					resp, err := s.PostUpdate(url, "s3cr3t-Token_1", u)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
				}
			}
			sent := s.WaitSent(t, 2, 10*time.Second)
			if !strings.Contains(sent[0].Plain+sent[1].Plain, "answer to: once please") {
				t.Errorf("sent %q, %q", sent[0].Plain, sent[1].Plain)
			}
			noMoreSent(t, h, 2)
		})
	}
}

// rawPost opens a connection to the webhook at addr and sends the head of a POST announcing a body of
// bodyLen bytes with the given secret, and one byte of that body: a slow client.
func rawPost(t *testing.T, addr, secret string, bodyLen int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	head := fmt.Sprintf("POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n", addr, bodyLen)
	if secret != "" {
		head += secretHeader + ": " + secret + "\r\n"
	}
	if _, err := io.WriteString(c, head+"\r\n{"); err != nil {
		t.Fatal(err)
	}
	return c
}

// A client without the secret gets its 401 and a closed connection at once, however slowly its body comes.
func TestWebhookRejectsBeforeTheBody(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{})
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	for i := range 20 {
		c := rawPost(t, addr, "", 100_000)
		c.SetReadDeadline(time.Now().Add(5 * time.Second)) // a guard against hanging, far above the answer's time
		resp, err := readUntilClosed(c)
		if err != nil || !strings.HasPrefix(string(resp), "HTTP/1.1 401") {
			t.Fatalf("slow client %d without the secret: %q, %v; want a 401 and the connection closed", i, resp, err)
		}
	}
	_ = h
}

// Slow clients are dropped after WebhookTimeout (or shed beyond WebhookMaxConns), and a real post still gets
// through at once.
func TestWebhookSlowClientsAreBounded(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{WebhookTimeout: 300 * time.Millisecond, WebhookMaxConns: 8})
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	conns := make([]net.Conn, 40)
	for i := range conns {
		conns[i] = slowClient(t, addr, i)
	}
	resp, err := s.PostUpdate(url, h.bot.opts.WebhookSecret, bottest.PrivateText(1701, 1701, "still there?"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "answer to: still there?") {
		t.Errorf("answer: %q", m.Plain)
	}
	for i, c := range conns {
		c.SetReadDeadline(time.Now().Add(10 * time.Second)) // a guard against hanging
		if _, err := readUntilClosed(c); err != nil {
			t.Errorf("slow client %d: %v; want the server to close the connection", i, err)
		}
	}
}

// slowClient opens a connection that never completes its request: even ones send headers that never end, odd
// ones announce a body they never send.
func slowClient(t *testing.T, addr string, i int) net.Conn {
	t.Helper()
	if i%2 == 1 {
		return rawPost(t, addr, "", 5000)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: x\r\n")
	return c
}

var slowClients = flag.Int("slow-clients", 0, "run TestWebhookSlowClientsAtScale with this many slow clients")

// TestWebhookSlowClientsAtScale measures, with the default limits, what many slow clients hold and how long a
// real post then takes (-slow-clients=3000 -v; needs a descriptor limit above twice that: ulimit -n 8192).
func TestWebhookSlowClientsAtScale(t *testing.T) {
	if *slowClients == 0 {
		t.Skip("a measurement: run with -slow-clients=N")
	}
	s := bottest.New(t)
	h, url := startWebhookBot(t, s, Options{})
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	start := time.Now()
	for i := range *slowClients {
		slowClient(t, addr, i)
	}
	opened := time.Since(start)
	held := func() float64 {
		mf, _ := h.bot.metrics.reg.Gather()
		for _, m := range mf {
			if m.GetName() == "ccabot_webhook_connections" {
				return m.GetMetric()[0].GetGauge().GetValue()
			}
		}
		return -1
	}
	before := held()
	posted := time.Now()
	resp, err := s.PostUpdate(url, h.bot.opts.WebhookSecret, bottest.PrivateText(1702, 1702, "still there?"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	took := time.Since(posted)
	lastSent(t, s, 1)
	// Connections are shed as new ones arrive, once the slow ones are past the guard's minimum age (1 s here).
	time.Sleep(1100 * time.Millisecond) // a measurement, not a pass/fail condition
	slowClient(t, addr, 0)
	t.Logf("%d slow clients opened in %v: %v connections held at once (cap %d), %v after the next connection 1 s later; a real post answered %d in %v",
		*slowClients, opened.Round(time.Millisecond), before, h.bot.opts.WebhookMaxConns, held(), resp.StatusCode,
		took.Round(time.Millisecond))
}

// readUntilClosed reads c until the server closes it. A close with a refused body still unread reaches the
// client as a reset (the kernel's answer to unread data) rather than an end of file: both are a close.
func readUntilClosed(c net.Conn) ([]byte, error) {
	data, err := io.ReadAll(c)
	if errors.Is(err, syscall.ECONNRESET) {
		err = nil
	}
	return data, err
}
