package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge"
	"ccabot/rag"
)

func (e *env) chat(ctx context.Context, args []string) error {
	fs := newFlagSet("chat", "chat [--json]   (one question a line on stdin; the conversation is kept)")
	asJSON := fs.Bool("json", false, "print one JSON object a line instead of text")
	if err := parseFlags(fs, args, e.stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("chat: unexpected argument %q (questions come on stdin)", fs.Arg(0))
	}
	svc, cfg, err := e.service(ctx)
	if err != nil {
		return err
	}
	prompt := isTerminal(e.stdin) && !*asJSON
	in := bufio.NewReaderSize(e.stdin, 64<<10)
	var turn *rag.Turn
	for {
		if prompt {
			fmt.Fprint(e.stdout, "> ")
		}
		line, readErr := readLine(in, cfg.MaxQuestionChars)
		if q := strings.TrimSpace(line); q != "" {
			var a rag.Answer
			if n := utf8.RuneCountInString(q); n > cfg.MaxQuestionChars {
				a = tooLong(q, n, cfg.MaxQuestionChars)
			} else if a, err = svc.Answer(ctx, q, turn); err != nil {
				return err
			} else {
				turn = a.Turn
			}
			if err := printAnswer(e.stdout, a, *asJSON); err != nil {
				return err
			}
			if prompt {
				fmt.Fprintln(e.stdout)
			}
		}
		if readErr == io.EOF || ctx.Err() != nil {
			return nil
		}
		if readErr != nil {
			return fmt.Errorf("read stdin: %w", readErr)
		}
	}
}

// readLine reads one line of any length, keeping at most limit+1 runes of it (enough to tell it is too long),
// so a huge line cannot exhaust memory.
func readLine(r *bufio.Reader, limit int) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := r.ReadLine()
		if b.Len() < 4*(limit+1) {
			b.Write(chunk)
		}
		if err != nil || !isPrefix {
			return b.String(), err
		}
	}
}

// tooLong is the reply to an over-long question, in its language.
func tooLong(q string, n, limit int) rag.Answer {
	lang := knowledge.DetectLang(q)
	text := fmt.Sprintf("Your question is %d characters long; please keep it under %d.", n, limit)
	if lang == knowledge.Arabic {
		text = fmt.Sprintf("سؤالك طويل (%d حرفاً)؛ اجعله أقل من %d حرف من فضلك.", n, limit)
	}
	return rag.Answer{Question: q, Lang: lang, Text: text, Mode: rag.Extractive, Refused: true}
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
