package bottest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
)

// newClient connects the real go-telegram client to a fresh fake server.
func newClient(t *testing.T, opts ...bottest.Option) (*bottest.Server, *bot.Bot) {
	t.Helper()
	s := bottest.New(t, opts...)
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

func TestClientSendMessage(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL())) // calls getMe
	if err != nil {
		t.Fatal(err)
	}
	in := bottest.GroupText(-1001, 9, "@CcaTestBot hi")
	s.Push(in)
	ctx := context.Background()
	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(-1001), Text: "<b>Hi</b> &amp; bye",
		ParseMode: models.ParseModeHTML, MessageThreadID: 3,
		ReplyParameters: &models.ReplyParameters{MessageID: in.Message.ID},
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "ok", CallbackData: "ok"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if msg.Text != "Hi & bye" || msg.Chat.ID != -1001 || msg.Chat.Type != "supergroup" || msg.From.ID != 123456 ||
		msg.ReplyToMessage == nil || msg.ReplyToMessage.ID != in.Message.ID || msg.Date == 0 {
		t.Errorf("message %+v", msg)
	}
	sent := s.WaitSent(t, 1, time.Second)
	want := bottest.SentMessage{ChatID: -1001, MessageThreadID: 3, Text: "<b>Hi</b> &amp; bye", Plain: "Hi & bye",
		ParseMode: "HTML", ReplyTo: in.Message.ID, MessageID: msg.ID, ReplyMarkup: sent[0].ReplyMarkup,
		Time: sent[0].Time}
	if sent[0] != want || sent[0].Time.IsZero() ||
		!strings.HasPrefix(sent[0].ReplyMarkup, `{"inline_keyboard":[[{"text":"ok","callback_data":"ok"`) {
		t.Errorf("Sent = %+v\nwant %+v", sent[0], want)
	}
	msg2, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: -1001, Text: "again"})
	if err != nil || msg2.ID <= msg.ID {
		t.Errorf("second message %+v, %v", msg2, err)
	}
	c := s.Calls("sendMessage")[0]
	if c.Params["chat_id"] != "-1001" || c.Params["parse_mode"] != "HTML" || c.Params["message_thread_id"] != "3" {
		t.Errorf("recorded params %v", c.Params)
	}
}

func TestClientValidation(t *testing.T) {
	t.Parallel()
	s, b := newClient(t)
	ctx := context.Background()
	cases := []struct {
		p    bot.SendMessageParams
		desc string // "" = must succeed
	}{
		{bot.SendMessageParams{Text: "no chat"}, "Bad Request: chat not found"},
		{bot.SendMessageParams{ChatID: 1, Text: ""}, "Bad Request: message text is empty"},
		{bot.SendMessageParams{ChatID: 1, Text: "<b> </b>", ParseMode: "HTML"}, "Bad Request: message text is empty"},
		{bot.SendMessageParams{ChatID: 1, Text: "<script>x</script>", ParseMode: "HTML"},
			`Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 0`},
		{bot.SendMessageParams{ChatID: 1, Text: "v1.2", ParseMode: "MarkdownV2"}, "Bad Request: can't parse entities"},
		{bot.SendMessageParams{ChatID: 1, Text: strings.Repeat("😀", 2100)}, "Bad Request: message is too long"},
		{bot.SendMessageParams{ChatID: 1, Text: strings.Repeat("a", 4097)}, "Bad Request: message is too long"},
		{bot.SendMessageParams{ChatID: 1, Text: "<b>" + strings.Repeat("&lt;", 4096) + "</b>", ParseMode: "HTML"}, ""},
		{bot.SendMessageParams{ChatID: 1, Text: strings.Repeat("ب", 4096)}, ""},
		{bot.SendMessageParams{ChatID: 1, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 999999}},
			"Bad Request: message to be replied not found"},
		{bot.SendMessageParams{ChatID: 1, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 999999,
			AllowSendingWithoutReply: true}}, ""},
	}
	for i, c := range cases {
		_, err := b.SendMessage(ctx, &c.p)
		switch {
		case c.desc == "" && err != nil:
			t.Errorf("case %d: %v", i, err)
		case c.desc != "" && (!errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), c.desc)):
			t.Errorf("case %d: error %v, want %q", i, err, c.desc)
		}
	}
	if n := len(s.Sent()); n != 3 {
		t.Errorf("%d messages recorded as sent, want 3", n)
	}
}

