package bot

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// echoAnswerer answers "answer to: <question>", citing one source; a follow-up also names what it follows.
type echoAnswerer struct {
	delay   time.Duration
	hold    map[string]chan struct{} // Answer to these questions waits for the channel to close
	started chan string              // when set, receives each question as Answer starts
	calls   atomic.Int64
}

func (a *echoAnswerer) Answer(ctx context.Context, q Question) (Reply, error) {
	a.calls.Add(1)
	if a.started != nil {
		a.started <- q.Text
	}
	if gate, ok := a.hold[q.Text]; ok {
		select {
		case <-gate:
		case <-ctx.Done():
			return Reply{}, ctx.Err()
		}
	}
	if err := sleep(ctx, a.delay); err != nil {
		return Reply{}, err
	}
	body := "answer to: " + q.Text
	if prev, ok := q.Prev.Memo().(string); ok {
		body += " (after: " + prev + ")"
	}
	return Reply{Lang: string(nlp.DetectLang(q.Text)), Body: body, Mode: "extractive", Turn: NewTurn(q.Text),
		Sources: []Source{{ID: "doc#1", Publisher: "Xinhua (Arabic)", Date: "30 March 2024"}}}, nil
}

// fastPacing keeps the flood-limit logic but at test speed.
var fastPacing = Pacing{Global: 30, GlobalWindow: 50 * time.Millisecond, Chat: 1, ChatWindow: 10 * time.Millisecond,
	Group: 20, GroupWindow: 50 * time.Millisecond}

type harness struct {
	srv    *bottest.Server
	bot    *Bot
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func loggerTo(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// start runs a bot against srv until the test ends (or stop is called), and fails the test if Run errs.
func start(t *testing.T, srv *bottest.Server, ans Answerer, opts Options) *harness {
	t.Helper()
	logs := &syncBuffer{}
	opts.Token, opts.APIURL = srv.Token(), srv.URL()
	opts.Logger = loggerTo(logs)
	if opts.Pacing.Global == 0 {
		opts.Pacing = fastPacing
	}
	if opts.PollTimeout == 0 {
		opts.PollTimeout = 2 * time.Second
	}
	b, err := New(opts, ans)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h := runReady(t, srv, b, logs)
	srv.WaitCalls(t, "getUpdates", 1, 5*time.Second)
	return h
}

// runReady runs b until the test ends (or stop is called) and waits until it is ready: its listeners bound, taking
// updates.
func runReady(t *testing.T, srv *bottest.Server, b *Bot, logs *syncBuffer) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{srv: srv, bot: b, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- b.Run(ctx) }()
	t.Cleanup(func() { h.stop(t) })
	select {
	case <-b.Ready():
	case err := <-h.done:
		h.cancel = nil
		t.Fatalf("Run = %v before the bot was ready\n%s", err, logs.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("the bot is not ready after 10s\n%s", logs.String())
	}
	return h
}

// stop cancels the bot and requires a clean return.
func (h *harness) stop(t *testing.T) {
	t.Helper()
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("Run did not return after cancel")
	}
	if strings.Contains(h.logs.String(), h.srv.Token()) {
		t.Error("the bot token appears in the logs")
	}
}

func lastSent(t *testing.T, s *bottest.Server, n int) bottest.SentMessage {
	t.Helper()
	sent := s.WaitSent(t, n, 10*time.Second)
	return sent[n-1]
}

// noMoreSent checks that nothing beyond n messages was sent once the bot has handled everything pushed.
func noMoreSent(t *testing.T, h *harness, n int) {
	t.Helper()
	h.stop(t)
	if got := len(h.srv.Sent()); got != n {
		for _, m := range h.srv.Sent() {
			t.Logf("sent to %d: %q", m.ChatID, m.Plain)
		}
		t.Errorf("%d messages sent, want %d", got, n)
	}
}

func TestStartupRegistersAndAnswersPrivately(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{})
	if len(s.Calls("getMe")) == 0 || len(s.Calls("deleteWebhook")) == 0 {
		t.Error("no getMe or deleteWebhook at start")
	}
	langs := map[string]bool{}
	for _, set := range s.MyCommands() {
		langs[set.LanguageCode] = true
	}
	if !langs[""] || !langs["ar"] {
		t.Errorf("setMyCommands languages = %v, want default and ar", langs)
	}
	if !strings.Contains(h.logs.String(), "privacy mode is ON") {
		t.Error("privacy mode not logged")
	}
	s.Push(bottest.PrivateText(501, 501, "who heads the secretariat? <b>&"))
	m := lastSent(t, s, 1)
	if m.ChatID != 501 || m.ParseMode != "HTML" || !strings.Contains(m.Plain, "answer to: who heads the secretariat? <b>&") ||
		!strings.Contains(m.Plain, "Source: Xinhua (Arabic) · 30 March 2024 · doc#1") || m.ReplyTo != 0 {
		t.Errorf("sent %+v", m)
	}
	if !strings.Contains(m.ReplyMarkup, `"callback_data":"fb:u:`) || strings.Contains(m.ReplyMarkup, "copy_text") {
		t.Errorf("feedback keyboard = %s", m.ReplyMarkup)
	}
	h.stop(t)
	if !strings.Contains(h.logs.String(), "msg=answered") || strings.Contains(h.logs.String(), "who heads") {
		t.Errorf("want one 'answered' line without the question text:\n%s", h.logs.String())
	}
}

