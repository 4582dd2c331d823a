package config

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

func TestDefaultsNeedNothing(t *testing.T) {
	t.Parallel()
	c, err := Load(env(nil), "")
	if err != nil {
		t.Fatalf("Load() = %v", err)
	}
	if c.TelegramAPIURL != DefaultTelegramAPIURL || c.ChatModel != DefaultChatModel || c.EmbeddingProvider != "local" ||
		c.LLMTimeout != 30*time.Second || c.MaxQuestionChars != 1000 || c.MaxQuestionAge != 15*time.Minute ||
		c.TopK != 3 || c.AnswerWorkers != 16 || c.LogLevel != slog.LevelInfo || c.LLMEnabled() || c.DataDir == "" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestDotEnvFillsInButEnvironmentWins(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), ".env")
	data := "# comment\nCHAT_MODEL=from-file\nTOP_K=5\nOPENAI_BASE_URL=http://localhost:11434/v1\n"
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"CHAT_MODEL": "from-env"}), file)
	if err != nil {
		t.Fatal(err)
	}
	if c.ChatModel != "from-env" || c.TopK != 5 || !c.LLMEnabled() || c.OpenAIBaseURL != "http://localhost:11434/v1" {
		t.Errorf("Load = model %q, k %d, llm %v", c.ChatModel, c.TopK, c.LLMEnabled())
	}
	if _, err := Load(env(nil), filepath.Join(t.TempDir(), "missing.env")); err != nil {
		t.Errorf("a missing .env is an error: %v", err)
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	t.Parallel()
	_, err := Load(env(map[string]string{
		"TOP_K": "0", "LLM_TIMEOUT": "soon", "TELEGRAM_API_URL": "ftp://x", "EMBEDDING_PROVIDER": "openai",
		"WEBHOOK_URL": "https://bot.example/tg", "ALLOWED_CHAT_IDS": "1,two", "MIN_COVERAGE": "2",
		"LOG_LEVEL": "chatty", "LOG_FORMAT": "xml",
	}), "")
	if err == nil {
		t.Fatal("Load accepted bad values")
	}
	for _, v := range []string{"TOP_K", "LLM_TIMEOUT", "TELEGRAM_API_URL", "EMBEDDING_PROVIDER", "WEBHOOK_SECRET",
		"ALLOWED_CHAT_IDS", "MIN_COVERAGE", "LOG_LEVEL", "LOG_FORMAT"} {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error does not name %s:\n%v", v, err)
		}
	}
}

func TestSecretNeverPrints(t *testing.T) {
	t.Parallel()
	c, err := Load(env(map[string]string{"TELEGRAM_BOT_TOKEN": validToken, "OPENAI_API_KEY": "sk-secret"}), "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, nil)).Info("config", "token", c.TelegramToken, "cfg", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v %v", c, c, c.OpenAIKey), b.String()} {
		if strings.Contains(s, validToken) || strings.Contains(s, "sk-secret") {
			t.Errorf("a secret leaked: %s", s)
		}
	}
	if c.TelegramToken.Reveal() != validToken {
		t.Errorf("Reveal() = %q", c.TelegramToken.Reveal())
	}
}

func TestDataDirOff(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"off", "OFF", "Off", "none", "NONE"} {
		c, err := Load(env(map[string]string{"DATA_DIR": v}), "")
		if err != nil || c.DataDir != "" {
			t.Errorf("Load(DATA_DIR=%s) = %q, %v; want in-memory", v, c.DataDir, err)
		}
	}
	if c, _ := Load(env(map[string]string{"DATA_DIR": "offline"}), ""); c.DataDir != "offline" {
		t.Errorf("Load(DATA_DIR=offline) = %q, want the folder", c.DataDir)
	}
}

// validToken has the shape of a real bot token (it is not one).
const validToken = "123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123"

// TestMistakesFailAtLoad: values that would fail only later (at the first Telegram call, when a server starts)
// are each reported at load in one line naming the variable, and a token is never echoed.
func TestMistakesFailAtLoad(t *testing.T) {
	t.Parallel()
	bad := []struct{ key, value string }{
		{"TELEGRAM_BOT_TOKEN", "123456789:short"},
		{"TELEGRAM_BOT_TOKEN", "bot" + validToken},
		{"TELEGRAM_BOT_TOKEN", validToken + "x"},
		{"TELEGRAM_BOT_TOKEN", strings.Replace(validToken, "-", "+", 1)},
		{"TELEGRAM_BOT_TOKEN", "AAH-abcdefghijklmnopqrstuvwxyz_0123"},
		{"METRICS_ADDR", "9090"},
		{"METRICS_ADDR", "localhost"},
		{"METRICS_ADDR", "http://127.0.0.1:9090"},
		{"WEBHOOK_LISTEN", "8080"},
		{"WEBHOOK_LISTEN", ":http-alt"},
		{"WEBHOOK_LISTEN", ":70000"},
		{"WEBHOOK_URL", "http://bot.example/tg"},
		{"ANSWER_WORKERS", "0"},
	}
	for _, tt := range bad {
		vars := map[string]string{tt.key: tt.value}
		if tt.key == "WEBHOOK_URL" {
			vars["WEBHOOK_SECRET"] = "s3cret"
		}
		_, err := Load(env(vars), "")
		if err == nil {
			t.Errorf("Load(%s=%q) accepted it", tt.key, tt.value)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, tt.key+" ") || strings.Contains(msg, "\n") {
			t.Errorf("Load(%s=%q) = %q, want one line naming %s", tt.key, tt.value, msg, tt.key)
		}
		if tt.key == "TELEGRAM_BOT_TOKEN" && (strings.Contains(msg, tt.value) || !strings.Contains(msg, "@BotFather")) {
			t.Errorf("Load(%s=%q) = %q, want the fix and not the value", tt.key, tt.value, msg)
		}
	}
	good := map[string]string{"TELEGRAM_BOT_TOKEN": validToken, "METRICS_ADDR": "127.0.0.1:9090",
		"WEBHOOK_LISTEN": "[::1]:8443", "WEBHOOK_URL": "https://bot.example/tg", "WEBHOOK_SECRET": "s3cret"}
	c, err := Load(env(good), "")
	if err != nil || c.MetricsAddr != "127.0.0.1:9090" || c.WebhookListen != "[::1]:8443" {
		t.Errorf("Load(%v) = %+v, %v", good, c, err)
	}
	if c, err := Load(env(map[string]string{"METRICS_ADDR": ":0"}), ""); err != nil || c.WebhookListen != ":8080" {
		t.Errorf("Load(METRICS_ADDR=:0) = listen %q, %v; want the default :8080 and no error", c.WebhookListen, err)
	}
}

