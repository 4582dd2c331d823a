package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"ccabot/config"
	"ccabot/knowledge/nlp"
	"ccabot/rag"
)

// qaItem is one line of a QA set.
type qaItem struct {
	ID         string   `json:"id"`
	Lang       string   `json:"lang"`
	Question   string   `json:"question"`
	Kind       string   `json:"kind"` // "fact" or "out_of_scope"
	AnswerAny  []string `json:"answer_any"`
	PassageAny []string `json:"passage_any"`
	Context    string   `json:"context,omitempty"`
}

// builtinQA is the shipped QA set, built into the binary so that eval works from any folder. (go:embed cannot
// reach above the package's folder, which is why this lives in the main package at the repository's root.)
//
//go:embed testdata/qa.jsonl
var builtinQA []byte

// thresholds below which eval fails.
type thresholds struct {
	recall, accuracy, refusal, wrongRefusals float64
}

// off is the thresholds no report misses: those of a set given with --file, unless set on the command line
// (the defaults are the floors of the built-in set; another set has its own).
var off = thresholds{recall: 0, accuracy: 0, refusal: 0, wrongRefusals: 1}

func (e *env) eval(ctx context.Context, args []string) error {
	fs := newFlagSet("eval", "eval [--file F] [--k N] [--min-recall R] [--min-accuracy A] [--min-refusal R] [--max-wrong-refusals W] [-v]\n\n"+
		"Thresholds are fractions from 0 to 1. Without --file the built-in set (testdata/qa.jsonl) is run and held to\n"+
		"the default thresholds; with --file only the thresholds given are checked. Exits 1 below a threshold.")
	file := fs.String("file", "", "QA set, one JSON object a line (default: the built-in testdata/qa.jsonl)")
	k := fs.Int("k", 0, fmt.Sprintf("passages retrieved per question (recall@k), 1 or more (default %s, %d)",
		config.EnvTopK, config.DefaultTopK))
	var th thresholds
	fs.Float64Var(&th.recall, "min-recall", 0.95, "fail when recall@k of either language is below this")
	fs.Float64Var(&th.accuracy, "min-accuracy", 0.90, "fail when answer accuracy on fact questions is below this")
	fs.Float64Var(&th.refusal, "min-refusal", 0.90, "fail when the share of out-of-scope questions refused or answered with low confidence is below this")
	fs.Float64Var(&th.wrongRefusals, "max-wrong-refusals", 0.05, "fail when the share of fact questions refused is above this")
	verbose := fs.Bool("v", false, "list every question answered wrongly")
	if err := parseFlags(fs, args, e.stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("eval: unexpected argument %q (a QA set is given with --file)", fs.Arg(0))
	}
	if given(fs, "k") && *k < 1 {
		return usageErrorf("eval: --k must be 1 or more, got %d", *k)
	}
	for _, t := range []struct {
		name  string
		value *float64
		off   float64
	}{{"min-recall", &th.recall, off.recall}, {"min-accuracy", &th.accuracy, off.accuracy},
		{"min-refusal", &th.refusal, off.refusal}, {"max-wrong-refusals", &th.wrongRefusals, off.wrongRefusals}} {
		switch {
		case given(fs, t.name) && !(*t.value >= 0 && *t.value <= 1):
			return usageErrorf("eval: --%s is a fraction from 0 to 1, got %v", t.name, *t.value)
		case !given(fs, t.name) && *file != "":
			*t.value = t.off
		}
	}
	items, err := readQA(*file)
	if err != nil {
		return err
	}
	svc, cfg, err := e.service(ctx)
	if err != nil {
		return err
	}
	if !given(fs, "k") {
		*k = cfg.TopK
	}
	rep, err := evaluate(ctx, svc, items, *k)
	if err != nil {
		return err
	}
	rep.print(e.stdout, *k, *verbose)
	if bad := rep.below(th, *k); len(bad) > 0 {
		return fmt.Errorf("eval below thresholds: %s", strings.Join(bad, "; "))
	}
	return nil
}