// TestStartupDescribesTheBot: at start the bot sets its short and long descriptions in English (the default, no
// language_code) and Arabic, within Telegram's limits (bottest refuses longer texts); when Telegram refuses them
// (429 after too many restarts), that is one warning each and the bot serves all the same.
func TestStartupDescribesTheBot(t *testing.T) {
	t.Parallel()
	t.Run("sets all four", func(t *testing.T) {
		t.Parallel()
		s := bottest.New(t)
		h := start(t, s, &echoAnswerer{}, Options{})
		got := map[bottest.Description]bool{}
		for _, d := range s.MyDescriptions() {
			got[bottest.Description{Short: d.Short, LanguageCode: d.LanguageCode}] = true
			if strings.TrimSpace(d.Text) == "" {
				t.Errorf("empty description %+v", d)
			}
			arabic := strings.ContainsFunc(d.Text, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF })
			if arabic != (d.LanguageCode == "ar") {
				t.Errorf("description for language %q in the wrong script: %q", d.LanguageCode, d.Text)
			}
		}
		for _, short := range []bool{true, false} {
			for _, lang := range []string{"", "ar"} {
				if !got[bottest.Description{Short: short, LanguageCode: lang}] {
					t.Errorf("no description set with short=%v language_code=%q; set: %+v", short, lang, s.MyDescriptions())
				}
			}
		}
		if len(s.MyDescriptions()) != 4 {
			t.Errorf("%d descriptions set, want 4: %+v", len(s.MyDescriptions()), s.MyDescriptions())
		}
		h.stop(t)
		if strings.Contains(h.logs.String(), "could not set") {
			t.Errorf("warnings logged:\n%s", h.logs.String())
		}
	})
	t.Run("refused is a warning", func(t *testing.T) {
		t.Parallel()
		s := bottest.New(t)
		s.FailNext("setMyDescription", 2, bottest.TooManyRequests(30))
		h := start(t, s, &echoAnswerer{}, Options{})
		s.Push(bottest.PrivateText(501, 501, "who heads the secretariat?"))
		if m := lastSent(t, s, 1); !strings.Contains(m.Plain, "answer to: who heads the secretariat?") {
			t.Errorf("sent %q after the descriptions were refused", m.Plain)
		}
		h.stop(t)
		if n := strings.Count(h.logs.String(), "level=WARN msg=\"could not set the description\""); n != 2 {
			t.Errorf("%d warnings for the refused descriptions, want 2 (en, ar):\n%s", n, h.logs.String())
		}
		if n := len(s.MyDescriptions()); n != 2 {
			t.Errorf("%d descriptions set, want the 2 short ones", n)
		}
	})
}

