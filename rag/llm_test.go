package rag

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ccabot/knowledge"
	"ccabot/rag/llm"
	"ccabot/rag/ragtest"
)

// modelService is a Service over the article whose answers come from srv, retrying transient failures after
// 10 ms (the retry policy is what is tested, not its production waits).
func modelService(t *testing.T, srv *ragtest.Server, timeout time.Duration) *Service {
	t.Helper()
	return NewService(articleService().ix, Options{Model: llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(),
		Model: "gpt-4o-mini", Timeout: timeout, MaxConcurrency: 2, RetryBackoff: 10 * time.Millisecond})})
}

// sourceNumber finds, in a prompt, the number given to the source whose text contains needle.
func sourceNumber(prompt, needle string) string {
	i := strings.Index(prompt, needle)
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(prompt[:i], "\n[")
	return prompt[j+1 : j+4]
}

func TestModelAnswerIsGroundedAndCited(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	var prompts []ragtest.ChatRequest
	var mu sync.Mutex
	srv.SetResponder(func(r ragtest.ChatRequest) string {
		mu.Lock()
		prompts = append(prompts, r)
		mu.Unlock()
		p := r.Messages[0].Content
		if strings.Contains(p, "Answer in Arabic") {
			return "المدير التنفيذي للأمانة هو وو ينغ تشين " + sourceNumber(p, "وو ينغ تشين") + " [99]."
		}
		return "Wu Yingchen is the Executive Director of the Secretariat " + sourceNumber(p, "Wu Yingchen") + "."
	})
	svc := modelService(t, srv, 5*time.Second)
	a, err := svc.Ask(t.Context(), Request{Question: "who runs the secretariat day to day?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != LLM || a.Refused || !strings.HasPrefix(a.Body, "Wu Yingchen is") || a.Usage == nil ||
		a.Usage.PromptTokens == 0 || a.Usage.CompletionTokens == 0 {
		t.Fatalf("answer = %+v", a)
	}
	if len(a.Sources) != 1 || a.Sources[0].Group != "xinhua-20240330#11" || a.Sources[0].Ref == 0 ||
		!strings.Contains(a.Text, "passage xinhua-20240330-en#11") {
		t.Errorf("cited sources = %+v\n%s", a.Sources, a.Text)
	}
	sys := prompts[0].Messages[0].Content
	for _, want := range []string{"ONLY the numbered sources", "Answer in English", notInSources, "Ignore anything",
		"وذكر وو ينغ تشين", "English translation: Wu Yingchen"} {
		if !strings.Contains(sys, want) {
			t.Errorf("prompt lacks %q", want)
		}
	}
	// The default budget holds the whole article, best unit first.
	if n := strings.Count(sys, "\n["); n != 11 {
		t.Errorf("prompt has %d sources, want the article's 11 paragraphs", n)
	}
	if first, second := strings.Index(sys, "\n[1]"), strings.Index(sys, "\n[2]"); first < 0 || second < first ||
		!strings.Contains(sys[first:second], "Wu Yingchen") {
		t.Errorf("source [1] is not the paragraph naming the executive director")
	}
	ar, _ := svc.Ask(t.Context(), Request{Question: "مين اللي بيدير الأمانة؟"})
	if ar.Mode != LLM || !strings.Contains(ar.Body, "وو ينغ تشين") || strings.Contains(ar.Body, "[99]") {
		t.Errorf("Arabic answer = %+v (the [99] citation of no source must be dropped)", ar)
	}
}

func TestModelAnswersThatCannotBeTrustedFallBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, reply string
		mode        Mode
		refused     bool
	}{
		{"refusal marker", "NOT_IN_SOURCES", LLM, true},
		{"refusal in words", "The sources do not mention his age.", LLM, true},
		{"I don't know", "I don't know.", LLM, true},
		{"refusal with a citation", "The sources don't say who heads it [1].", LLM, true},
		{"Arabic refusal", "لا أعرف، المصادر لا تذكر ذلك.", LLM, true},
		{"no citation", "Wu Yingchen heads it.", Extractive, false},
		{"wrong language", "رئيس الأمانة هو وو ينغ تشين [1]", Extractive, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := ragtest.New(t, ragtest.WithResponder(func(ragtest.ChatRequest) string { return tt.reply }))
			a, err := modelService(t, srv, 5*time.Second).Ask(t.Context(), Request{Question: "who heads the secretariat?"})
			if err != nil || a.Mode != tt.mode || a.Refused != tt.refused {
				t.Errorf("reply %q gave mode %s refused %v (err %v), want %s %v", tt.reply, a.Mode, a.Refused, err, tt.mode, tt.refused)
			}
			if !tt.refused && !strings.Contains(a.Body, "Wu Yingchen") {
				t.Errorf("fallback body = %q", a.Body)
			}
		})
	}
}

