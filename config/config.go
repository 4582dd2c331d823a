// Package config reads the bot's settings from the environment and an optional .env file. Every setting has a
// default that works offline; .env.example lists them all with comments.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// Config is every operator setting. The zero value is not useful: use Load.
type Config struct {
	// Telegram.
	TelegramToken    Secret
	TelegramAPIURL   string
	WebhookURL       string
	WebhookSecret    Secret
	WebhookListen    string
	AllowedChatIDs   []int64
	MaxQuestionChars int
	MaxQuestionAge   time.Duration
	ShutdownTimeout  time.Duration
	RateBurst        int // questions a user may ask at once
	RatePerMinute    int // then this many a minute
	AnswerWorkers    int // questions answered at once, all chats together
	MetricsAddr      string

	// Model and embeddings through an OpenAI-compatible API.
	OpenAIKey         Secret
	OpenAIBaseURL     string
	ChatModel         string
	LLMTimeout        time.Duration
	LLMMaxConcurrency int
	EmbeddingProvider string // "local" or "openai"
	EmbeddingModel    string

	// Voice questions: transcription through an OpenAI-compatible /v1/audio/transcriptions endpoint, by default
	// the chat endpoint's. TranscriptionModel "off" (or no endpoint at all) turns voice off.
	TranscriptionModel   string
	TranscriptionBaseURL string
	TranscriptionKey     Secret
	VoiceMaxSeconds      int
	VoiceMaxBytes        int64
	VoicePerMinute       int

	// Knowledge and retrieval.
	DataDir      string // "" keeps the index in memory only
	KnowledgeDir string
	// KnowledgeMaxBytes is the most operator text indexed, all files together; the files past it are skipped.
	KnowledgeMaxBytes int64
	TopK              int
	MinCoverage       float64
	PromptTokens      int // budget of source text in a model prompt

	// Logging.
	LogLevel  slog.Level
	LogFormat string // "text" or "json"

	openAIBaseURLSet    bool
	transcriptionURLSet bool
	transcriptionKeySet bool
}

// VoiceEnabled reports whether voice questions are transcribed: a speech endpoint is configured (the chat
// endpoint's, or TRANSCRIPTION_BASE_URL) and TRANSCRIPTION_MODEL is not "off".
func (c Config) VoiceEnabled() bool {
	return !strings.EqualFold(c.TranscriptionModel, "off") && (c.LLMEnabled() || c.transcriptionURLSet)
}

// TranscriptionVars names the variables that gave TranscriptionBaseURL and TranscriptionKey, so that a message
// about the speech endpoint names the one to change: TRANSCRIPTION_BASE_URL when set, else the chat endpoint's
// OPENAI_BASE_URL; TRANSCRIPTION_API_KEY, except when the speech endpoint is the chat endpoint and no
// TRANSCRIPTION_API_KEY is set, when it is OPENAI_API_KEY.
func (c Config) TranscriptionVars() (baseURL, key string) {
	if c.transcriptionURLSet {
		return EnvTranscriptionBaseURL, EnvTranscriptionKey
	}
	if c.transcriptionKeySet {
		return EnvOpenAIBaseURL, EnvTranscriptionKey
	}
	return EnvOpenAIBaseURL, EnvOpenAIKey
}

// LLMEnabled reports whether model answers are switched on: an API key or a base URL is set (Ollama needs no key).
func (c Config) LLMEnabled() bool { return c.OpenAIKey != "" || c.openAIBaseURLSet }

