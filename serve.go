package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	return errors.New("the Telegram bot is not built yet (issue 3): use \"ccabot ask QUESTION\" or \"ccabot chat\"")
}
