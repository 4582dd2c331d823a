package rag

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

// TestPromptTokens measures, with OpenAI's o200k tokenizer (gpt-4o family, loaded offline), the prompt every
// question of the QA set would send to the model and an answer's size, and the cost per 1,000 questions at
// gpt-4o-mini list prices. It logs the figures the README quotes (run with -v) and asserts only that prompts
// stay small: a few passages, not the corpus.
func TestPromptTokens(t *testing.T) {
	tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("o200k_base")
	if err != nil {
		t.Skipf("tokenizer: %v", err)
	}
	f, err := os.Open("../testdata/qa.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	svc := articleService()
	var n, prompt, completion, maxPrompt int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var it struct{ Question, Kind string }
		if json.Unmarshal(sc.Bytes(), &it) != nil || it.Kind != "fact" {
			continue
		}
		q := svc.ix.prepare(it.Question, nil)
		hits, err := svc.ix.search(t.Context(), q, 3)
		if err != nil || len(hits) == 0 {
			continue
		}
		msgs, _ := svc.ix.buildPrompt(it.Question, q.lang, hits[:min(3, len(hits))], nil)
		p := 0
		for _, m := range msgs {
			p += len(enc.Encode(m.content, nil, nil)) + 4 // per-message overhead of the chat format
		}
		a, _ := svc.Answer(t.Context(), it.Question, nil)
		c := len(enc.Encode(a.Body+" [1]", nil, nil))
		n, prompt, completion, maxPrompt = n+1, prompt+p, completion+c, max(maxPrompt, p)
	}
	if n == 0 {
		t.Skip("no questions")
	}
	avgP, avgC := float64(prompt)/float64(n), float64(completion)/float64(n)
	// gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
	cost := 1000 * (avgP*0.15 + avgC*0.60) / 1e6
	t.Logf("%d questions: prompt %.0f tokens on average (max %d), answer ~%.0f tokens; $%.3f per 1,000 questions on gpt-4o-mini",
		n, avgP, maxPrompt, avgC, cost)
	if maxPrompt > 3000 {
		t.Errorf("a prompt of %d tokens: the prompt should hold a few passages, not the corpus", maxPrompt)
	}
}
