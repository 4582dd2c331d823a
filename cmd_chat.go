package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"golang.org/x/term"

	"ccabot/knowledge/nlp"
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
	// The end of the chat, by Ctrl-D (end of input) or Ctrl-C (ctx): on a terminal the cursor is left after
	// the prompt or the ^C, so a newline puts the shell's prompt on a line of its own.
	end := func() error {
		if prompt {
			fmt.Fprintln(e.stdout)
		}
		return nil
	}
	// Reading stdin blocks and cannot be interrupted, so lines come from a goroutine and Ctrl-C ends the chat at
	// once, not at the next Enter. The goroutine stays blocked in its read until the process exits.
	lines := make(chan chatLine)
	go readLines(e.stdin, cfg.MaxQuestionChars, lines, ctx.Done())
	var turn *rag.Turn
	for {
		if prompt {
			fmt.Fprint(e.stdout, "> ")
		}
		var l chatLine
		select {
		case <-ctx.Done():
			return end()
		case l = <-lines:
		}
		if l.text != "" {
			var a rag.Answer
			if l.n > cfg.MaxQuestionChars {
				a = tooLong(l.text, l.n, cfg.MaxQuestionChars)
			} else if a, err = svc.Ask(ctx, rag.Request{Question: l.text, Prev: turn}); err != nil {
				if ctx.Err() != nil {
					return end()
				}
				return err
			} else {
				turn = a.Turn
			}
			if err := printAnswer(e.stdout, a, *asJSON); err != nil {
				return err
			}
			if !*asJSON {
				fmt.Fprintln(e.stdout) // a blank line between answers, piped or not
			}
		}
		if l.err == io.EOF {
			return end()
		}
		if l.err != nil {
			return fmt.Errorf("read stdin: %w", l.err)
		}
	}
}

// chatLine is one line of input.
type chatLine struct {
	text string // without surrounding space; only its first limit characters when it is longer
	n    int    // its whole length in characters, without surrounding space
	err  error  // io.EOF with the last line (text may be empty)
}

// readLines sends the lines of r to out until r ends or fails, or done is closed.
func readLines(r io.Reader, limit int, out chan<- chatLine, done <-chan struct{}) {
	in := bufio.NewReader(r)
	for {
		l := readLine(in, limit)
		select {
		case out <- l:
		case <-done:
			return
		}
		if l.err != nil {
			return
		}
	}
}

// readLine reads one line of any length. It keeps at most limit characters, so a huge line cannot exhaust
// memory, but counts them all, so an over-long question is told its real length.
func readLine(r *bufio.Reader, limit int) chatLine {
	var b strings.Builder
	var l chatLine
	read := 0 // characters read since the first that is not a space
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			l.err = err
			break
		}
		if c == '\n' {
			break
		}
		if read == 0 && unicode.IsSpace(c) {
			continue
		}
		read++
		if !unicode.IsSpace(c) {
			l.n = read
		}
		if read <= limit {
			b.WriteRune(c)
		}
	}
	l.text = strings.TrimSpace(b.String())
	return l
}

// tooLong is the reply to an over-long question, in its language.
func tooLong(q string, n, limit int) rag.Answer {
	lang := nlp.DetectLang(q)
	text := fmt.Sprintf("Your question is %d characters long; please keep it under %d.", n, limit)
	if lang == nlp.Arabic {
		text = fmt.Sprintf("سؤالك طويل (%d حرفاً)؛ اجعله أقل من %d حرف من فضلك.", n, limit)
	}
	return rag.Answer{Question: q, Lang: lang, Text: text, Mode: rag.Extractive, Refused: true}
}

// isTerminal reports whether r is an interactive terminal. A character device is not enough: /dev/null is one,
// and it is what systemd, cron and `docker run` without -t give as stdin.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
