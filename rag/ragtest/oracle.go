package ragtest

import (
	"fmt"
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
	// Cites, when not nil, makes Answer carry its own citations: the oracle appends none and does not consult
	// Evidence. A citation written as a key of Cites ("[#4]") stands for the passage whose texts it maps to,
	// and is replaced by the number of the prompt's source holding one of them (an answer citing a passage the
	// prompt lacks is [Refusal]); any other text ("[1]") is sent as written. A paraphrase citing two paragraphs,
	// or an answer that obeys an injection, is written this way.
	Cites map[string][]string
}

// Refusal is what an [Oracle] replies when the evidence is not in the prompt.
const Refusal = "NOT_IN_SOURCES"

// promptSource matches the header line of a numbered source in a prompt: "[3] Title (Publisher, date)".
var promptSource = regexp.MustCompile(`(?m)^\[(\d+)\] `)

// Oracle returns a [Responder] that behaves like an ideal model grounded in its prompt: for a question it knows,
// it answers exactly when a text of the question's evidence is inside one of the prompt's numbered sources,
// citing every source whose text holds some ("answer [3][6]", in the prompt's order), and replies [Refusal]
// otherwise. It thereby measures retrieval, not writing: an answer fails only because the paragraph holding it
// never reached the model.
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
		if !ok || len(it.Evidence) == 0 && it.Cites == nil {
			return Refusal
		}
		var system string
		for _, m := range req.Messages {
			if m.Role == "system" {
				system += m.Content + "\n"
			}
		}
		sources := splitSources(system)
		if it.Cites != nil {
			return cite(it, sources)
		}
		var refs strings.Builder
		inHeader := 0
		for n := 1; n <= len(sources); n++ {
			header, body, _ := strings.Cut(sources[n], "\n")
			switch {
			case holdsAny(body, it.Evidence):
				fmt.Fprintf(&refs, "[%d]", n)
			case inHeader == 0 && holdsAny(header, it.Evidence):
				inHeader = n
			}
		}
		if refs.Len() == 0 && inHeader > 0 {
			fmt.Fprintf(&refs, "[%d]", inHeader) // a headline, found only in the title of a source's header
		}
		if refs.Len() == 0 {
			return Refusal
		}
		return it.Answer + " " + refs.String()
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

// cite writes an answer's citation keys as the numbers of the sources holding their passages, or returns
// [Refusal] when one is not in the prompt.
func cite(it OracleItem, sources map[int]string) string {
	answer := it.Answer
	for key, texts := range it.Cites {
		if !strings.Contains(answer, key) {
			continue
		}
		n := sourceHolding(sources, texts)
		if n == 0 {
			return Refusal
		}
		answer = strings.ReplaceAll(answer, key, "["+strconv.Itoa(n)+"]")
	}
	return answer
}

// sourceHolding is the lowest number of a source whose text (below its header line, which repeats the
// document's title) holds one of texts, or 0.
func sourceHolding(sources map[int]string, texts []string) int {
	for n := 1; n <= len(sources); n++ {
		if _, body, _ := strings.Cut(sources[n], "\n"); holdsAny(body, texts) {
			return n
		}
	}
	return 0
}

// holdsAny reports whether text contains one of texts.
func holdsAny(text string, texts []string) bool {
	for _, t := range texts {
		if t != "" && strings.Contains(text, t) {
			return true
		}
	}
	return false
}
