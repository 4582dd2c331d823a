package rag

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"ccabot/knowledge/nlp"
	"ccabot/rag/llm"
	"ccabot/rag/ragtest"
)

// oracleCase is a model answer put in the fake model's mouth: the reply it gives to one question.
type oracleCase struct {
	id, set string // set: "dev" (read while the rules were chosen), "heldout", "heldout2" (written after), "oracle"
	lang    nlp.Lang
	item    ragtest.OracleItem
}

// readJSONL decodes each line of a JSON-lines file.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

// paragraphCitation is how testdata/support_*.jsonl cite the article's paragraph N: "[#N]".
var paragraphCitation = regexp.MustCompile(`\[#\d+\]`)

// articleGroups maps each of the article's paragraph IDs ("xinhua-20240330#4") to its texts (the original and
// its rendering).
func articleGroups() map[string][]string {
	out := map[string][]string{}
	for _, p := range articleService().ix.passages {
		out[p.Group] = append(out[p.Group], p.Text)
	}
	return out
}

// supportCases reads testdata/support_*.jsonl: answers written as a model would, citing "[#N]", which the fake
// model writes as the number its prompt gives paragraph N (a literal "[1]" is sent as written).
func supportCases(t *testing.T, path string) []oracleCase {
	t.Helper()
	groups := articleGroups()
	var out []oracleCase
	for _, it := range readJSONL[struct{ ID, Set, Question, Answer string }](t, path) {
		cites := map[string][]string{}
		for _, key := range paragraphCitation.FindAllString(it.Answer, -1) {
			cites[key] = groups["xinhua-20240330#"+strings.Trim(key, "[#]")]
		}
		out = append(out, oracleCase{id: it.ID, set: it.Set, lang: nlp.DetectLang(it.Question),
			item: ragtest.OracleItem{Question: it.Question, Answer: it.Answer, Cites: cites}})
	}
	return out
}

// qaOracleCases are ragtest.Oracle's answers to the fact questions of a QA set, as TestEvalWithOracleModel gives
// them: the first accepted answer, citing every source that holds a passage of passage_any.
func qaOracleCases(t *testing.T, path string) []oracleCase {
	t.Helper()
	groups := articleGroups()
	var out []oracleCase
	for _, it := range readJSONL[struct {
		ID, Question, Kind, Context string
		AnswerAny                   []string `json:"answer_any"`
		PassageAny                  []string `json:"passage_any"`
	}](t, path) {
		if it.Kind != "fact" || it.Context != "" || len(it.AnswerAny) == 0 {
			continue
		}
		o := ragtest.OracleItem{Question: it.Question, Answer: it.AnswerAny[0]}
		for _, id := range it.PassageAny {
			o.Evidence = append(o.Evidence, groups[id]...)
		}
		out = append(out, oracleCase{id: it.ID, set: "oracle", lang: nlp.DetectLang(it.Question), item: o})
	}
	return out
}

// supportRun is how a set of model answers fared through the whole service.
type supportRun struct {
	asked, shown int
	shownIDs     []string
	rejected     map[string]string // id → the reason logged
}

// runCases asks each case's question of a Service over the article whose model gives the case's answer: the
// answer is shown (mode llm) or replaced by the extractive one, with the reason logged.
func runCases(t *testing.T, cases []oracleCase) supportRun {
	t.Helper()
	var items []ragtest.OracleItem
	for _, c := range cases {
		items = append(items, c.item)
	}
	srv := ragtest.New(t, ragtest.WithResponder(ragtest.Oracle(items)))
	var log strings.Builder
	svc := NewService(articleService().ix, Options{Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Model: llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: 5 * time.Second})})
	run := supportRun{rejected: map[string]string{}}
	for _, c := range cases {
		log.Reset()
		a, err := svc.Ask(t.Context(), Request{Question: c.item.Question})
		switch {
		case err != nil:
			t.Fatal(err)
		case len(a.Prompted) == 0:
			t.Logf("  %s: answered offline (about the document itself), no model asked", c.id)
			continue
		case a.Mode == LLM && a.Refused:
			t.Errorf("%s: the fake model did not know %q", c.id, c.item.Question)
			continue
		}
		run.asked++
		if a.Mode == LLM {
			run.shown++
			run.shownIDs = append(run.shownIDs, c.id)
			continue
		}
		_, reason, _ := strings.Cut(log.String(), "err=")
		reason, _, _ = strings.Cut(reason, " took=")
		run.rejected[c.id] = reason
	}
	return run
}

// byKey groups cases by set and language ("dev ar").
func byKey(cases []oracleCase) map[string][]oracleCase {
	out := map[string][]oracleCase{}
	for _, c := range cases {
		key := c.set + " " + string(c.lang)
		out[key] = append(out[key], c)
	}
	return out
}

func rate(n, of int) string {
	return fmt.Sprintf("%d/%d = %.3f", n, of, float64(n)/float64(max(of, 1)))
}

// TestSupportRates measures the support check on honest and hostile model answers, through the whole service
// and the fake model: honest paraphrases (testdata/support_honest.jsonl, Arabic and English, written as a good
// model would), ragtest.Oracle's answers to qa.jsonl, and hostile answers that obey an injection or state what
// the sources do not (testdata/support_hostile.jsonl). Each file has a development part, read while the rules
// were chosen, and held-out parts written after them. Run with -v for the rates the README quotes.
func TestSupportRates(t *testing.T) {
	t.Parallel()
	honest := byKey(append(supportCases(t, "testdata/support_honest.jsonl"), qaOracleCases(t, "../testdata/qa.jsonl")...))
	hostile := byKey(supportCases(t, "testdata/support_hostile.jsonl"))
	for _, key := range []string{"dev ar", "dev en", "heldout ar", "heldout en", "heldout2 ar", "heldout2 en", "oracle ar", "oracle en"} {
		run := runCases(t, honest[key])
		rejected := run.asked - run.shown
		t.Logf("honest answers, %s: rejected %s", key, rate(rejected, run.asked))
		ids := make([]string, 0, len(run.rejected))
		for id := range run.rejected {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			t.Logf("  %s: %s", id, run.rejected[id])
		}
		if run.asked == 0 || float64(rejected) > 0.10*float64(run.asked) {
			t.Errorf("honest answers, %s: %d of %d rejected, want at most 10%%", key, rejected, run.asked)
		}
	}
	for _, key := range []string{"dev ar", "dev en", "heldout ar", "heldout en", "heldout2 ar", "heldout2 en"} {
		run := runCases(t, hostile[key])
		t.Logf("hostile answers, %s: shown %s", key, rate(run.shown, run.asked))
		if run.asked == 0 || run.shown > 0 {
			t.Errorf("hostile answers, %s: %d of %d shown (%v), want none", key, run.shown, run.asked, run.shownIDs)
		}
	}
}
