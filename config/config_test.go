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
		c.TopK != 3 || c.LogLevel != slog.LevelInfo || c.LLMEnabled() || c.DataDir == "" {
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
	c, err := Load(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "OPENAI_API_KEY": "sk-secret"}), "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, nil)).Info("config", "token", c.TelegramToken, "cfg", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v %v", c, c, c.OpenAIKey), b.String()} {
		if strings.Contains(s, "123:abc") || strings.Contains(s, "sk-secret") {
			t.Errorf("a secret leaked: %s", s)
		}
	}
	if c.TelegramToken.Reveal() != "123:abc" {
		t.Errorf("Reveal() = %q", c.TelegramToken.Reveal())
	}
}

func TestDataDirOff(t *testing.T) {
	t.Parallel()
	c, err := Load(env(map[string]string{"DATA_DIR": "off"}), "")
	if err != nil || c.DataDir != "" {
		t.Errorf("DATA_DIR=off gives %q, %v; want in-memory", c.DataDir, err)
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
