package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"

	"ccabot/config"
	"ccabot/rag"
)

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // bad flags are reported in one line by parseFlags
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: ccabot %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, flags before, between or after the other arguments, so `ask "question" --k 2` is read
// as meant, not as a question ending in "--k 2"; after "--" everything is an argument. --help prints the usage to
// out and returns errHelp; a bad flag is a usage error.
func parseFlags(fs *flag.FlagSet, args []string, out io.Writer) error {
	err := fs.Parse(flagsFirst(fs, args))
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(out)
		fs.Usage()
		return errHelp
	case err != nil && strings.HasPrefix(err.Error(), "flag provided but not defined"):
		return usageErrorf("%s: %v (text that starts with - goes after --)", fs.Name(), err)
	case err != nil:
		return usageErrorf("%s: %v", fs.Name(), err)
	}
	return nil
}

// flagsFirst moves the flags, with the values of those that take one, before the other arguments, followed by
// "--": the flag package reads flags only up to the first other argument.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return append(append(flags, "--"), rest...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// given reports whether the flag name was set on the command line, as opposed to left at its default.
func given(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// errHelp ends a command after printing its help; run treats it as success.
var errHelp = errors.New("help shown")

func (e *env) ask(ctx context.Context, args []string) error {
	fs := newFlagSet("ask", "ask [--json] [--k N] [--] QUESTION")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	k := fs.Int("k", 0, fmt.Sprintf("passages to retrieve, 1 or more (default %s, %d)", config.EnvTopK, config.DefaultTopK))
	if err := parseFlags(fs, args, e.stdout); err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		return usageErrorf("ask: the question is empty (usage: ccabot ask \"QUESTION\")")
	}
	if given(fs, "k") && *k < 1 {
		return usageErrorf("ask: --k must be 1 or more, got %d", *k)
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if n := utf8.RuneCountInString(question); n > cfg.MaxQuestionChars {
		return usageErrorf("ask: the question has %d characters; the limit is %d (%s)", n, cfg.MaxQuestionChars,
			config.EnvMaxQuestionChars)
	}
	log := newLogger(cfg, e.stderr)
	checkDataDir(&cfg, log, slog.LevelWarn)
	svc, _, err := newService(ctx, cfg, log)
	if err != nil {
		return err
	}
	if !given(fs, "k") {
		*k = cfg.TopK
	}
	a, err := svc.Ask(ctx, rag.Request{Question: question, K: *k})
	if err != nil {
		return err
	}
	return printAnswer(e.stdout, a, *asJSON)
}

// answerJSON is the --json shape of an answer.
type answerJSON struct {
	Question string `json:"question"`
	Language string `json:"language"`
	// QuestionLanguage is the language of a question in neither Arabic nor English ("ru", or "und" when not
	// named), which Language ("en") then reads it in.
	QuestionLanguage string `json:"question_language,omitempty"`
	Answer           string `json:"answer"`
	Mode             string `json:"mode"`
	Refused          bool   `json:"refused"`
	// Confidence is "high" or "low" (a reply marked as the closest the sources come); absent when refused.
	Confidence string `json:"confidence,omitempty"`
	// Reason says why the answer was refused or hedged.
	Reason  string       `json:"reason,omitempty"`
	Sources []sourceJSON `json:"sources"`
	Usage   *usageJSON   `json:"usage,omitempty"` // model answers only
}

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
}

type sourceJSON struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

func printAnswer(w io.Writer, a rag.Answer, asJSON bool) error {
	if !asJSON {
		_, err := fmt.Fprintln(w, a.Text)
		return err
	}
	out := answerJSON{Question: a.Question, Language: string(a.Lang), QuestionLanguage: a.QuestionLang, Answer: a.Text, Mode: string(a.Mode),
		Refused: a.Refused, Confidence: string(a.Confidence), Reason: string(a.Reason), Sources: []sourceJSON{}}
	for _, s := range a.Sources {
		out.Sources = append(out.Sources, sourceJSON{ID: s.ID, Title: s.Title, Text: s.Text, Score: round3(s.Score)})
	}
	if a.Usage != nil {
		out.Usage = &usageJSON{PromptTokens: a.Usage.PromptTokens, CompletionTokens: a.Usage.CompletionTokens}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