// The environment variables Load reads. Only this package spells their names: a message elsewhere that names a
// setting takes the name from here.
const (
	EnvTelegramToken        = "TELEGRAM_BOT_TOKEN"
	EnvTelegramAPIURL       = "TELEGRAM_API_URL"
	EnvWebhookURL           = "WEBHOOK_URL"
	EnvWebhookSecret        = "WEBHOOK_SECRET"
	EnvWebhookListen        = "WEBHOOK_LISTEN"
	EnvAllowedChatIDs       = "ALLOWED_CHAT_IDS"
	EnvMaxQuestionChars     = "MAX_QUESTION_CHARS"
	EnvMaxQuestionAge       = "MAX_QUESTION_AGE"
	EnvShutdownTimeout      = "SHUTDOWN_TIMEOUT"
	EnvRateBurst            = "RATE_BURST"
	EnvRatePerMinute        = "RATE_PER_MINUTE"
	EnvAnswerWorkers        = "ANSWER_WORKERS"
	EnvMetricsAddr          = "METRICS_ADDR"
	EnvOpenAIKey            = "OPENAI_API_KEY"
	EnvOpenAIBaseURL        = "OPENAI_BASE_URL"
	EnvChatModel            = "CHAT_MODEL"
	EnvLLMTimeout           = "LLM_TIMEOUT"
	EnvLLMMaxConcurrency    = "LLM_MAX_CONCURRENCY"
	EnvEmbeddingProvider    = "EMBEDDING_PROVIDER"
	EnvEmbeddingModel       = "EMBEDDING_MODEL"
	EnvTranscriptionModel   = "TRANSCRIPTION_MODEL"
	EnvTranscriptionBaseURL = "TRANSCRIPTION_BASE_URL"
	EnvTranscriptionKey     = "TRANSCRIPTION_API_KEY"
	EnvVoiceMaxSeconds      = "VOICE_MAX_SECONDS"
	EnvVoiceMaxMB           = "VOICE_MAX_MB"
	EnvVoicePerMinute       = "VOICE_PER_MINUTE"
	EnvDataDir              = "DATA_DIR"
	EnvKnowledgeDir         = "KNOWLEDGE_DIR"
	EnvKnowledgeMaxBytes    = "KNOWLEDGE_MAX_BYTES"
	EnvTopK                 = "TOP_K"
	EnvMinCoverage          = "MIN_COVERAGE"
	EnvPromptTokens         = "PROMPT_TOKENS"
	EnvLogLevel             = "LOG_LEVEL"
	EnvLogFormat            = "LOG_FORMAT"
)

// Defaults of the settings that have one. Load applies them, and they are also what a zero field of
// bot.Options or rag.Options means, so each default is written here and nowhere else.
const (
	DefaultTelegramAPIURL   = "https://api.telegram.org"
	DefaultWebhookListen    = ":8080"
	DefaultMaxQuestionChars = 1000
	DefaultMaxQuestionAge   = 15 * time.Minute
	DefaultShutdownTimeout  = 20 * time.Second
	DefaultRateBurst        = 5
	DefaultRatePerMinute    = 10
	// DefaultAnswerWorkers is how many questions are answered at once. Above DefaultLLMMaxConcurrency, so every
	// model slot can be used while extractive answers (a few milliseconds each) go on beside them.
	DefaultAnswerWorkers = 16

	DefaultOpenAIBaseURL     = "https://api.openai.com/v1"
	DefaultChatModel         = "gpt-4o-mini"
	DefaultLLMTimeout        = 30 * time.Second
	DefaultLLMMaxConcurrency = 4
	DefaultEmbeddingModel    = "text-embedding-3-small"

	DefaultTranscriptionModel = "whisper-1"
	DefaultVoiceMaxSeconds    = 60
	DefaultVoicePerMinute     = 3
	// MaxVoiceBytes is the largest file Telegram lets a bot download (getFile: 20 MB): the most VOICE_MAX_MB may
	// say, and its default.
	MaxVoiceBytes = 20 << 20

	DefaultTopK = 3
	// DefaultMinCoverage: at least half of what a question asks about (weighted by rarity) must be in the source.
	// A question about something the article never names ("who is the president of Kazakhstan?") covers less.
	DefaultMinCoverage = 0.5
	// DefaultPromptTokens holds the whole built-in article with its English rendering (about 1,800 tokens a
	// prompt with the rules, o200k) and a few operator passages: about $0.30 per 1,000 questions on gpt-4o-mini.
	DefaultPromptTokens = 3000
	// DefaultKnowledgeMaxBytes is 16 MiB of operator text: about 28,000 passages of news prose, indexed in about
	// 5.5 s on two cores with the whole process peaking under 300 MB (README, "Load, faults and hostile input"),
	// which a small VM has. Each further MiB costs about 17 MB and 0.3 s; an operator who has them raises it.
	DefaultKnowledgeMaxBytes = 16 << 20
)

