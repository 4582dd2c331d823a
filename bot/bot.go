package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	lru "github.com/hashicorp/golang-lru/v2"

	"ccabot/config"
	"ccabot/knowledge"
)

// Options configure a Bot. A zero field takes its default: for a setting an operator makes (an environment
// variable), config's default, written there only; for the rest, the default documented here. So tests and other
// callers name only what they change, and main fills every setting from config.Config.
type Options struct {
	Token         string
	APIURL        string // default config.DefaultTelegramAPIURL
	WebhookURL    string // webhook mode when set; polling otherwise
	WebhookSecret string // required with WebhookURL
	WebhookListen string // default config.DefaultWebhookListen; ":0" (or "127.0.0.1:0") takes a free port, reported by Bot.WebhookAddr
	// WebhookTimeout bounds reading a webhook request (headers, then body); default 10s. Telegram's posts are a
	// few KB, so only a slow or hostile client needs longer.
	WebhookTimeout time.Duration
	// WebhookMaxConns caps the webhook's open connections (default 256; Telegram opens at most 100), so slow
	// clients cannot take every file descriptor: beyond it the oldest connection not inside a request is shed.
	WebhookMaxConns int
	AllowedChatIDs  []int64
	MetricsAddr     string // serve /metrics, /healthz and /readyz here when set; a port of 0 as for WebhookListen
	// HealthGrace is how long Telegram may fail to answer before /healthz says unhealthy; default 30s.
	HealthGrace time.Duration
	// WebhookCheckEvery is how often the bot asks Telegram (getWebhookInfo) whether it can deliver; default 1m.
	WebhookCheckEvery time.Duration

	MaxQuestionChars int           // default config.DefaultMaxQuestionChars
	MaxQuestionAge   time.Duration // older questions in the backlog are skipped; default config.DefaultMaxQuestionAge
	ShutdownTimeout  time.Duration // how long answers in flight get after SIGTERM; default config.DefaultShutdownTimeout
	AnswerTimeout    time.Duration // default 90s: bound on one answer, model included
	RateBurst        int           // questions a user may ask at once; default config.DefaultRateBurst
	RatePerMinute    int           // then this many a minute; default config.DefaultRatePerMinute
	Workers          int           // answers in flight, all chats together; default config.DefaultAnswerWorkers
	Pacing           Pacing        // default DefaultPacing
	PollTimeout      time.Duration // long-poll timeout; default 50s
	// EditEvery is the least time between two edits of an answer streamed into a private chat; default 1s
	// (Telegram allows about one message or edit a second in a chat).
	EditEvery time.Duration
	// RetryBackoff is the wait before the first retry of a Bot API call that failed transiently (5xx, network),
	// doubled for each retry after it, with jitter; default 500ms. A 429 waits what Telegram asks instead.
	RetryBackoff time.Duration
	// HTTPClient makes every Bot API call: updates, sends, file downloads and the confirmation of the last
	// updates at shutdown. nil means a client that keeps up to 64 idle connections to Telegram. The bot does not
	// change the client given: it uses a copy whose transport also tells /healthz how each call went, with a
	// timeout of PollTimeout plus 15s when the client has none (a long poll must outlast PollTimeout).
	HTTPClient *http.Client

	// Transcriber turns voice questions into text; nil answers them with "voice needs a speech model".
	Transcriber     Transcriber
	VoiceMaxSeconds int   // longest voice question transcribed; default config.DefaultVoiceMaxSeconds
	VoiceMaxBytes   int64 // largest voice file downloaded; default and at most config.MaxVoiceBytes (Telegram's)
	// VoicePerMinute is voice questions per user per minute (they cost more than text); default
	// config.DefaultVoicePerMinute.
	VoicePerMinute int

	Documents []knowledge.Document // for /sources: the title, publisher (Source) and date of each
	Logger    *slog.Logger
	// DataDir holds the journal of questions taken but not yet answered, so a crash loses none ("" disables it).
	DataDir string
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	if o.APIURL == "" {
		o.APIURL = config.DefaultTelegramAPIURL
	}
	if o.WebhookListen == "" {
		o.WebhookListen = config.DefaultWebhookListen
	}
	defInt(&o.MaxQuestionChars, config.DefaultMaxQuestionChars)
	defInt(&o.RateBurst, config.DefaultRateBurst)
	defInt(&o.RatePerMinute, config.DefaultRatePerMinute)
	defInt(&o.Workers, config.DefaultAnswerWorkers)
	def(&o.MaxQuestionAge, config.DefaultMaxQuestionAge)
	def(&o.ShutdownTimeout, config.DefaultShutdownTimeout)
	def(&o.AnswerTimeout, 90*time.Second)
	def(&o.PollTimeout, 50*time.Second)
	def(&o.HealthGrace, 30*time.Second)
	defInt(&o.VoiceMaxSeconds, config.DefaultVoiceMaxSeconds)
	defInt(&o.VoicePerMinute, config.DefaultVoicePerMinute)
	if o.VoiceMaxBytes <= 0 || o.VoiceMaxBytes > config.MaxVoiceBytes {
		o.VoiceMaxBytes = config.MaxVoiceBytes
	}
	def(&o.WebhookTimeout, 10*time.Second)
	defInt(&o.WebhookMaxConns, 256)
	def(&o.WebhookCheckEvery, time.Minute)
	def(&o.EditEvery, time.Second)
	def(&o.RetryBackoff, 500*time.Millisecond)
	if o.Pacing.Global == 0 {
		o.Pacing = DefaultPacing
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Bot is the Telegram front end of an Answerer. Create it with New and run it with Run.
type Bot struct {
	opts    Options
	ans     Answerer
	log     *slog.Logger
	tg      *tgbot.Bot
	me      self
	send    *sender
	disp    *dispatcher
	metrics *metrics
	health  *health
	limits  *userLimits
	// inlineLimits is apart from limits: inline queries come as the user types.
	inlineLimits *userLimits
	// callbackLimits bounds 👍/👎 presses per user: a press costs an API call and may cost a log line.
	callbackLimits *userLimits
	voiceLimits    *userLimits
	http           *http.Client // the Bot API's client, also for file downloads
	latestInline   sync.Map     // user id → newest inline query id, while one is queued
	convo          *conversations
	votes          *feedbackStore
	allowed        map[int64]bool

	journal *journal // nil without DataDir
	// recent remembers the latest update IDs when there is no journal, so an update delivered twice (a webhook
	// retry) is answered once.
	recent     *lru.Cache[int64, struct{}]
	lastUpdate atomic.Int64
	staleCount atomic.Int64
	denied     sync.Map // chat id → struct{}: chats outside ALLOWED_CHAT_IDS, logged once
	libErrors  logThrottle

	ready                    chan struct{}          // closed once Run takes updates
	webhookAddr, metricsAddr atomic.Pointer[string] // as bound (":0" picks a free port)
}

// New checks opts and returns a Bot; it does not contact Telegram.
func New(opts Options, ans Answerer) (*Bot, error) {
	opts.defaults()
	if strings.TrimSpace(opts.Token) == "" {
		return nil, errors.New(config.EnvTelegramToken + " is empty")
	}
	if opts.WebhookURL != "" && opts.WebhookSecret == "" {
		return nil, errors.New(config.EnvWebhookSecret + " is required in webhook mode")
	}
	recent, _ := lru.New[int64, struct{}](recentUpdates) // errors only for a size below 1
	b := &Bot{opts: opts, ans: ans, log: opts.Logger, metrics: newMetrics(), health: newHealth(opts.HealthGrace),
		convo: newConversations(), recent: recent,
		limits: newUserLimits(opts.RateBurst, opts.RatePerMinute), votes: newFeedbackStore(),
		inlineLimits:   newUserLimits(4*opts.RateBurst, 4*opts.RatePerMinute),
		callbackLimits: newUserLimits(4*opts.RateBurst, 4*opts.RatePerMinute),
		voiceLimits:    newUserLimits(min(2, opts.VoicePerMinute), opts.VoicePerMinute),
		allowed:        map[int64]bool{}, ready: make(chan struct{})}
	for _, id := range opts.AllowedChatIDs {
		b.allowed[id] = true
	}
	b.disp = newDispatcher(opts.Workers, func(n int) { b.metrics.queued.Set(float64(n)) })
	return b, nil
}

// allowedUpdates are the update types the bot asks Telegram for.
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage,
	models.AllowedUpdateCallbackQuery, models.AllowedUpdateInlineQuery, models.AllowedUpdateChannelPost}

// Run connects to Telegram and serves until ctx is cancelled; then it stops taking updates, lets the answers in
// flight finish (at most ShutdownTimeout) and returns nil. It returns an error only when it cannot start: a
// token Telegram rejects, an address it cannot listen on.
func (b *Bot) Run(ctx context.Context) error {
	webhook := b.opts.WebhookURL != ""
	b.http = b.telegramClient()
	tgOpts := []tgbot.Option{
		tgbot.WithServerURL(strings.TrimRight(b.opts.APIURL, "/")),
		tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(b.handle),
		tgbot.WithErrorsHandler(b.libError),
		tgbot.WithNotAsyncHandlers(), // one reader; our dispatcher does the concurrency
		tgbot.WithWorkers(1),
		tgbot.WithUpdatesChannelCap(1), // so few updates wait unrecorded between Telegram and us
		tgbot.WithHTTPClient(b.opts.PollTimeout, b.http),
		tgbot.WithAllowedUpdates(allowedUpdates),
	}
	if webhook {
		tgOpts = append(tgOpts, tgbot.WithWebhookSecretToken(b.opts.WebhookSecret))
	}
	tg, err := tgbot.New(b.opts.Token, tgOpts...)
	if err != nil {
		return fmt.Errorf("create telegram client: %w", err)
	}
	b.tg = tg
	b.send = &sender{tg: tg, pace: newPacer(b.opts.Pacing), backoff: b.opts.RetryBackoff, log: b.log, metrics: b.metrics,
		secrets: []string{b.opts.Token, b.opts.WebhookSecret}}
	if err := b.introduce(ctx); err != nil {
		return err
	}
	b.loadPacing()
	pending, err := b.openJournal()
	if err != nil {
		return err
	}
	defer b.journal.close()
	stopMetrics, err := b.serveMetrics()
	if err != nil {
		return err
	}
	defer stopMetrics()

	// Intake is stopped explicitly, in order (see stopped), not by ctx: in webhook mode the HTTP server must stop
	// accepting before go-telegram's worker stops reading, or an update answered 200 would be lost.
	intake, stopIntake := context.WithCancel(context.WithoutCancel(ctx))
	defer stopIntake()
	var stopped func()
	if webhook {
		stopped, err = b.startWebhook(ctx, intake, stopIntake)
	} else {
		stopped, err = b.startPolling(ctx, intake, stopIntake)
	}
	if err != nil {
		return err
	}
	// Questions from before a restart are queued once intake works, so a start that fails leaves them journaled.
	b.replay(pending)
	b.health.setState("ready")
	close(b.ready)
	<-ctx.Done()
	b.health.setState("stopping")
	b.log.Info("shutting down: no new questions; finishing the ones in flight", "timeout", b.opts.ShutdownTimeout)
	stopped()
	if n := b.disp.drain(b.opts.ShutdownTimeout); n > 0 {
		b.log.Error("shutdown timeout: answers not delivered", "count", n)
	}
	b.logStale()
	b.savePacing()
	if !webhook {
		b.confirmUpdates()
	}
	b.log.Info("stopped")
	return nil
}

// Ready returns a channel closed once Run has connected to Telegram, bound its listeners and takes updates (when
// /readyz turns ready). It stays open if Run fails to start.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// WebhookAddr is the address the webhook listens on as bound, so WebhookListen ":0" (a free port) can be
// reached; "" in polling mode and until Run has bound it (it is set when Ready is closed).
func (b *Bot) WebhookAddr() string { return loadAddr(&b.webhookAddr) }

// MetricsAddr is the address /metrics, /healthz and /readyz are served on as bound, like WebhookAddr; "" without
// Options.MetricsAddr and until Run has bound it.
func (b *Bot) MetricsAddr() string { return loadAddr(&b.metricsAddr) }

func loadAddr(p *atomic.Pointer[string]) string {
	if a := p.Load(); a != nil {
		return *a
	}
	return ""
}

// telegramClient is the client for every Bot API call: Options.HTTPClient (copied, not changed) or one that
// keeps its connections, with a transport that tells health how each call went.
func (b *Bot) telegramClient() *http.Client {
	var c http.Client
	if b.opts.HTTPClient != nil {
		c = *b.opts.HTTPClient
	} else {
		// Many chats are answered at once: keep their connections instead of redialling (the default keeps 2).
		c.Transport = &http.Transport{Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 64,
			IdleConnTimeout: 90 * time.Second, ForceAttemptHTTP2: true}
	}
	if c.Timeout == 0 {
		c.Timeout = b.opts.PollTimeout + 15*time.Second
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = observedTransport{report: b.health.telegram, scrub: func(err error) string { return b.send.scrub(err) },
		next: next}
	return &c
}

// introduce learns who the bot is, registers its commands and descriptions (in English and Arabic), and says
// what group privacy mode means. Only getMe must succeed: the rest is logged when it fails.
func (b *Bot) introduce(ctx context.Context) error {
	var me *models.User
	// Five tries, any failure but a rejected token backed off (about 0.5 s, 1 s, 2 s, 4 s): a bot started with
	// its network, or just before Telegram answers, still starts.
	getMe := retryPolicy{attempts: 5, transients: 4, base: b.opts.RetryBackoff, waiting: func(err error, _ time.Duration) {
		b.log.Warn("telegram not reachable yet; retrying", "err", b.send.scrub(err))
	}}
	call := func() (err error) {
		me, err = b.tg.GetMe(ctx)
		return err
	}
	judge := func(err error) (verdict, error) {
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
			return giveUp, errors.New("telegram rejected " + config.EnvTelegramToken +
				" (unauthorized): check the token from @BotFather")
		}
		unreachable := fmt.Errorf("reach telegram (getMe): %s", b.send.scrub(err))
		if ctx.Err() != nil {
			return giveUp, unreachable
		}
		return transient, unreachable
	}
	if err := retry(ctx, getMe, call, judge); err != nil {
		return err
	}
	b.me = self{id: me.ID, username: me.Username}
	if me.CanReadAllGroupMessages {
		b.log.Info("bot ready; group privacy mode is OFF: Telegram delivers every group message, and the bot still answers only when addressed",
			"username", me.Username)
	} else {
		b.log.Info("bot ready; group privacy mode is ON: in groups Telegram delivers only commands, replies to the bot and messages that mention it, which is all the bot answers",
			"username", me.Username)
	}
	for _, set := range []struct {
		lang string
		cmds []models.BotCommand
	}{
		{"", []models.BotCommand{{Command: "ask", Description: "Ask a question"}, {Command: "help", Description: "How to ask"},
			{Command: "sources", Description: "What I know"}, {Command: "start", Description: "Welcome"}}},
		{"ar", []models.BotCommand{{Command: "ask", Description: "اطرح سؤالاً"}, {Command: "help", Description: "طريقة السؤال"},
			{Command: "sources", Description: "مصادري"}, {Command: "start", Description: "ترحيب"}}},
	} {
		if _, err := b.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: set.cmds, LanguageCode: set.lang}); err != nil {
			b.log.Warn("could not register commands", "lang", set.lang, "err", b.send.scrub(err))
		}
	}
	for _, d := range descriptions {
		if _, err := b.tg.SetMyShortDescription(ctx, &tgbot.SetMyShortDescriptionParams{ShortDescription: d.short,
			LanguageCode: d.lang}); err != nil {
			b.log.Warn("could not set the short description", "lang", d.lang, "err", b.send.scrub(err))
		}
		if _, err := b.tg.SetMyDescription(ctx, &tgbot.SetMyDescriptionParams{Description: d.long,
			LanguageCode: d.lang}); err != nil {
			b.log.Warn("could not set the description", "lang", d.lang, "err", b.send.scrub(err))
		}
	}
	return nil
}