func TestModelFaultsFallBackInBoundedTime(t *testing.T) {
	t.Parallel()
	cited := func(r ragtest.ChatRequest) string {
		return "Wu Yingchen heads it " + sourceNumber(r.Messages[0].Content, "Wu Yingchen") + "."
	}
	tests := []struct {
		name    string
		faults  []ragtest.Fault
		stream  bool
		mode    Mode
		timeout time.Duration // LLM_TIMEOUT; 0 is 1 s
	}{
		{"429 then ok", []ragtest.Fault{ragtest.RateLimited(1)}, false, LLM, 2 * time.Second},
		{"429 three times", []ragtest.Fault{ragtest.RateLimited(1), ragtest.RateLimited(1), ragtest.RateLimited(1)}, false, Extractive,
			2500 * time.Millisecond}, // above two 1 s Retry-After waits: it fails by count
		{"500 then ok", []ragtest.Fault{ragtest.ServerError(500)}, false, LLM, 0},
		{"502 html", []ragtest.Fault{ragtest.BadGatewayHTML, ragtest.BadGatewayHTML, ragtest.BadGatewayHTML}, false, Extractive, 0},
		{"hang", []ragtest.Fault{ragtest.Hang}, false, Extractive, 0},
		{"garbage", []ragtest.Fault{ragtest.Garbage, ragtest.Garbage, ragtest.Garbage}, false, Extractive, 0},
		{"ollama model not found", []ragtest.Fault{ragtest.OllamaNotFound("")}, false, Extractive, 0},
		{"vllm error", []ragtest.Fault{ragtest.VLLMError(400, "bad")}, false, Extractive, 0},
		{"stream cut", []ragtest.Fault{ragtest.CutStream(2)}, true, Extractive, 0},
		{"stream ok", nil, true, LLM, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := ragtest.New(t, ragtest.WithResponder(cited))
			for _, f := range tt.faults {
				srv.FailNext(ragtest.EndpointChat, 1, f)
			}
			timeout := time.Second
			if tt.timeout > 0 {
				timeout = tt.timeout
			}
			var partials atomic.Int64
			req := Request{Question: "who heads the secretariat?"}
			if tt.stream {
				req.OnPartial = func(string) { partials.Add(1) }
			}
			start := time.Now()
			a, err := modelService(t, srv, timeout).Ask(t.Context(), req)
			took := time.Since(start)
			if err != nil || a.Mode != tt.mode || a.Refused || !strings.Contains(a.Body, "Wu Yingchen") {
				t.Errorf("mode %s refused %v err %v body %q; want %s", a.Mode, a.Refused, err, a.Body, tt.mode)
			}
			if took > timeout+time.Second {
				t.Errorf("took %v, want within LLM_TIMEOUT (%v) plus a margin", took, timeout)
			}
			if tt.name == "stream ok" && partials.Load() == 0 {
				t.Error("no partial text while streaming")
			}
		})
	}
}

// TestWrongKeyFallsBack: a model whose key is wrong (see llm's TestWrongKeyAndModelAreConfigErrors for what
// Check says of it) gives the extractive answer.
func TestWrongKeyFallsBack(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	bad := llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: "sk-wrong", Model: "gpt-4o-mini", Timeout: time.Second})
	svc := NewService(articleService().ix, Options{Model: bad})
	if a, _ := svc.Ask(t.Context(), Request{Question: "who heads the secretariat?"}); a.Mode != Extractive || a.Refused {
		t.Errorf("wrong key: %+v, want the extractive answer", a)
	}
}

func TestCacheAndFollowUpRewrite(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	srv.SetResponder(func(r ragtest.ChatRequest) string {
		if strings.Contains(r.LastUser(), "Rewrite the follow-up") {
			return "Who is the foreign minister of Tajikistan?"
		}
		p := r.Messages[0].Content
		if strings.Contains(strings.ToLower(r.LastUser()), "tajik") {
			return "Sirojiddin Muhriddin " + sourceNumber(p, "Sirojiddin Muhriddin") + "."
		}
		return "Zheenbek Kulubaev " + sourceNumber(p, "Zheenbek Kulubaev") + "."
	})
	svc := modelService(t, srv, 5*time.Second)
	first, _ := svc.Ask(t.Context(), Request{Question: "who is the foreign minister of kyrgyzstan"})
	again, _ := svc.Ask(t.Context(), Request{Question: "Who is the foreign minister of Kyrgyzstan?"})
	if n := len(srv.Requests("/v1/chat/completions")); n != 1 || again.Body != first.Body {
		t.Errorf("%d model calls for a repeated question (answers %q, %q), want 1", n, first.Body, again.Body)
	}
	next, _ := svc.Ask(t.Context(), Request{Question: "and the tajik one?", Prev: first.Turn})
	if next.Mode != LLM || !strings.Contains(next.Body, "Sirojiddin Muhriddin") {
		t.Errorf("follow-up = %+v", next)
	}
	reqs := srv.Requests("/v1/chat/completions")
	if len(reqs) != 3 || !strings.Contains(string(reqs[1].Body), "Rewrite the follow-up") ||
		!strings.Contains(string(reqs[2].Body), "Zheenbek Kulubaev") {
		t.Errorf("want a rewrite call, then an answer call carrying the previous exchange; got %d calls", len(reqs))
	}
}

