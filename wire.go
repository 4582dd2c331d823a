package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"time"

	"ccabot/bot"
	"ccabot/config"
	"ccabot/knowledge"
	"ccabot/rag"
	"ccabot/rag/llm"
)

// env is what every command reads from and writes to.
type env struct {
	getenv         func(string) string
	envFile        string // the optional dotenv file ("" for none); getenv wins over it
	stdin          io.Reader
	stdout, stderr io.Writer
}

// service loads the configuration and builds the question-answering service, for the offline commands.
func (e *env) service(ctx context.Context) (*rag.Service, config.Config, error) {
	cfg, err := e.config()
	if err != nil {
		return nil, cfg, err
	}
	log := newLogger(cfg, e.stderr)
	checkDataDir(&cfg, log, slog.LevelWarn)
	svc, _, err := newService(ctx, cfg, log)
	return svc, cfg, err
}

// checkDataDir says, once and before anything is built, that DATA_DIR cannot be written, and then runs without
// persistence (as DATA_DIR=off does) so that no later step reports it again: the index is rebuilt at each start
// and the bot keeps no question journal. It is not fatal: answering without persistence beats not answering.
func checkDataDir(cfg *config.Config, log *slog.Logger, level slog.Level) {
	if cfg.DataDir == "" {
		return
	}
	err := os.MkdirAll(cfg.DataDir, 0o755)
	if err == nil {
		var f *os.File
		if f, err = os.CreateTemp(cfg.DataDir, ".write-check-*"); err == nil {
			f.Close()
			os.Remove(f.Name())
		}
	}
	if err != nil {
		log.Log(context.Background(), level, fmt.Sprintf("%[1]s cannot be written, so this run keeps nothing: the index is rebuilt at each start and the bot keeps no journal, so questions taken before a crash may be lost; point %[1]s at a writable folder, or set %[1]s=off to run without persistence on purpose", config.EnvDataDir),
			config.EnvDataDir, cfg.DataDir, "err", err)
		cfg.DataDir = ""
	}
}

func (e *env) config() (config.Config, error) {
	cfg, err := config.Load(e.getenv, e.envFile)
	if err != nil {
		return cfg, fmt.Errorf("configuration:\n%w", err)
	}
	return cfg, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// newService loads the knowledge (built-in article plus KNOWLEDGE_DIR) and builds the index. Bad operator files
// and an index that cannot be saved are logged, never fatal.
func newService(ctx context.Context, cfg config.Config, log *slog.Logger) (*rag.Service, knowledge.Corpus, error) {
	start := time.Now()
	docs := knowledge.Builtin()
	extra, skipped, err := knowledge.LoadDir(cfg.KnowledgeDir, cfg.KnowledgeMaxBytes)
	if err != nil {
		log.Warn("knowledge dir not read; answering from the built-in article", config.EnvKnowledgeDir, cfg.KnowledgeDir,
			"err", err)
	}
	for _, s := range skipped {
		var over *knowledge.OverTotal
		if errors.As(s, &over) {
			log.Warn("knowledge files skipped: past "+config.EnvKnowledgeMaxBytes+" of operator text (files are read in "+
				"lexical order); raise it to index them", config.EnvKnowledgeMaxBytes, over.Limit, "files", len(over.Paths),
				"bytes", over.Bytes, "err", s)
			continue
		}
		log.Warn("knowledge file skipped", "err", s)
	}
	builtin := map[string]bool{}
	for _, d := range docs {
		builtin[d.ID] = true
	}
	extra = slices.DeleteFunc(extra, func(d knowledge.Document) bool {
		if builtin[d.ID] {
			log.Warn("knowledge file skipped: its id is a built-in document's", "path", d.Origin, "id", d.ID)
		}
		return builtin[d.ID]
	})
	corpus, problems := knowledge.NewCorpus(append(docs, extra...), 0)
	for _, p := range problems {
		log.Warn("knowledge document", "err", p)
	}
	opts := rag.IndexOptions{Dir: cfg.DataDir, Logger: log}
	if cfg.EmbeddingProvider == "openai" {
		opts.Embedder = rag.NewRemoteEmbedder(llm.NewEmbedder(modelOptions(cfg, cfg.EmbeddingModel, log)))
	}
	ix, stats, err := rag.NewIndex(ctx, corpus, opts)
	if ix == nil && opts.Embedder != nil && ctx.Err() == nil {
		log.Error("remote embeddings failed; indexing with the offline embedder instead", config.EnvEmbeddingModel,
			cfg.EmbeddingModel, "err", embeddingSettings(cfg).explain(err))
		opts.Embedder = nil
		ix, stats, err = rag.NewIndex(ctx, corpus, opts)
	}
	if ix == nil {
		return nil, corpus, err
	}
	if err != nil {
		log.Warn("index works but was not saved; it will be rebuilt next start", config.EnvDataDir, cfg.DataDir, "err", err)
	}
	log.Debug("index ready", "documents", len(corpus.Docs), "passages", stats.Passages, "reused", stats.Reused,
		"embedded", stats.Embedded, "dropped", stats.Dropped, "saved", stats.Persisted, "took", time.Since(start))
	var model *llm.Model
	if cfg.LLMEnabled() {
		model = llm.NewModel(modelOptions(cfg, cfg.ChatModel, log))
	}
	return rag.NewService(ix, rag.Options{TopK: cfg.TopK, MinCoverage: cfg.MinCoverage, PromptTokens: cfg.PromptTokens,
			Logger: log, Model: model}),
		corpus, nil
}

// newTranscriber is the speech-to-text client for voice questions, or nil when voice is off. Its errors name
// the settings to change (see explainingTranscriber).
func newTranscriber(cfg config.Config, log *slog.Logger) bot.Transcriber {
	if !cfg.VoiceEnabled() {
		return nil
	}
	return explainingTranscriber{settings: speechSettings(cfg), t: llm.NewTranscriber(llm.Options{
		BaseURL: cfg.TranscriptionBaseURL, APIKey: cfg.TranscriptionKey.Reveal(), Model: cfg.TranscriptionModel,
		Timeout: cfg.LLMTimeout, MaxConcurrency: cfg.LLMMaxConcurrency, Logger: log})}
}

func modelOptions(cfg config.Config, model string, log *slog.Logger) llm.Options {
	return llm.Options{BaseURL: cfg.OpenAIBaseURL, APIKey: cfg.OpenAIKey.Reveal(), Model: model,
		Timeout: cfg.LLMTimeout, MaxConcurrency: cfg.LLMMaxConcurrency, Logger: log}
}