// readQA reads the QA set at path, or the built-in one when path is "".
func readQA(path string) ([]qaItem, error) {
	var r io.Reader = bytes.NewReader(builtinQA)
	if path == "" {
		path = "built-in testdata/qa.jsonl"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, usageErrorf("eval: %v", err)
		}
		defer f.Close()
		r = f
	}
	var items []qaItem
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var it qaItem
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		if it.Kind != "fact" && it.Kind != "out_of_scope" || it.Lang != "ar" && it.Lang != "en" || it.Question == "" {
			return nil, fmt.Errorf("%s line %d (%s): want kind fact|out_of_scope, lang ar|en and a question", path, n, it.ID)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s holds no questions", path)
	}
	return items, nil
}

// langStats are the retrieval and answer figures of one language.
type langStats struct {
	facts, hits, correct, wrongRefusals int
	wrong, hedged                       int // fact questions answered wrongly, or only with low confidence
	rr                                  float64
	oos, refused, oosHedged             int
	// withEvidence counts the fact questions naming their passage that were put to the model (a headline
	// question is answered from the document without it); reached, those whose passage was in the prompt.
	withEvidence, reached int
}

type report struct {
	model     bool // a model was configured: report how often the answering passage reached it
	byLang    map[string]*langStats
	followUps struct{ n, correct int }
	latencies []time.Duration
	failures  []string
}

func evaluate(ctx context.Context, svc *rag.Service, items []qaItem, k int) (*report, error) {
	rep := &report{byLang: map[string]*langStats{"ar": {}, "en": {}}, model: svc.Model() != nil}
	for _, it := range items {
		var prev *rag.Turn
		if it.Context != "" {
			a, err := svc.Ask(ctx, rag.Request{Question: it.Context, K: k})
			if err != nil {
				return nil, err
			}
			prev = a.Turn
		}
		start := time.Now()
		a, err := svc.Ask(ctx, rag.Request{Question: it.Question, Prev: prev, K: k})
		if err != nil {
			return nil, err
		}
		rep.latencies = append(rep.latencies, time.Since(start))
		st := rep.byLang[it.Lang]
		if it.Kind == "out_of_scope" {
			st.oos++
			switch {
			case a.Refused:
				st.refused++
			case a.Confidence == rag.Low:
				st.oosHedged++
			default:
				rep.failures = append(rep.failures, fmt.Sprintf("%s answered, should refuse: %q → %q", it.ID, it.Question, a.Body))
			}
			continue
		}
		st.facts++
		if rank := firstRelevant(a.Retrieved, it.PassageAny); rank > 0 {
			st.hits++
			st.rr += 1 / float64(rank)
		}
		if len(it.PassageAny) > 0 && len(a.Prompted) > 0 {
			st.withEvidence++
			if firstRelevant(a.Prompted, it.PassageAny) > 0 {
				st.reached++
			}
		}
		// A low-confidence reply is never right: it is there for the person asking, not for the score.
		ok := !a.Refused && a.Confidence != rag.Low && containsAny(a.Body, it.AnswerAny)
		switch {
		case ok:
			st.correct++
		case a.Refused:
			st.wrongRefusals++
			rep.failures = append(rep.failures, fmt.Sprintf("%s refused (%s): %q", it.ID, a.Reason, it.Question))
		case a.Confidence == rag.Low:
			st.hedged++
			rep.failures = append(rep.failures, fmt.Sprintf("%s low confidence: %q → %q", it.ID, it.Question, a.Body))
		default:
			st.wrong++
			rep.failures = append(rep.failures, fmt.Sprintf("%s wrong: %q → %q (want %q)", it.ID, it.Question, a.Body, it.AnswerAny))
		}
		if it.Context != "" {
			rep.followUps.n++
			if ok {
				rep.followUps.correct++
			}
		}
	}
	return rep, nil
}

// firstRelevant is the 1-based rank of the first retrieved source that is (or renders) a wanted passage, or 0.
func firstRelevant(got []rag.Source, want []string) int {
	for i, s := range got {
		for _, w := range want {
			if s.ID == w || s.Group == w || strings.HasPrefix(s.Group, w+".") {
				return i + 1
			}
		}
	}
	return 0
}

