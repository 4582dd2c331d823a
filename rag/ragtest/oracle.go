package ragtest

import (
	"regexp"
	"strconv"
	"strings"
)

// OracleItem is one question an [Oracle] knows the answer to.
type OracleItem struct {
	// Question is matched against the last user message, after trimming spaces.
	Question string
	// Evidence holds texts of which at least one must stand in a numbered source of the prompt for the oracle
	// to answer: the paragraph that holds the answer (its original and its translation, say). Empty for a
	// question the sources do not answer.
	Evidence []string
	// Answer is the reply's text when the evidence is present; the oracle appends the citation itself.
	Answer string
}

// Refusal is what an [Oracle] replies when the evidence is not in the prompt.
const Refusal = "NOT_IN_SOURCES"

// promptSource matches the header line of a numbered source in a prompt: "[3] Title (Publisher, date)".
var promptSource = regexp.MustCompile(`(?m)^\[(\d+)\] `)

// Oracle returns a [Responder] that behaves like an ideal model grounded in its prompt: for a question it knows,
// it answers exactly when a text of the question's evidence is inside one of the prompt's numbered sources,
// citing that source ("answer [3]"), and replies [Refusal] otherwise. It thereby measures retrieval, not
// writing: an answer fails only because the paragraph holding it never reached the model.
//
// A request whose last user message asks to rewrite a follow-up ("Follow-up question: …") is answered with the
// conversation's last question and the follow-up joined, as a good rewriter would. Unknown questions get
// [Refusal].
func Oracle(items []OracleItem) Responder {
	byQuestion := make(map[string]OracleItem, len(items))
	for _, it := range items {
		byQuestion[strings.TrimSpace(it.Question)] = it
	}
	return func(req ChatRequest) string {
		last := req.LastUser()
		if before, followUp, ok := strings.Cut(last, "Follow-up question: "); ok {
			followUp, _, _ = strings.Cut(followUp, "\n")
			prev := ""
			if i := strings.LastIndex(before, "Q: "); i >= 0 {
				prev, _, _ = strings.Cut(before[i+3:], "\n")
			}
			return strings.TrimSpace(prev + " " + followUp)
		}
		it, ok := byQuestion[strings.TrimSpace(last)]
		if !ok || len(it.Evidence) == 0 {
			return Refusal
		}
		var system string
		for _, m := range req.Messages {
			if m.Role == "system" {
				system += m.Content + "\n"
			}
		}
		for n, text := range splitSources(system) {
			for _, e := range it.Evidence {
				if e != "" && strings.Contains(text, e) {
					return it.Answer + " [" + strconv.Itoa(n) + "]"
				}
			}
		}
		return Refusal
	}
}

// splitSources maps each numbered source of a prompt to its text (header line included).
func splitSources(prompt string) map[int]string {
	out := map[int]string{}
	locs := promptSource.FindAllStringSubmatchIndex(prompt, -1)
	for i, loc := range locs {
		end := len(prompt)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		n, _ := strconv.Atoi(prompt[loc[2]:loc[3]])
		out[n] = prompt[loc[0]:end]
	}
	return out
}
