package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"ccabot/bot"
	"ccabot/config"
	"ccabot/knowledge"
	"ccabot/rag"
)

// serve runs the Telegram bot. Without TELEGRAM_BOT_TOKEN it does not fail obscurely: on a terminal it says how
// to connect Telegram and starts chat; otherwise it names the variable and the offline commands.
func serve(ctx context.Context, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if cfg.TelegramToken == "" {
		if isTerminal(stdin) {
			fmt.Fprintln(stderr, "TELEGRAM_BOT_TOKEN is not set, so here is the offline chat (set it, e.g. in .env, to run the Telegram bot). Ctrl-D ends.")
			return e.chat(ctx, nil)
		}
		return errors.New(`TELEGRAM_BOT_TOKEN is not set: set it to run the Telegram bot, or use "ccabot ask QUESTION" or "ccabot chat" offline`)
	}
	log := newLogger(cfg, stderr)
	svc, corpus, err := newService(ctx, cfg, log)
	if err != nil {
		return err
	}
	b, err := bot.New(botOptions(cfg, corpus, log), answerer{svc})
	if err != nil {
		return err
	}
	return b.Run(ctx)
}

func botOptions(cfg config.Config, corpus knowledge.Corpus, log *slog.Logger) bot.Options {
	o := bot.Options{
		Token: cfg.TelegramToken.Reveal(), APIURL: cfg.TelegramAPIURL,
		WebhookURL: cfg.WebhookURL, WebhookSecret: cfg.WebhookSecret.Reveal(), WebhookListen: cfg.WebhookListen,
		AllowedChatIDs: cfg.AllowedChatIDs, MetricsAddr: cfg.MetricsAddr,
		MaxQuestionChars: cfg.MaxQuestionChars, MaxQuestionAge: cfg.MaxQuestionAge,
		ShutdownTimeout: cfg.ShutdownTimeout, RateBurst: cfg.RateBurst, RatePerMinute: cfg.RatePerMinute,
		Logger: log,
	}
	for _, d := range corpus.Sources() {
		o.Documents = append(o.Documents, bot.Document{Title: d.Title, Publisher: d.Source, Date: d.Date,
			Lang: string(d.Lang)})
	}
	return o
}

// answerer adapts the question-answering service to the bot's Answerer.
type answerer struct{ svc *rag.Service }

func (a answerer) Answer(ctx context.Context, q bot.Question) (bot.Reply, error) {
	prev, _ := q.Prev.(*rag.Turn)
	ans, err := a.svc.Answer(ctx, q.Text, prev)
	if err != nil {
		return bot.Reply{}, err
	}
	r := bot.Reply{Lang: string(ans.Lang), Body: ans.Body, Mode: string(ans.Mode), Refused: ans.Refused,
		Score: ans.BestScore, Turn: ans.Turn}
	if ans.Refused {
		r.Body = ans.Text
	}
	if len(ans.Sources) > 0 {
		s := ans.Sources[0]
		r.Sources = []bot.Source{{ID: s.ID, Title: s.Title, Publisher: s.Publisher,
			Date: rag.FormatDate(s.Date, ans.Lang)}}
	}
	return r, nil
}