func TestGroupSpeaksOnlyWhenAddressed(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{})
	const g = -1001
	at := "@" + s.Me().Username
	s.Push(bottest.GroupText(g, 7, "who heads the secretariat?"))
	s.Push(bottest.GroupText(g, 7, "/ask@OtherBot who?", bottest.Command("/ask@OtherBot who?")))
	s.Push(bottest.GroupText(g, 7, "hi @alice", bottest.Mention("hi @alice", "@alice")))
	s.Push(bottest.GroupText(g, 7, "/weather", bottest.Command("/weather")))
	arabic := "سؤال: " + at + " من يرأس الأمانة؟"
	s.Push(bottest.GroupText(g, 7, arabic, bottest.Mention(arabic, at)))
	ask := "/ask@" + s.Me().Username + " when?"
	s.Push(bottest.GroupText(g, 8, ask, bottest.Command(ask)))
	s.Push(bottest.GroupText(g, 9, "/ask", bottest.Command("/ask")))
	sent := s.WaitSent(t, 3, 10*time.Second)
	if !strings.Contains(sent[0].Plain, "answer to: سؤال:") || !strings.Contains(sent[0].Plain, "من يرأس الأمانة؟") ||
		strings.Contains(sent[0].Plain, at) || sent[0].ReplyTo == 0 {
		t.Errorf("mention after Arabic: %+v", sent[0])
	}
	if !strings.Contains(sent[1].Plain, "answer to: when?") {
		t.Errorf("/ask@Bot: %q", sent[1].Plain)
	}
	if !strings.Contains(sent[2].Plain, "/ask") {
		t.Errorf("/ask alone: %q, want a usage hint", sent[2].Plain)
	}
	// A reply to the bot's answer is addressed, and read with that answer in mind.
	reply := bottest.GroupText(g, 7, "and the tajik one?")
	reply.Message.ReplyToMessage = &models.Message{ID: sent[0].MessageID, Chat: reply.Message.Chat,
		From: &models.User{ID: s.Me().ID, IsBot: true}}
	s.Push(reply)
	if m := lastSent(t, s, 4); !strings.Contains(m.Plain, "answer to: and the tajik one? (after: سؤال:") {
		t.Errorf("reply to the bot: %q", m.Plain)
	}
	noMoreSent(t, h, 4)
}

func TestCommandsAndOddMessages(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{MaxQuestionChars: 50, RateBurst: 20,
		Documents: []knowledge.Document{{Title: "الصين ودول آسيا الوسطى", Source: "Xinhua (Arabic)", Date: "2024-03-30"}}})
	const c = 601
	push := func(u models.Update) { s.Push(u) }
	push(bottest.PrivateText(c, c, "/start"))
	push(bottest.PrivateText(c, c, "/help"))
	push(bottest.PrivateText(c, c, "/sources"))
	push(bottest.PrivateText(c, c, "/weather"))
	push(bottest.PrivateText(c, c, strings.Repeat("ما هي الأمانة؟ ", 10)))
	sticker := bottest.PrivateText(c, c, "")
	sticker.Message.Sticker = &models.Sticker{FileID: "x"}
	push(sticker)
	sent := s.WaitSent(t, 6, 10*time.Second)
	checks := []string{"Hello!", "/ask", "Xinhua (Arabic), 2024-03-30", "don't know that command", "سؤالك طويل", "I can only read text"}
	for i, want := range checks {
		if !strings.Contains(sent[i].Plain, want) {
			t.Errorf("reply %d = %q, want %q", i, sent[i].Plain, want)
		}
	}
	// Silence: a sticker in a group, an edited message, a channel post, a message from a bot.
	groupSticker := bottest.GroupText(-5, 1, "")
	groupSticker.Message.Sticker = &models.Sticker{FileID: "x"}
	push(groupSticker)
	edited := bottest.PrivateText(c, c, "edited question")
	push(models.Update{EditedMessage: edited.Message})
	post := bottest.GroupText(-6, 1, "channel post")
	push(models.Update{ChannelPost: post.Message})
	fromBot := bottest.PrivateText(c, 99, "I am a bot")
	fromBot.Message.From.IsBot = true
	push(fromBot)
	push(models.Update{PollAnswer: &models.PollAnswer{PollID: "p"}})
	push(bottest.PrivateText(c, c, "still working?"))
	if m := lastSent(t, s, 7); !strings.Contains(m.Plain, "answer to: still working?") {
		t.Errorf("after ignored updates: %q", m.Plain)
	}
	noMoreSent(t, h, 7)
}