func TestClientEditMessageText(t *testing.T) {
	t.Parallel()
	s, b := newClient(t)
	ctx := context.Background()
	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 5, Text: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(text string, mode models.ParseMode) error {
		_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 5, MessageID: msg.ID, Text: text,
			ParseMode: mode})
		return err
	}
	if err := edit("draft", ""); err == nil || !strings.Contains(err.Error(),
		"Bad Request: message is not modified: specified new message content and reply markup are exactly the same") {
		t.Errorf("same text: %v", err)
	}
	if err := edit("<b>draft</b>", models.ParseModeHTML); err != nil {
		t.Errorf("same text, new formatting: %v", err)
	}
	if err := edit("*draft*", models.ParseModeMarkdown); err == nil || !strings.Contains(err.Error(), "not modified") {
		t.Errorf("same formatting in MarkdownV2: %v", err)
	}
	if err := edit("final", ""); err != nil {
		t.Errorf("new text: %v", err)
	}
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 5, MessageID: msg.ID + 1000, Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "message to edit not found") {
		t.Errorf("unknown message: %v", err)
	}
	if e := s.Edits(); len(e) != 2 || e[1].Plain != "final" || e[1].MessageID != msg.ID {
		t.Errorf("Edits = %+v", e)
	}
}

func TestClientFaults(t *testing.T) {
	t.Parallel()
	s, b := newClient(t)
	ctx := context.Background()
	p := &bot.SendMessageParams{ChatID: 1, Text: "hi"}
	s.FailNext("sendMessage", 2, bottest.TooManyRequests(7))
	for range 2 {
		_, err := b.SendMessage(ctx, p)
		var tmr *bot.TooManyRequestsError
		if !errors.As(err, &tmr) || tmr.RetryAfter != 7 || !strings.Contains(tmr.Message, "Too Many Requests: retry after 7") {
			t.Fatalf("want 429 retry_after 7, got %v", err)
		}
	}
	if _, err := b.SendMessage(ctx, p); err != nil {
		t.Fatalf("after faults: %v", err)
	}
	s.FailNext("sendMessage", 1, bottest.Forbidden)
	if _, err := b.SendMessage(ctx, p); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("Forbidden: %v", err)
	}
	s.FailNext("sendMessage", 1, bottest.Migrate(-100777))
	var me *bot.MigrateError
	if _, err := b.SendMessage(ctx, p); !errors.As(err, &me) || me.MigrateToChatID != -100777 {
		t.Errorf("Migrate: %v", err)
	}
	s.FailNext("sendMessage", 1, bottest.ServerError(502))
	if _, err := b.SendMessage(ctx, p); err == nil || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Errorf("502: %v", err)
	}
	if n := len(s.Sent()); n != 1 {
		t.Errorf("%d sent, want 1", n)
	}
}

func TestClientFloodLimits(t *testing.T) {
	t.Parallel()
	s, b := newClient(t, bottest.WithFloodLimits())
	ctx := context.Background()
	var limited int
	for range 5 {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 8, Text: "spam"})
		var tmr *bot.TooManyRequestsError
		if errors.As(err, &tmr) && tmr.RetryAfter == 1 {
			limited++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if limited != 2 || s.FloodViolations() != 2 || len(s.Sent()) != 3 {
		t.Errorf("limited %d, violations %d, sent %d; want 2, 2, 3", limited, s.FloodViolations(), len(s.Sent()))
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 9, Text: "other chat"}); err != nil {
		t.Errorf("other chat: %v", err)
	}
}

// echo replies to every text message with "echo: " + text.
func echo(ctx context.Context, b *bot.Bot, u *models.Update) {
	if u.Message != nil {
		_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "echo: " + u.Message.Text,
			ReplyParameters: &models.ReplyParameters{MessageID: u.Message.ID}})
	}
}

func TestClientLongPolling(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL()), bot.WithDefaultHandler(echo))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	s.Push(bottest.PrivateText(42, 42, "one"))
	s.Push(bottest.PrivateText(43, 43, "two"))
	sent := s.WaitSent(t, 2, 5*time.Second)
	texts := map[string]bool{sent[0].Plain: true, sent[1].Plain: true}
	if !texts["echo: one"] || !texts["echo: two"] || sent[0].ReplyTo == 0 {
		t.Errorf("sent %+v", sent)
	}
}

