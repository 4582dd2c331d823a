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
}

// VoiceEnabled reports whether voice questions are transcribed: a speech endpoint is configured (the chat
// endpoint's, or TRANSCRIPTION_BASE_URL) and TRANSCRIPTION_MODEL is not "off".
func (c Config) VoiceEnabled() bool {
	return !strings.EqualFold(c.TranscriptionModel, "off") && (c.LLMEnabled() || c.transcriptionURLSet)
}

// LLMEnabled reports whether model answers are switched on: an API key or a base URL is set (Ollama needs no key).
func (c Config) LLMEnabled() bool { return c.OpenAIKey != "" || c.openAIBaseURLSet }

// Defaults of the settings that have one.
const (
	DefaultTelegramAPIURL = "https://api.telegram.org"
	DefaultOpenAIBaseURL  = "https://api.openai.com/v1"
	DefaultChatModel      = "gpt-4o-mini"
	DefaultEmbeddingModel = "text-embedding-3-small"
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
		TelegramToken:     Secret(r.str("TELEGRAM_BOT_TOKEN", "")),
		TelegramAPIURL:    r.url("TELEGRAM_API_URL", DefaultTelegramAPIURL),
		WebhookURL:        r.url("WEBHOOK_URL", ""),
		WebhookSecret:     Secret(r.str("WEBHOOK_SECRET", "")),
		WebhookListen:     r.addr("WEBHOOK_LISTEN", ":8080"),
		AllowedChatIDs:    r.int64s("ALLOWED_CHAT_IDS"),
		MaxQuestionChars:  r.posInt("MAX_QUESTION_CHARS", 1000),
		MaxQuestionAge:    r.duration("MAX_QUESTION_AGE", 15*time.Minute),
		ShutdownTimeout:   r.duration("SHUTDOWN_TIMEOUT", 20*time.Second),
		RateBurst:         r.posInt("RATE_BURST", 5),
		RatePerMinute:     r.posInt("RATE_PER_MINUTE", 10),
		MetricsAddr:       r.addr("METRICS_ADDR", ""),
		OpenAIKey:         Secret(r.str("OPENAI_API_KEY", "")),
		OpenAIBaseURL:     r.url("OPENAI_BASE_URL", DefaultOpenAIBaseURL),
		ChatModel:         r.str("CHAT_MODEL", DefaultChatModel),
		LLMTimeout:        r.duration("LLM_TIMEOUT", 30*time.Second),
		LLMMaxConcurrency: r.posInt("LLM_MAX_CONCURRENCY", 4),
		EmbeddingProvider: r.oneOf("EMBEDDING_PROVIDER", "local", "local", "openai"),
		EmbeddingModel:    r.str("EMBEDDING_MODEL", DefaultEmbeddingModel),
		DataDir:           r.str("DATA_DIR", defaultDataDir()),
		KnowledgeDir:      r.str("KNOWLEDGE_DIR", ""),
		KnowledgeMaxBytes: r.size("KNOWLEDGE_MAX_BYTES", DefaultKnowledgeMaxBytes),
		TopK:              r.posInt("TOP_K", 3),
		MinCoverage:       r.fraction("MIN_COVERAGE", 0.5),
		PromptTokens:      r.posInt("PROMPT_TOKENS", DefaultPromptTokens),
		LogLevel:          r.level("LOG_LEVEL"),
		LogFormat:         r.oneOf("LOG_FORMAT", "text", "text", "json"),
	}
	c.openAIBaseURLSet = r.get("OPENAI_BASE_URL") != ""
	c.TranscriptionModel = r.str("TRANSCRIPTION_MODEL", "whisper-1")
	c.TranscriptionBaseURL = r.url("TRANSCRIPTION_BASE_URL", c.OpenAIBaseURL)
	c.TranscriptionKey = Secret(r.str("TRANSCRIPTION_API_KEY", c.OpenAIKey.Reveal()))
	c.VoiceMaxSeconds = r.posInt("VOICE_MAX_SECONDS", 60)
	c.VoiceMaxBytes = int64(r.posInt("VOICE_MAX_MB", 20)) << 20
	c.VoicePerMinute = r.posInt("VOICE_PER_MINUTE", 3)
	if c.VoiceMaxBytes > 20<<20 {
		r.fail("VOICE_MAX_MB", "is over 20: Telegram's getFile serves files up to 20 MB")
	}
	c.transcriptionURLSet = r.get("TRANSCRIPTION_BASE_URL") != ""
	if t := c.TelegramToken.Reveal(); t != "" && !tokenFormat.MatchString(t) {
		// The value is never shown: it is a credential, even when mistyped.
		r.fail("TELEGRAM_BOT_TOKEN", "is not a bot token: want digits, a colon and 35 letters, digits, _ or - (as @BotFather gives it); copy it again, without quotes or spaces")
	}
	if u, err := url.Parse(c.WebhookURL); c.WebhookURL != "" && err == nil && u.Scheme != "https" {
		r.fail("WEBHOOK_URL", "must be an https:// URL: Telegram posts updates only over HTTPS (put a TLS proxy in front of WEBHOOK_LISTEN)")
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		r.fail("WEBHOOK_SECRET", "is required when WEBHOOK_URL is set (any 1-256 characters of A-Z a-z 0-9 _ -)")
	}
	if c.EmbeddingProvider == "openai" && !c.LLMEnabled() {
		r.fail("EMBEDDING_PROVIDER", "is openai, but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set")
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