func TestStaleAllowlistTopicsAndTyping(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{delay: 300 * time.Millisecond},
		Options{AllowedChatIDs: []int64{1101, -1102}, MaxQuestionAge: time.Minute})
	old := bottest.PrivateText(1101, 1101, "old question")
	old.Message.Date = int(time.Now().Add(-2 * time.Minute).Unix())
	s.Push(old)
	s.Push(bottest.PrivateText(1199, 1199, "not allowed"))
	at := "@" + s.Me().Username
	topic := bottest.GroupText(-1102, 5, at+" in a topic", bottest.Mention(at+" in a topic", at))
	topic.Message.IsTopicMessage, topic.Message.MessageThreadID = true, 33
	s.Push(topic)
	m := lastSent(t, s, 1)
	if m.ChatID != -1102 || m.MessageThreadID != 33 {
		t.Errorf("topic answer to chat %d thread %d", m.ChatID, m.MessageThreadID)
	}
	if len(s.Calls("sendChatAction")) == 0 {
		t.Error("no typing indicator while answering")
	}
	noMoreSent(t, h, 1)
	logs := h.logs.String()
	if !strings.Contains(logs, "older than MAX_QUESTION_AGE") || !strings.Contains(logs, "count=1") ||
		!strings.Contains(logs, "not in ALLOWED_CHAT_IDS") {
		t.Errorf("missing stale or allowlist log lines:\n%s", logs)
	}
}

func TestInlineAndFeedback(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{})
	s.Push(models.Update{InlineQuery: &models.InlineQuery{ID: "iq1", From: &models.User{ID: 1201}, Query: "who is wang yi"}})
	calls := s.WaitCalls(t, "answerInlineQuery", 1, 10*time.Second)
	if r := calls[0].Params["results"]; !strings.Contains(r, "answer to: who is wang yi") || !strings.Contains(r, `"parse_mode":"HTML"`) ||
		calls[0].Params["is_personal"] != "true" {
		t.Errorf("inline answer = %v", calls[0].Params)
	}
	s.Push(bottest.PrivateText(1202, 1202, "who is wang yi"))
	m := lastSent(t, s, 1)
	i := strings.Index(m.ReplyMarkup, "fb:u:")
	data := m.ReplyMarkup[i : i+strings.IndexByte(m.ReplyMarkup[i:], '"')]
	s.Push(bottest.CallbackQuery(1202, 1202, m.MessageID, data))
	s.Push(bottest.CallbackQuery(1202, 1202, m.MessageID, "fb:u:nope"))
	s.Push(bottest.CallbackQuery(1202, 1202, m.MessageID, "garbage"))
	answers := s.WaitCalls(t, "answerCallbackQuery", 3, 10*time.Second)
	texts := []string{answers[0].Params["text"], answers[1].Params["text"], answers[2].Params["text"]}
	if !strings.Contains(texts[0], "Thanks") || !strings.Contains(texts[1], "no longer active") || !strings.Contains(texts[2], "no longer active") {
		t.Errorf("callback answers = %q", texts)
	}
	h.stop(t)
	if !strings.Contains(h.logs.String(), "msg=feedback vote=up") {
		t.Error("feedback not logged")
	}
}

func TestConflictLogsOnce(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	// The first three polls (the library waits 0.1, 0.2, 0.4 s after them), so no long poll comes before them.
	s.FailNext("getUpdates", 3, bottest.Conflict)
	h := start(t, s, &echoAnswerer{}, Options{})
	s.WaitCalls(t, "getUpdates", 4, 20*time.Second) // the three refused, and the one after
	h.stop(t)
	if n := strings.Count(h.logs.String(), "409 Conflict"); n != 1 {
		t.Errorf("409 logged %d times, want once:\n%s", n, h.logs.String())
	}
}

func TestBadStart(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{}, &echoAnswerer{}); err == nil {
		t.Error("New without a token succeeded")
	}
	if _, err := New(Options{Token: "x", WebhookURL: "https://x"}, &echoAnswerer{}); err == nil {
		t.Error("webhook without a secret accepted")
	}
	s := bottest.New(t)
	b, _ := New(Options{Token: "999:wrong", APIURL: s.URL()}, &echoAnswerer{})
	err := b.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") || strings.Contains(err.Error(), "999:wrong") {
		t.Errorf("Run with a rejected token = %v", err)
	}
}