// Load reads the settings from getenv, falling back to the .env file at envFile when it exists ("" skips it); a
// variable set in the real environment wins over the file. It reports every problem at once, each naming its
// variable.
func Load(getenv func(string) string, envFile string) (Config, error) {
	file := map[string]string{}
	if envFile != "" {
		m, err := godotenv.Read(envFile)
		switch {
		case err == nil:
			file = m
		case errors.Is(err, fs.ErrNotExist):
		default:
			return Config{}, fmt.Errorf("read %s: %w", envFile, err)
		}
	}
	r := reader{get: func(k string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return strings.TrimSpace(file[k])
	}}
	c := Config{
		TelegramToken:     Secret(r.str(EnvTelegramToken, "")),
		TelegramAPIURL:    r.url(EnvTelegramAPIURL, DefaultTelegramAPIURL),
		WebhookURL:        r.url(EnvWebhookURL, ""),
		WebhookSecret:     Secret(r.str(EnvWebhookSecret, "")),
		WebhookListen:     r.addr(EnvWebhookListen, DefaultWebhookListen),
		AllowedChatIDs:    r.int64s(EnvAllowedChatIDs),
		MaxQuestionChars:  r.posInt(EnvMaxQuestionChars, DefaultMaxQuestionChars),
		MaxQuestionAge:    r.duration(EnvMaxQuestionAge, DefaultMaxQuestionAge),
		ShutdownTimeout:   r.duration(EnvShutdownTimeout, DefaultShutdownTimeout),
		RateBurst:         r.posInt(EnvRateBurst, DefaultRateBurst),
		RatePerMinute:     r.posInt(EnvRatePerMinute, DefaultRatePerMinute),
		AnswerWorkers:     r.posInt(EnvAnswerWorkers, DefaultAnswerWorkers),
		MetricsAddr:       r.addr(EnvMetricsAddr, ""),
		OpenAIKey:         Secret(r.str(EnvOpenAIKey, "")),
		OpenAIBaseURL:     r.url(EnvOpenAIBaseURL, DefaultOpenAIBaseURL),
		ChatModel:         r.str(EnvChatModel, DefaultChatModel),
		LLMTimeout:        r.duration(EnvLLMTimeout, DefaultLLMTimeout),
		LLMMaxConcurrency: r.posInt(EnvLLMMaxConcurrency, DefaultLLMMaxConcurrency),
		EmbeddingProvider: r.oneOf(EnvEmbeddingProvider, "local", "local", "openai"),
		EmbeddingModel:    r.str(EnvEmbeddingModel, DefaultEmbeddingModel),
		DataDir:           r.str(EnvDataDir, defaultDataDir()),
		KnowledgeDir:      r.str(EnvKnowledgeDir, ""),
		KnowledgeMaxBytes: r.size(EnvKnowledgeMaxBytes, DefaultKnowledgeMaxBytes),
		TopK:              r.posInt(EnvTopK, DefaultTopK),
		MinCoverage:       r.fraction(EnvMinCoverage, DefaultMinCoverage),
		PromptTokens:      r.posInt(EnvPromptTokens, DefaultPromptTokens),
		LogLevel:          r.level(EnvLogLevel),
		LogFormat:         r.oneOf(EnvLogFormat, "text", "text", "json"),
	}
	c.openAIBaseURLSet = r.get(EnvOpenAIBaseURL) != ""
	c.TranscriptionModel = r.str(EnvTranscriptionModel, DefaultTranscriptionModel)
	c.TranscriptionBaseURL = r.url(EnvTranscriptionBaseURL, c.OpenAIBaseURL)
	// The chat endpoint's key is sent for speech only to the chat endpoint: a separate speech server (Groq, a
	// local faster-whisper) gets its own key or none, never OPENAI_API_KEY.
	speechKey := c.OpenAIKey.Reveal()
	if r.get(EnvTranscriptionBaseURL) != "" {
		speechKey = ""
	}
	c.TranscriptionKey = Secret(r.str(EnvTranscriptionKey, speechKey))
	c.VoiceMaxSeconds = r.posInt(EnvVoiceMaxSeconds, DefaultVoiceMaxSeconds)
	c.VoiceMaxBytes = int64(r.posInt(EnvVoiceMaxMB, MaxVoiceBytes>>20)) << 20
	c.VoicePerMinute = r.posInt(EnvVoicePerMinute, DefaultVoicePerMinute)
	if c.VoiceMaxBytes > MaxVoiceBytes {
		r.fail(EnvVoiceMaxMB, fmt.Sprintf("is over %d: Telegram's getFile serves files up to %[1]d MB", MaxVoiceBytes>>20))
	}
	c.transcriptionURLSet = r.get(EnvTranscriptionBaseURL) != ""
	c.transcriptionKeySet = r.get(EnvTranscriptionKey) != ""
	if t := c.TelegramToken.Reveal(); t != "" && !tokenFormat.MatchString(t) {
		// The value is never shown: it is a credential, even when mistyped.
		r.fail(EnvTelegramToken, "is not a bot token: want digits, a colon and 35 letters, digits, _ or - (as @BotFather gives it); copy it again, without quotes or spaces")
	}
	if u, err := url.Parse(c.WebhookURL); c.WebhookURL != "" && err == nil && u.Scheme != "https" {
		r.fail(EnvWebhookURL, "must be an https:// URL: Telegram posts updates only over HTTPS (put a TLS proxy in front of "+
			EnvWebhookListen+")")
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		r.fail(EnvWebhookSecret, "is required when "+EnvWebhookURL+" is set (any 1-256 characters of A-Z a-z 0-9 _ -)")
	}
	if c.EmbeddingProvider == "openai" && !c.LLMEnabled() {
		r.fail(EnvEmbeddingProvider, "is openai, but neither "+EnvOpenAIKey+" nor "+EnvOpenAIBaseURL+" is set")
	}
	if strings.EqualFold(c.DataDir, "off") || strings.EqualFold(c.DataDir, "none") {
		c.DataDir = ""
	}
	return c, errors.Join(r.errs...)
}

