package rag

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"

	"ccabot/config"
)

// o200k is OpenAI's tokenizer of the gpt-4o family, loaded offline.
func o200k(t *testing.T) *tiktoken.Tiktoken {
	t.Helper()
	tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("o200k_base")
	if err != nil {
		t.Skipf("tokenizer: %v", err)
	}
	return enc
}

// TestEstimateTokens checks the tokenizer-free estimate the prompt budget uses against o200k on every passage:
// never below the real count (a budget must not be overrun), and not wastefully above it.
func TestEstimateTokens(t *testing.T) {
	enc := o200k(t)
	svc := articleService()
	var est, real int
	for _, p := range svc.ix.passages {
		e, r := estimateTokens(p.Text), len(enc.Encode(p.Text, nil, nil))
		if e < r {
			t.Errorf("estimateTokens(%s) = %d, o200k counts %d", p.ID, e, r)
		}
		est, real = est+e, real+r
	}
	t.Logf("article: estimated %d tokens, o200k %d (ratio %.2f)", est, real, float64(est)/float64(real))
	if float64(est) > 1.6*float64(real) {
		t.Errorf("estimate %d is over 1.6 × the real %d tokens", est, real)
	}
}

// TestPromptTokens measures, with the o200k tokenizer, the prompt every question of the QA set sends to the model
// under the default budget, and an answer's size, and the cost per 1,000 questions at gpt-4o-mini list prices.
// It logs the figures the README quotes (run with -v) and asserts that the budget holds.
func TestPromptTokens(t *testing.T) {
	enc := o200k(t)
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	svc := articleService()
	var n, prompt, completion, maxPrompt, maxSources int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var it struct{ Question, Kind string }
		if json.Unmarshal(sc.Bytes(), &it) != nil || it.Kind != "fact" {
			continue
		}
		q := svc.ix.prepare(it.Question, nil)
		if !q.hasContent() {
			continue
		}
		hits, err := svc.promptHits(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		msgs, _ := buildPrompt(&svc.ix.units, it.Question, q, hits, nil)
		p, sources := 0, 0
		for _, m := range msgs {
			p += len(enc.Encode(m.Content, nil, nil)) + 4 // per-message overhead of the chat format
		}
		sources = len(hits)
		a, _ := svc.Ask(t.Context(), Request{Question: it.Question})
		c := len(enc.Encode(a.Body+" [1]", nil, nil))
		n, prompt, completion = n+1, prompt+p, completion+c
		maxPrompt, maxSources = max(maxPrompt, p), max(maxSources, sources)
	}
	if n == 0 {
		t.Skip("no questions")
	}
	avgP, avgC := float64(prompt)/float64(n), float64(completion)/float64(n)
	// gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
	cost := 1000 * (avgP*0.15 + avgC*0.60) / 1e6
	t.Logf("%d questions: prompt %.0f tokens on average (max %d, %d units of %d), answer ~%.0f tokens; $%.3f per 1,000 questions on gpt-4o-mini",
		n, avgP, maxPrompt, maxSources, len(svc.ix.groups), avgC, cost)
	if maxSources != len(svc.ix.groups) {
		t.Errorf("the default budget sent at most %d of the article's %d paragraphs", maxSources, len(svc.ix.groups))
	}
	if budget := config.DefaultPromptTokens + 600; maxPrompt > budget {
		t.Errorf("a prompt of %d tokens: over the budget of sources plus rules and question (%d)", maxPrompt, budget)
	}
}