// TestCallbackPressesAreRateLimited: a user pressing buttons hundreds of times gets the burst answered and no
// more (so no more API calls or log lines); another user is still answered.
func TestCallbackPressesAreRateLimited(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{RateBurst: 2, RatePerMinute: 2}) // callbacks: a burst of 8
	for range 200 {
		s.Push(bottest.CallbackQuery(1210, 1210, 1, "garbage"))
	}
	other := bottest.CallbackQuery(1211, 1211, 1, "garbage")
	s.Push(other)
	s.WaitCalls(t, "answerCallbackQuery", 9, 10*time.Second)
	h.stop(t)
	calls := s.Calls("answerCallbackQuery")
	answeredOther := false
	for _, c := range calls {
		answeredOther = answeredOther || c.Params["callback_query_id"] == other.CallbackQuery.ID
	}
	if len(calls) != 9 || !answeredOther {
		t.Errorf("%d callback answers for 201 presses (other user answered: %v), want the first user's burst of 8 and the other's 1",
			len(calls), answeredOther)
	}
}

// Anonymous admins and members posting as a channel are people behind a bot-looking sender: they are answered
// when they address the bot and silent otherwise. Real bots stay unanswered.
func TestAnonymousAdminsAndChannelSendersAreAnswered(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{})
	const g = -1002
	at := "@" + s.Me().Username
	ask := "/ask who heads it?"
	s.Push(bottest.AnonymousAdmin(bottest.GroupText(g, 1, ask, bottest.Command(ask))))
	mention := at + " when was it launched?"
	s.Push(bottest.AsChannel(bottest.GroupText(g, 1, mention, bottest.Mention(mention, at)), -100777))
	s.Push(bottest.AnonymousAdmin(bottest.GroupText(g, 1, "group chatter")))
	robot := bottest.GroupText(g, 5, ask, bottest.Command(ask))
	robot.Message.From.IsBot = true
	s.Push(robot)
	sent := s.WaitSent(t, 2, 10*time.Second)
	if !strings.Contains(sent[0].Plain, "answer to: who heads it?") || !strings.Contains(sent[1].Plain, "answer to: when was it launched?") {
		t.Errorf("answers: %q, %q", sent[0].Plain, sent[1].Plain)
	}
	noMoreSent(t, h, 2)
}

// countingTransport counts the Bot API calls made through it by method ("download" for files, as bottest names
// them), and the
// confirmations of the last updates (a getUpdates with timeout 0, as the bot sends at shutdown).
type countingTransport struct {
	mu       sync.Mutex
	calls    map[string]int
	confirms int
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	method := path.Base(r.URL.Path)
	if strings.HasPrefix(r.URL.Path, "/file/") {
		method = "download"
	}
	confirm := false
	if method == "getUpdates" && r.Body != nil {
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return nil, err
		}
		r = r.Clone(r.Context())
		r.Body = io.NopCloser(bytes.NewReader(body))
		confirm = bytes.Contains(body, []byte("name=\"timeout\"\r\n\r\n0\r\n"))
	}
	c.mu.Lock()
	c.calls[method]++
	if confirm {
		c.confirms++
	}
	c.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// TestEveryCallGoesThroughTheHTTPClient: Options.HTTPClient makes every Bot API call, file downloads and the
// confirmation of the last updates at shutdown included, and the bot leaves the client it is given unchanged.
func TestEveryCallGoesThroughTheHTTPClient(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	tr := &countingTransport{calls: map[string]int{}}
	client := &http.Client{Transport: tr}
	heard := transcriberFunc(func(context.Context, []byte, string, string) (string, error) { return "who?", nil })
	h := start(t, s, &echoAnswerer{}, Options{HTTPClient: client, Transcriber: heard})
	s.Push(bottest.PrivateText(1901, 1901, "through the client?"))
	s.Push(bottest.PrivateVoice(1902, 1902, s.AddFile([]byte("OggS"), "oga", 0), 2, 4))
	s.WaitSent(t, 2, 10*time.Second)
	h.stop(t)
	if s.Downloads() != 1 {
		t.Errorf("%d downloads, want the voice note's", s.Downloads())
	}
	server := map[string]int{}
	for _, c := range s.Calls("") {
		server[c.Method]++
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for method, n := range server {
		if tr.calls[method] < n { // a call cancelled before it was sent reaches the transport only
			t.Errorf("%d %s calls reached Telegram, %d went through Options.HTTPClient", n, method, tr.calls[method])
		}
	}
	if tr.confirms != 1 || s.Pending() != 0 {
		t.Errorf("%d confirmations through the client, %d updates left unconfirmed; want 1 and 0", tr.confirms, s.Pending())
	}
	if client.Transport != tr || client.Timeout != 0 {
		t.Errorf("the bot changed the client it was given: %+v", client)
	}
}
