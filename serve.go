package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"ccabot/bot"
	"ccabot/config"
	"ccabot/knowledge"
	"ccabot/rag"
	"ccabot/rag/llm"
)

// serve runs the Telegram bot. Without TELEGRAM_BOT_TOKEN it does not fail obscurely: on a terminal it says how
// to connect Telegram and starts chat; otherwise it names the variable and the offline commands.
func (e *env) serve(ctx context.Context) error {
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if cfg.TelegramToken == "" {
		if isTerminal(e.stdin) {
			fmt.Fprintln(e.stderr, config.EnvTelegramToken+" is not set, so here is the offline chat (set it, e.g. in .env, to run the Telegram bot). Ctrl-D or Ctrl-C ends it.")
			return e.chat(ctx, nil)
		}
		return errors.New(config.EnvTelegramToken + ` is not set: set it to run the Telegram bot, or use "ccabot ask QUESTION" or "ccabot chat" offline`)
	}
	// The operator asked for these documents: a bot that quietly serves without them would look fine until
	// someone asked about them. (ask and chat only warn: they are for trying things.)
	if cfg.KnowledgeDir != "" {
		if fi, err := os.Stat(cfg.KnowledgeDir); err != nil || !fi.IsDir() {
			return fmt.Errorf("configuration:\n%[1]s %[2]q does not exist or is not a folder: create it and put .md or .txt files in it, or unset %[1]s",
				config.EnvKnowledgeDir, cfg.KnowledgeDir)
		}
	}
	log := newLogger(cfg, e.stderr)
	checkDataDir(&cfg, log, slog.LevelError)
	svc, corpus, err := newService(ctx, cfg, log)
	if err != nil {
		return err
	}
	if m := svc.Model(); m != nil {
		// Checked in the background: a slow endpoint must not delay serving (extractive answers meanwhile
		// come from the fallback path).
		go func() {
			if err := chatSettings(cfg).explain(m.Check(ctx)); err != nil && ctx.Err() == nil {
				if errors.Is(err, llm.ErrPermanent) {
					svc.DisableModel()
					log.Error("model answers are off; serving extractive answers", "err", err)
				} else {
					log.Error("model endpoint not answering at start; each question falls back to the extractive answer until it does", "err", err)
				}
			}
		}()
	}
	b, err := bot.New(botOptions(cfg, corpus, log), answerer{svc})
	if err != nil {
		return err
	}
	return b.Run(ctx)
}

func botOptions(cfg config.Config, corpus knowledge.Corpus, log *slog.Logger) bot.Options {
	return bot.Options{
		Token: cfg.TelegramToken.Reveal(), APIURL: cfg.TelegramAPIURL,
		WebhookURL: cfg.WebhookURL, WebhookSecret: cfg.WebhookSecret.Reveal(), WebhookListen: cfg.WebhookListen,
		AllowedChatIDs: cfg.AllowedChatIDs, MetricsAddr: cfg.MetricsAddr,
		MaxQuestionChars: cfg.MaxQuestionChars, MaxQuestionAge: cfg.MaxQuestionAge,
		ShutdownTimeout: cfg.ShutdownTimeout, RateBurst: cfg.RateBurst, RatePerMinute: cfg.RatePerMinute,
		Workers: cfg.AnswerWorkers, Logger: log, DataDir: cfg.DataDir, Transcriber: newTranscriber(cfg, log),
		VoiceMaxSeconds: cfg.VoiceMaxSeconds, VoiceMaxBytes: cfg.VoiceMaxBytes, VoicePerMinute: cfg.VoicePerMinute,
		// Room for a follow-up rewrite, a query embedding and the answer, each bounded by LLM_TIMEOUT.
		AnswerTimeout: 3*cfg.LLMTimeout + 15*time.Second,
		Documents:     corpus.Sources(),
	}
}

// answerer adapts the question-answering service to the bot's Answerer.
type answerer struct{ svc *rag.Service }

func (a answerer) Answer(ctx context.Context, q bot.Question) (bot.Reply, error) {
	prev, _ := q.Prev.Memo().(*rag.Turn)
	ans, err := a.svc.Ask(ctx, rag.Request{Question: q.Text, Prev: prev, OnPartial: q.Partial, UserLang: q.UserLang})
	if err != nil {
		return bot.Reply{}, err
	}
	r := bot.Reply{Lang: string(ans.Lang), Body: ans.Body, Mode: string(ans.Mode), Refused: ans.Refused,
		Score: ans.BestScore, Turn: bot.NewTurn(ans.Turn)}
	if ans.Refused {
		r.Body = ans.Text
	}
	for i, s := range ans.Sources {
		if ans.Mode == rag.Extractive && i > 0 {
			break // an extractive answer quotes one passage; the rest were only retrieved
		}
		r.Sources = append(r.Sources, bot.Source{Ref: s.Ref, ID: s.ID, Publisher: s.Publisher,
			Date: rag.FormatDate(s.Date, ans.Lang)})
	}
	return r, nil
}
