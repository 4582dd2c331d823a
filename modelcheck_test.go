package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ccabot/config"
	"ccabot/rag/llm"
	"ccabot/rag/ragtest"
)

// A failed call to the model endpoint names the setting to fix, for each use of it: the chat model (the start-up
// check), the embedding model and the speech model. A key the server wants, a key it rejects, a model it lacks, an
// endpoint that does not answer in time; a good endpoint is no error, and the key never shows.
func TestModelErrorsNameTheSetting(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	hung := ragtest.New(t, ragtest.WithLatency(time.Hour))
	url, key := srv.URL(), srv.Key()
	chat := func(ctx context.Context, cfg config.Config) error {
		return chatSettings(cfg).explain(llm.NewModel(modelOptions(cfg, cfg.ChatModel, nil)).Check(ctx))
	}
	embed := func(ctx context.Context, cfg config.Config) error {
		_, err := llm.NewEmbedder(modelOptions(cfg, cfg.EmbeddingModel, nil)).Embed(ctx, []string{"the secretariat"})
		return embeddingSettings(cfg).explain(err)
	}
	hear := func(ctx context.Context, cfg config.Config) error {
		_, err := newTranscriber(cfg, nil).Transcribe(ctx, []byte("OggS"), "voice.ogg", "en")
		return err // newTranscriber's errors come explained
	}
	tests := []struct {
		name      string
		call      func(context.Context, config.Config) error
		env       []string
		want, not string // want "" means no error
	}{
		{"chat, no key", chat, []string{"OPENAI_BASE_URL", url}, "OPENAI_BASE_URL wants an API key (401): set OPENAI_API_KEY",
			"rejected"},
		{"chat, wrong key", chat, []string{"OPENAI_BASE_URL", url, "OPENAI_API_KEY", "sk-wrong"},
			"OPENAI_API_KEY was rejected by OPENAI_BASE_URL (401)", "sk-wrong"},
		{"chat, unknown model", chat, []string{"OPENAI_BASE_URL", url, "OPENAI_API_KEY", key, "CHAT_MODEL", "gpt-9"},
			`model "gpt-9" not found at OPENAI_BASE_URL (check CHAT_MODEL)`, ""},
		{"chat, hung", chat, []string{"OPENAI_BASE_URL", hung.URL(), "OPENAI_API_KEY", key, "LLM_TIMEOUT", "50ms"},
			"OPENAI_BASE_URL did not answer within LLM_TIMEOUT", ""},
		{"chat, good", chat, []string{"OPENAI_BASE_URL", url, "OPENAI_API_KEY", key}, "", ""},

		{"embeddings, no key", embed, []string{"OPENAI_BASE_URL", url}, "set OPENAI_API_KEY", "rejected"},
		{"embeddings, unknown model", embed, []string{"OPENAI_BASE_URL", url, "OPENAI_API_KEY", key,
			"EMBEDDING_MODEL", "gpt-4o-mini"},
			`model "gpt-4o-mini" not found at OPENAI_BASE_URL (check EMBEDDING_MODEL, or EMBEDDING_PROVIDER=local)`, ""},
		{"embeddings, good", embed, []string{"OPENAI_BASE_URL", url, "OPENAI_API_KEY", key, "EMBEDDING_MODEL", "bge-m3"},
			"", ""},

		{"speech at the chat endpoint, wrong key", hear, []string{"OPENAI_API_KEY", "sk-wrong", "OPENAI_BASE_URL", url},
			"OPENAI_API_KEY was rejected by OPENAI_BASE_URL (401)", "sk-wrong"},
		{"speech at the chat endpoint, unknown model", hear, []string{"OPENAI_API_KEY", key, "OPENAI_BASE_URL", url,
			"TRANSCRIPTION_MODEL", "llama3.1"},
			`model "llama3.1" not found at OPENAI_BASE_URL (check TRANSCRIPTION_MODEL, or TRANSCRIPTION_MODEL=off for no voice)`,
			""},
		{"speech apart, no key", hear, []string{"OPENAI_API_KEY", key, "TRANSCRIPTION_BASE_URL", url},
			"TRANSCRIPTION_BASE_URL wants an API key (401): set TRANSCRIPTION_API_KEY", "OPENAI"},
		{"speech apart, wrong key", hear, []string{"TRANSCRIPTION_BASE_URL", url, "TRANSCRIPTION_API_KEY", "sk-wrong"},
			"TRANSCRIPTION_API_KEY was rejected by TRANSCRIPTION_BASE_URL (401)", "sk-wrong"},
		{"speech apart, good", hear, []string{"TRANSCRIPTION_BASE_URL", url, "TRANSCRIPTION_API_KEY", key}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := config.Load(fakeEnv(t, tt.env...), noEnvFile)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.call(t.Context(), cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("a good endpoint: %v", err)
			case tt.want == "":
			case err == nil || !strings.Contains(err.Error(), tt.want) || tt.not != "" && strings.Contains(err.Error(), tt.not):
				t.Errorf("error %v, want %q in it and not %q", err, tt.want, tt.not)
			case errors.Is(err, llm.ErrPermanent) != !errors.Is(err, context.DeadlineExceeded):
				t.Errorf("error %v: errors.Is no longer sees the cause (llm.ErrPermanent or a deadline)", err)
			}
		})
	}
}

// A recording the speech endpoint cannot read (a 400) is no setting's fault, so its error names none.
func TestUnreadableRecordingNamesNoSetting(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	cfg, err := config.Load(fakeEnv(t, "OPENAI_BASE_URL", srv.URL(), "OPENAI_API_KEY", srv.Key()), noEnvFile)
	if err != nil {
		t.Fatal(err)
	}
	_, err = newTranscriber(cfg, nil).Transcribe(t.Context(), []byte("%PDF"), "scan.pdf", "")
	if err == nil || strings.Contains(err.Error(), "TRANSCRIPTION_") || strings.Contains(err.Error(), "OPENAI_") {
		t.Errorf("Transcribe(scan.pdf) = %v, want the endpoint's 400 without a setting to blame", err)
	}
}

// With EMBEDDING_PROVIDER=openai at a server that lacks EMBEDDING_MODEL (Ollama has its own embedding models),
// the start-up falls back to the offline embedder and its log line says which setting to change.
func TestRemoteEmbeddingsFailureNamesTheSetting(t *testing.T) {
	t.Parallel()
	ollama := ragtest.New(t, ragtest.WithKey(""), ragtest.WithEmbeddingModels("nomic-embed-text"))
	out, stderr, code := runCmd(t, fakeEnv(t, "OPENAI_BASE_URL", ollama.URL(), "CHAT_MODEL", "llama3.1",
		"EMBEDDING_PROVIDER", "openai", "LOG_LEVEL", "warn"), "", "ask", "who heads the secretariat?")
	if code != 0 || !strings.Contains(out, "Wu Yingchen") {
		t.Fatalf("ask exit %d: %s\n%s", code, out, stderr)
	}
	want := `text-embedding-3-small\" not found at OPENAI_BASE_URL (check EMBEDDING_MODEL, or EMBEDDING_PROVIDER=local)`
	if !strings.Contains(stderr, "indexing with the offline embedder") || !strings.Contains(stderr, want) {
		t.Errorf("logs = %s, want the fallback and %q", stderr, want)
	}
}