func TestClientWebhook(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL()), bot.WithDefaultHandler(echo),
		bot.WithWebhookSecretToken("s3cret"), bot.WithErrorsHandler(func(error) {}))
	if err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewServer(b.WebhookHandler())
	defer hook.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.StartWebhook(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	ok, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: hook.URL, SecretToken: "s3cret",
		AllowedUpdates: []string{"message", "callback_query"}})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	wh := s.Webhook()
	if wh.URL != hook.URL || wh.SecretToken != "s3cret" || len(wh.AllowedUpdates) != 2 {
		t.Errorf("Webhook = %+v", wh)
	}
	if st, r := call(t, s, s.Token(), "getUpdates", nil); st != 409 || !strings.Contains(r.Description, "webhook is active") {
		t.Errorf("getUpdates with webhook: %d %+v", st, r)
	}
	resp, err := s.PostUpdate(wh.URL, "wrong", bottest.PrivateText(7, 7, "ignored"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = s.PostUpdate(wh.URL, wh.SecretToken, bottest.PrivateText(7, 7, "hook"))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatal(resp, err)
	}
	resp.Body.Close()
	if sent := s.WaitSent(t, 1, 5*time.Second); sent[0].Plain != "echo: hook" || sent[0].ChatID != 7 {
		t.Errorf("sent %+v", sent)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{
		{Command: "ask", Description: "Ask a question"}}, Scope: &models.BotCommandScopeAllGroupChats{},
		LanguageCode: "ru"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{
		{Command: "Ask Me", Description: "x"}}}); err == nil {
		t.Error("invalid command accepted")
	}
	cs := s.MyCommands()
	if len(cs) != 1 || cs[0].Commands[0].Command != "ask" || cs[0].Scope != `{"type":"all_group_chats"}` ||
		cs[0].LanguageCode != "ru" {
		t.Errorf("MyCommands = %+v", cs)
	}
	if ok, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); !ok || err != nil || s.Webhook().URL != "" {
		t.Errorf("deleteWebhook: %v %v", ok, err)
	}
}

// TestClientDescriptions: setMyDescription and setMyShortDescription are recorded per language, and a text past
// Telegram's limit (512 and 120 characters, counted in UTF-16 units) is refused with 400.
func TestClientDescriptions(t *testing.T) {
	t.Parallel()
	s, b := newClient(t)
	ctx := t.Context()
	tests := []struct {
		name   string
		short  bool
		text   string
		lang   string
		wantOK bool
	}{
		{"description at the limit", false, strings.Repeat("a", bottest.MaxDescriptionLength), "", true},
		{"Arabic description", false, "أجيب عن أسئلة", "ar", true},
		{"description one over", false, strings.Repeat("a", bottest.MaxDescriptionLength+1), "", false},
		{"short at the limit", true, strings.Repeat("ب", bottest.MaxShortDescriptionLength), "ar", true},
		{"short one over in UTF-16", true, strings.Repeat("a", bottest.MaxShortDescriptionLength-1) + "😀", "", false},
	}
	var want []bottest.Description
	for _, tt := range tests {
		var err error
		if tt.short {
			_, err = b.SetMyShortDescription(ctx, &bot.SetMyShortDescriptionParams{ShortDescription: tt.text,
				LanguageCode: tt.lang})
		} else {
			_, err = b.SetMyDescription(ctx, &bot.SetMyDescriptionParams{Description: tt.text, LanguageCode: tt.lang})
		}
		switch {
		case tt.wantOK && err != nil:
			t.Errorf("%s: %v, want success", tt.name, err)
		case !tt.wantOK && (err == nil || !strings.Contains(err.Error(), "description is too long")):
			t.Errorf("%s: %v, want 400 description is too long", tt.name, err)
		case tt.wantOK:
			want = append(want, bottest.Description{Short: tt.short, Text: tt.text, LanguageCode: tt.lang})
		}
	}
	got := s.MyDescriptions()
	if len(got) != len(want) {
		t.Fatalf("MyDescriptions() = %d calls, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("MyDescriptions()[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	calls := s.Calls("setMyDescription")
	if last := calls[len(calls)-1]; last.Status != 400 || last.Description != "Bad Request: description is too long" {
		t.Errorf("last setMyDescription call = %d %q, want 400 Bad Request: description is too long", last.Status,
			last.Description)
	}
}