// tokenFormat is the shape of a Telegram bot token: the bot's id, a colon and a 35-character secret. Checking it
// at load turns a pasted fragment or a stray quote into one clear line instead of a 401 or 404 from Telegram.
var tokenFormat = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]{35}$`)

// defaultDataDir is the user's cache directory, where a rebuildable index belongs.
func defaultDataDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "ccabot")
}

// reader parses variables and collects every problem.
type reader struct {
	get  func(string) string
	errs []error
}

func (r *reader) fail(key, msg string) { r.errs = append(r.errs, fmt.Errorf("%s %s", key, msg)) }

func (r *reader) str(key, def string) string {
	if v := r.get(key); v != "" {
		return v
	}
	return def
}

func (r *reader) url(key, def string) string {
	v := r.str(key, def)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		shown := "a value that is not a URL" // never echo what might hold credentials
		if err == nil {
			shown = fmt.Sprintf("scheme %q, host %q", u.Scheme, u.Host)
		}
		r.fail(key, fmt.Sprintf("must be an http(s) URL like %q, got %s", "https://host/path", shown))
		return def
	}
	return strings.TrimRight(v, "/")
}

// addr reads a listen address: host:port, where an empty host means every interface (":8080"). A bare port or
// a URL would otherwise fail only when the server starts, after the index is built.
func (r *reader) addr(key, def string) string {
	v := r.str(key, def)
	if v == "" {
		return ""
	}
	_, port, err := net.SplitHostPort(v)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		r.fail(key, fmt.Sprintf("must be host:port like 127.0.0.1:9090, or :9090 for every interface, got %q", v))
		return def
	}
	return v
}

func (r *reader) posInt(key string, def int) int {
	v := r.get(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		r.fail(key, fmt.Sprintf("must be a whole number above 0, got %q", v))
		return def
	}
	return n
}

// size reads a number of bytes: a whole number, optionally with a unit (KiB, MiB, GiB; KB, MB, GB are taken as
// the same powers of two, which is what people mean by them for file sizes).
func (r *reader) size(key string, def int64) int64 {
	v := r.get(key)
	if v == "" {
		return def
	}
	digits := strings.TrimRightFunc(v, func(c rune) bool { return c < '0' || c > '9' })
	unit := strings.ToLower(strings.TrimSpace(v[len(digits):]))
	shift, ok := map[string]int{"": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
		"g": 30, "gb": 30, "gib": 30}[unit]
	n, err := strconv.ParseInt(digits, 10, 64)
	if !ok || err != nil || n <= 0 || n > math.MaxInt64>>shift {
		r.fail(key, fmt.Sprintf("must be a size above 0 like 16MiB, 500KiB or 1048576, got %q", v))
		return def
	}
	return n << shift
}

func (r *reader) fraction(key string, def float64) float64 {
	v := r.get(key)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || f > 1 {
		r.fail(key, fmt.Sprintf("must be a number in (0, 1], got %q", v))
		return def
	}
	return f
}

func (r *reader) duration(key string, def time.Duration) time.Duration {
	v := r.get(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		r.fail(key, fmt.Sprintf("must be a positive duration like 30s or 15m, got %q", v))
		return def
	}
	return d
}

func (r *reader) oneOf(key, def string, allowed ...string) string {
	v := strings.ToLower(r.str(key, def))
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	r.fail(key, fmt.Sprintf("must be one of %s, got %q", strings.Join(allowed, ", "), v))
	return def
}

func (r *reader) level(key string) slog.Level {
	var l slog.Level
	v := r.str(key, "info")
	if err := l.UnmarshalText([]byte(v)); err != nil {
		r.fail(key, fmt.Sprintf("must be debug, info, warn or error, got %q", v))
		return slog.LevelInfo
	}
	return l
}

func (r *reader) int64s(key string) []int64 {
	v := r.get(key)
	if v == "" {
		return nil
	}
	var out []int64
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			r.fail(key, fmt.Sprintf("must be chat ids separated by commas, got %q", f))
			continue
		}
		out = append(out, n)
	}
	return out
}