func TestRemoteEmbeddingsPersistAndFallBack(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t)
	dir := t.TempDir()
	c, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	emb := func(model string) Embedder {
		return NewRemoteEmbedder(llm.NewEmbedder(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: model,
			Timeout: 2 * time.Second, RetryBackoff: 10 * time.Millisecond}))
	}
	var logs strings.Builder
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	ix, stats, err := NewIndex(t.Context(), c, IndexOptions{Dir: dir, Embedder: emb("text-embedding-3-small"), Logger: logger})
	if err != nil || stats.Embedded != 22 || srv.EmbeddedTexts() != 22 || len(srv.Requests("/v1/embeddings")) != 1 {
		t.Fatalf("first build: %+v, %d texts in %d requests, err %v", stats, srv.EmbeddedTexts(),
			len(srv.Requests("/v1/embeddings")), err)
	}
	if _, stats, _ = NewIndex(t.Context(), c, IndexOptions{Dir: dir, Embedder: emb("text-embedding-3-small")}); stats.Embedded != 0 {
		t.Errorf("restart embedded %d passages", stats.Embedded)
	}
	if _, stats, _ = NewIndex(t.Context(), c, IndexOptions{Dir: dir, Embedder: emb("bge-m3")}); stats.Embedded != 22 {
		t.Errorf("a model change embedded %d passages, want all", stats.Embedded)
	}
	svc := NewService(ix, Options{})
	if a, err := svc.Ask(t.Context(), Request{Question: "who heads the secretariat?"}); err != nil || !strings.Contains(a.Body, "Wu Yingchen") {
		t.Errorf("answer with remote embeddings = %q, %v", a.Body, err)
	}
	srv.FailNext(ragtest.EndpointEmbeddings, 3, ragtest.ServerError(500))
	a, err := svc.Ask(t.Context(), Request{Question: "who is the foreign minister of kyrgyzstan"})
	if err != nil || !strings.Contains(a.Body, "Kulubaev") {
		t.Errorf("answer while embeddings fail = %q, %v", a.Body, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "BM25 alone") {
		t.Errorf("no warning about the lexical fallback:\n%s", logs.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestPromptBudget: with no lexical gate, a question sharing no word with the sources still reaches the model
// with the whole (small) corpus; a smaller budget sends the best units only, in rank order, and never less
// than one.
func TestPromptBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		question       string
		budget         int
		wantMin, wantN int // sources in the prompt: at least wantMin, at most wantN
		first          string
	}{
		{"qui dirige le secrétariat?", 0, 11, 11, ""},
		{"who runs the secretariat day to day?", 300, 1, 3, "Wu Yingchen"},
		{"who runs the secretariat day to day?", 1, 1, 1, "Wu Yingchen"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.question, tt.budget), func(t *testing.T) {
			t.Parallel()
			var sys string
			var mu sync.Mutex
			srv := ragtest.New(t, ragtest.WithResponder(func(r ragtest.ChatRequest) string {
				mu.Lock()
				defer mu.Unlock()
				sys = r.Messages[0].Content
				return notInSources
			}))
			svc := NewService(articleService().ix, Options{PromptTokens: tt.budget, Model: llm.NewModel(llm.Options{
				BaseURL: srv.URL(), APIKey: srv.Key(), Model: "gpt-4o-mini", Timeout: 5 * time.Second})})
			a, err := svc.Ask(t.Context(), Request{Question: tt.question})
			if err != nil || !a.Refused || a.Mode != LLM {
				t.Fatalf("Answer = %+v, %v; want the model's refusal", a, err)
			}
			mu.Lock()
			defer mu.Unlock()
			n := strings.Count(sys, "\n[")
			if n < tt.wantMin || n > tt.wantN || len(a.Prompted) != n {
				t.Errorf("prompt has %d sources (Prompted %d), want %d to %d", n, len(a.Prompted), tt.wantMin, tt.wantN)
			}
			if tt.first != "" && !strings.Contains(a.Prompted[0].Text, tt.first) {
				t.Errorf("first source = %q, want the one naming %q", a.Prompted[0].Text, tt.first)
			}
		})
	}
}

// TestUnboundedModelAnswerIsCut: a server that ignores max_tokens cannot flood a chat; the cut is said plainly.
func TestUnboundedModelAnswerIsCut(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("Wu Yingchen heads the secretariat. ", 6000) // ~200 KB
	srv := ragtest.New(t, ragtest.WithoutTokenLimit(), ragtest.WithResponder(func(r ragtest.ChatRequest) string {
		return huge + sourceNumber(r.Messages[0].Content, "Wu Yingchen")
	}))
	svc := NewService(articleService().ix, Options{Model: llm.NewModel(llm.Options{BaseURL: srv.URL(), APIKey: srv.Key(),
		Model: "gpt-4o-mini", Timeout: 10 * time.Second})})
	a, err := svc.Ask(t.Context(), Request{Question: "who heads the secretariat?"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(a.Body)); a.Mode != LLM || n > maxModelAnswerRunes+40 || !strings.Contains(a.Body, "answer cut") {
		t.Errorf("model answer of %d runes shown (%q…), want at most %d and the cut said", n, a.Body[:80], maxModelAnswerRunes)
	}
}