func containsAny(answer string, want []string) bool {
	a := " " + nlp.Normalize(answer) + " "
	for _, w := range want {
		if n := nlp.Normalize(w); n != "" && strings.Contains(a, n) {
			return true
		}
	}
	return false
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (r *report) totals() (facts, correct, wrongRef, oos, declined int) {
	for _, st := range r.byLang {
		facts += st.facts
		correct += st.correct
		wrongRef += st.wrongRefusals
		oos += st.oos
		declined += st.refused + st.oosHedged
	}
	return
}

func (r *report) print(w io.Writer, k int, verbose bool) {
	fmt.Fprintf(w, "%-4s %6s %9s %6s | %6s %6s %8s %6s | %4s %8s %6s %8s\n", "lang", "facts", "recall@"+fmt.Sprint(k),
		"MRR", "right", "wrong", "refused", "low", "oos", "refused", "low", "answered")
	for _, l := range []string{"ar", "en"} {
		st := r.byLang[l]
		if st.facts+st.oos == 0 {
			continue // a set in one language
		}
		fmt.Fprintf(w, "%-4s %6d %9.3f %6.3f | %6.3f %6.3f %8.3f %6.3f | %4d %8.3f %6.3f %8.3f\n", l, st.facts,
			ratio(st.hits, st.facts), ratio(int(st.rr*1000), st.facts*1000), ratio(st.correct, st.facts),
			ratio(st.wrong, st.facts), ratio(st.wrongRefusals, st.facts), ratio(st.hedged, st.facts), st.oos,
			ratio(st.refused, st.oos), ratio(st.oosHedged, st.oos), ratio(st.oos-st.refused-st.oosHedged, st.oos))
	}
	facts, correct, wrongRef, oos, declined := r.totals()
	fmt.Fprintf(w, "answer accuracy %.3f (%d/%d), follow-ups %d/%d\n", ratio(correct, facts), correct, facts,
		r.followUps.correct, r.followUps.n)
	fmt.Fprintf(w, "out-of-scope refused or low confidence %.3f (%d/%d), wrong refusals %.3f (%d/%d)\n",
		ratio(declined, oos), declined, oos, ratio(wrongRef, facts), wrongRef, facts)
	if r.model {
		for _, l := range []string{"ar", "en"} {
			st := r.byLang[l]
			if st.withEvidence == 0 {
				continue
			}
			fmt.Fprintf(w, "%s: answering passage reached the model %.3f (%d/%d)\n", l,
				ratio(st.reached, st.withEvidence), st.reached, st.withEvidence)
		}
	}
	lat := slices.Clone(r.latencies)
	slices.Sort(lat)
	fmt.Fprintf(w, "latency p50 %v p95 %v over %d questions\n", percentile(lat, 0.50), percentile(lat, 0.95), len(lat))
	if verbose {
		for _, f := range r.failures {
			fmt.Fprintln(w, "  ", f)
		}
	}
}

// below lists the thresholds the report misses, each with its flag and by how much.
func (r *report) below(th thresholds, k int) []string {
	var bad []string
	short := func(what string, got, want float64, flag string) {
		if got < want {
			bad = append(bad, fmt.Sprintf("%s %.3f is under --%s %.3f by %.3f", what, got, flag, want, want-got))
		}
	}
	for _, l := range []string{"ar", "en"} {
		if st := r.byLang[l]; st.facts > 0 {
			short(fmt.Sprintf("recall@%d %s", k, l), ratio(st.hits, st.facts), th.recall, "min-recall")
		}
	}
	facts, correct, wrongRef, oos, declined := r.totals()
	short("accuracy", ratio(correct, facts), th.accuracy, "min-accuracy")
	short("out-of-scope refused or low confidence", ratio(declined, oos), th.refusal, "min-refusal")
	if a := ratio(wrongRef, facts); a > th.wrongRefusals {
		bad = append(bad, fmt.Sprintf("wrong refusals %.3f are over --max-wrong-refusals %.3f by %.3f", a,
			th.wrongRefusals, a-th.wrongRefusals))
	}
	return bad
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))].Round(time.Microsecond)
}