func TestKnowledgeMaxBytes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value string
		want  int64
		bad   bool
	}{
		{"", DefaultKnowledgeMaxBytes, false},
		{"1048576", 1 << 20, false},
		{"32MiB", 32 << 20, false},
		{"32 MB", 32 << 20, false},
		{"500KiB", 500 << 10, false},
		{"1GiB", 1 << 30, false},
		{"0", DefaultKnowledgeMaxBytes, true},
		{"-5MiB", DefaultKnowledgeMaxBytes, true},
		{"1.5MiB", DefaultKnowledgeMaxBytes, true},
		{"16 parsecs", DefaultKnowledgeMaxBytes, true},
		{"MiB", DefaultKnowledgeMaxBytes, true},
		{"99999999999GiB", DefaultKnowledgeMaxBytes, true},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			c, err := Load(env(map[string]string{"KNOWLEDGE_MAX_BYTES": tc.value}), "")
			if tc.bad != (err != nil) || tc.bad && !strings.Contains(err.Error(), "KNOWLEDGE_MAX_BYTES") {
				t.Errorf("Load(KNOWLEDGE_MAX_BYTES=%q) error = %v, want an error naming it: %v", tc.value, err, tc.bad)
			}
			if c.KnowledgeMaxBytes != tc.want {
				t.Errorf("Load(KNOWLEDGE_MAX_BYTES=%q).KnowledgeMaxBytes = %d, want %d", tc.value,
					c.KnowledgeMaxBytes, tc.want)
			}
		})
	}
}

// The chat endpoint's key goes to a speech endpoint only when it is the chat endpoint: a separate
// TRANSCRIPTION_BASE_URL gets TRANSCRIPTION_API_KEY or nothing. TranscriptionVars names the variables in force.
func TestTranscriptionKeyStaysWithItsEndpoint(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		env            map[string]string
		wantKey        string
		voice          bool
		urlVar, keyVar string
	}{
		{map[string]string{"OPENAI_API_KEY": "sk-chat"}, "sk-chat", true, "OPENAI_BASE_URL", "OPENAI_API_KEY"},
		{map[string]string{"OPENAI_API_KEY": "sk-chat", "TRANSCRIPTION_BASE_URL": "http://speech:8000/v1"}, "", true,
			"TRANSCRIPTION_BASE_URL", "TRANSCRIPTION_API_KEY"},
		{map[string]string{"OPENAI_API_KEY": "sk-chat", "TRANSCRIPTION_BASE_URL": "https://api.groq.com/openai/v1",
			"TRANSCRIPTION_API_KEY": "gsk-speech"}, "gsk-speech", true, "TRANSCRIPTION_BASE_URL", "TRANSCRIPTION_API_KEY"},
		{map[string]string{"OPENAI_API_KEY": "sk-chat", "TRANSCRIPTION_API_KEY": "sk-speech"}, "sk-speech", true,
			"OPENAI_BASE_URL", "TRANSCRIPTION_API_KEY"},
		{map[string]string{"OPENAI_API_KEY": "sk-chat", "TRANSCRIPTION_MODEL": "off"}, "sk-chat", false,
			"OPENAI_BASE_URL", "OPENAI_API_KEY"},
		{map[string]string{}, "", false, "OPENAI_BASE_URL", "OPENAI_API_KEY"},
	} {
		c, err := Load(func(k string) string { return tt.env[k] }, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.TranscriptionKey.Reveal(); got != tt.wantKey || c.VoiceEnabled() != tt.voice {
			t.Errorf("%v: key %q voice %v, want %q %v", tt.env, got, c.VoiceEnabled(), tt.wantKey, tt.voice)
		}
		if url, key := c.TranscriptionVars(); url != tt.urlVar || key != tt.keyVar {
			t.Errorf("%v: TranscriptionVars() = %s, %s, want %s, %s", tt.env, url, key, tt.urlVar, tt.keyVar)
		}
	}
}