// startPolling removes a leftover webhook and long-polls getUpdates; stopped ends polling and waits for it.
func (b *Bot) startPolling(ctx, intake context.Context, stopIntake func()) (stopped func(), err error) {
	if _, err := b.tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		b.log.Warn("could not remove a webhook; polling may get 409 Conflict", "err", b.send.scrub(err))
	}
	done := make(chan struct{})
	go func() { b.tg.Start(intake); close(done) }()
	b.log.Info("polling for updates")
	return func() { stopIntake(); <-done }, nil
}

// serveMetrics starts /metrics, /healthz and /readyz when METRICS_ADDR is set.
func (b *Bot) serveMetrics() (stop func(), err error) {
	if b.opts.MetricsAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", b.opts.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", config.EnvMetricsAddr, b.opts.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", b.metrics.handler())
	b.health.register(mux)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	addr := ln.Addr().String()
	b.metricsAddr.Store(&addr)
	b.log.Info("metrics at /metrics, health at /healthz and /readyz", "addr", addr)
	return func() { srv.Close() }, nil
}

// libError receives go-telegram's internal errors (polling, webhook decoding): scrubbed of the token, and
// throttled so a second instance polling the same token (409 Conflict) gives one clear line, not a flood.
func (b *Bot) libError(err error) {
	msg := b.send.scrub(err)
	if errors.Is(err, tgbot.ErrorConflict) {
		if n, ok := b.libErrors.allow("conflict", time.Minute); ok {
			b.log.Error("another instance is polling with this token (409 Conflict): stop it, or run one instance; retrying with backoff",
				"suppressed", n)
		}
		return
	}
	b.metrics.errors.WithLabelValues("telegram").Inc()
	if n, ok := b.libErrors.allow("other", 10*time.Second); ok {
		b.log.Warn("telegram client", "err", msg, "suppressed", n)
	}
}

// logThrottle lets one log line per key through per interval and counts the rest.
type logThrottle struct {
	mu   sync.Mutex
	last map[string]time.Time
	held map[string]int
}

func (t *logThrottle) allow(key string, every time.Duration) (suppressed int, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.last == nil {
		t.last, t.held = map[string]time.Time{}, map[string]int{}
	}
	if time.Since(t.last[key]) < every {
		t.held[key]++
		return 0, false
	}
	t.last[key] = time.Now()
	n := t.held[key]
	t.held[key] = 0
	return n, true
}
