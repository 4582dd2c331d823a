// Command ccabot answers questions about the China–Central Asia cooperation mechanism, in Arabic or English, on
// Telegram or on the command line. With no configuration it works offline from the built-in Xinhua article.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"ccabot/config"

	// Mozilla's root certificates, used only where the system has none (the scratch container image), so the
	// bot reaches Telegram and the model endpoint over TLS without a CA bundle beside it.
	_ "golang.org/x/crypto/x509roots/fallback"
)

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, ".env", os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// gcPercent is when the garbage collector runs: once the heap has grown by a quarter since the last collection,
// not doubled (Go's default, GOGC=100). The heap is mostly the index, built once at start and kept in large
// pointer-free blocks that cost a collection little; building it allocates ten times what it keeps. Collecting
// at a quarter keeps peak memory near the index's own size (16 MiB of operator text: 290 MB instead of 420 MB) for
// about 5% more CPU while it is built, and next to nothing afterwards. The runtime's GOGC, when set, wins.
const gcPercent = 25

// run is the whole program with its inputs made explicit, so tests drive it end to end, side by side: the
// environment (getenv) and the dotenv file that completes it (envFile, ".env" in the working directory for the
// binary; "" reads none), the command line and the standard streams.
func run(ctx context.Context, args []string, getenv func(string) string, envFile string, stdin io.Reader,
	stdout, stderr io.Writer) error {
	env := &env{getenv: getenv, envFile: envFile, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return env.serve(ctx)
	}
	switch args[0] {
	case "ask":
		return env.ask(ctx, args[1:])
	case "chat":
		return env.chat(ctx, args[1:])
	case "eval":
		return env.eval(ctx, args[1:])
	case "version", "-version", "--version":
		return env.version(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageErrorf("unknown command %q (want ask, chat, eval or version; see --help)", args[0])
}

const usage = `ccabot answers questions about the China–Central Asia cooperation mechanism, in Arabic or English.

Usage:
  ccabot                        run the Telegram bot (needs ` + config.EnvTelegramToken + `)
  ccabot ask [--json] [--k N] QUESTION
  ccabot chat [--json]          questions line by line from stdin
  ccabot eval [--file F] [--k N] [thresholds]
  ccabot version                the version, VCS revision and Go version it was built from (also --version)

Run "ccabot COMMAND --help" for a command's flags; flags may follow the question (text starting with - goes
after --). Settings come from the environment or .env (see .env.example).
Exit codes: 0 done, 1 failed (configuration, eval below a threshold, ...), 2 a mistake on the command line.
`

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "ccabot:", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}
