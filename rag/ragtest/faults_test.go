package ragtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"ccabot/rag/ragtest"
)

// retryDoer is an HTTPDoer that retries once on 429, recording Retry-After.
type retryDoer struct {
	mu         sync.Mutex
	retryAfter []string
}

func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	d.mu.Lock()
	d.retryAfter = append(d.retryAfter, resp.Header.Get("Retry-After"))
	d.mu.Unlock()
	resp.Body.Close()
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	return http.DefaultClient.Do(retry)
}

func TestRateLimitedRetryAfter(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	s.FailNext(ragtest.EndpointChat, 1, ragtest.RateLimited(7))
	doer := &retryDoer{}
	cfg := openai.DefaultConfig(s.Key())
	cfg.BaseURL, cfg.HTTPClient = s.URL(), doer
	resp, err := openai.NewClientWithConfig(cfg).CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Choices[0].Message.Content != "OK" || len(doer.retryAfter) != 1 || doer.retryAfter[0] != "7" {
		t.Errorf("reply %q, Retry-After seen %v", resp.Choices[0].Message.Content, doer.retryAfter)
	}

	// Without a retrying doer the 429 surfaces as an APIError.
	s.FailNext("", 1, ragtest.RateLimited(2))
	_, err = newClient(s, s.Key()).CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi"))
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 || apiErr.Code != "rate_limit_exceeded" || apiErr.Type != "requests" {
		t.Errorf("err = %#v", err)
	}
}

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	c := newClient(s, s.Key())
	cases := []struct {
		fault  ragtest.Fault
		status int
		api    bool // *openai.APIError rather than *openai.RequestError
	}{
		{ragtest.ServerError(500), 500, true},
		{ragtest.ServerError(503), 503, true},
		{ragtest.BadGatewayHTML, 502, false},
		{ragtest.OllamaNotFound("llama3.1"), 404, false},
		{ragtest.OllamaNotFound(""), 404, false},
		{ragtest.VLLMError(400, "max_tokens is too large"), 400, false},
	}
	for _, tc := range cases {
		s.FailNext(ragtest.EndpointChat, 1, tc.fault)
		_, err := c.CreateChatCompletion(t.Context(), chatReq("llama3.1", "hi"))
		var apiErr *openai.APIError
		var reqErr *openai.RequestError
		switch {
		case tc.api && errors.As(err, &apiErr) && apiErr.HTTPStatusCode == tc.status:
		case !tc.api && errors.As(err, &reqErr) && reqErr.HTTPStatusCode == tc.status:
			if strings.HasPrefix(tc.fault.String(), "Ollama") && !strings.Contains(string(reqErr.Body), `model \"llama3.1\" not found`) {
				t.Errorf("%v: body %s", tc.fault, reqErr.Body)
			}
		default:
			t.Errorf("%v: err = %#v", tc.fault, err)
		}
	}
}

func TestHangHonoursDeadline(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	s.FailNext(ragtest.EndpointChat, 1, ragtest.Hang)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newClient(s, s.Key()).CreateChatCompletion(ctx, chatReq("gpt-4o-mini", "hi"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestHangEndsOnClose(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	s.FailNext("", 1, ragtest.Hang)
	errc := make(chan error, 1)
	go func() {
		_, err := newClient(s, s.Key()).CreateEmbeddings(context.Background(),
			openai.EmbeddingRequest{Input: "x", Model: "bge-m3"})
		errc <- err
	}()
	for len(s.Requests("/embeddings")) == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("hung request succeeded")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the hung request")
	}
}

func TestCutStream(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithResponder(func(ragtest.ChatRequest) string {
		return "one two three four five six seven eight nine ten"
	}))
	s.FailNext(ragtest.EndpointChat, 1, ragtest.CutStream(2))
	req := chatReq("gpt-4o-mini", "count")
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	stream, err := newClient(s, s.Key()).CreateChatCompletionStream(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var text strings.Builder
	var n int
	for {
		chunk, err := stream.Recv()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("Recv: %v", err)
			}
			break
		}
		n++
		if chunk.Usage != nil || chunk.Choices[0].FinishReason != "" {
			t.Errorf("unexpected end-of-stream chunk %+v", chunk)
		}
		text.WriteString(chunk.Choices[0].Delta.Content)
	}
	if n != 2 || text.String() != "one two three four five six " {
		t.Errorf("%d chunks, text %q", n, text.String())
	}
}

func TestCutNonStreaming(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	s.FailNext(ragtest.EndpointEmbeddings, 1, ragtest.CutStream(0))
	_, err := newClient(s, s.Key()).CreateEmbeddings(t.Context(), openai.EmbeddingRequest{Input: "x", Model: "bge-m3"})
	if err == nil {
		t.Fatal("cut response decoded without error")
	}
	if s.EmbeddedTexts() != 0 {
		t.Errorf("EmbeddedTexts = %d", s.EmbeddedTexts())
	}
}

func TestGarbage(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	s.FailNext(ragtest.EndpointChat, 1, ragtest.Garbage)
	if _, err := newClient(s, s.Key()).CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi")); err == nil {
		t.Error("garbage body decoded without error")
	}
}

func TestSlowAndLatency(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithLatency(30*time.Millisecond))
	s.FailNext(ragtest.EndpointChat, 1, ragtest.Slow(50*time.Millisecond))
	c := newClient(s, s.Key())
	start := time.Now()
	if _, err := c.CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi")); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("slow+latency request took only %v", d)
	}
	s.Latency(0)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	s.FailNext(ragtest.EndpointChat, 1, ragtest.Slow(time.Minute))
	if _, err := c.CreateChatCompletion(ctx, chatReq("gpt-4o-mini", "hi")); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
}

func TestFailNextTargetsEndpoint(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	c := newClient(s, s.Key())
	s.FailNext(ragtest.EndpointEmbeddings, 2, ragtest.ServerError(500))
	if _, err := c.CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi")); err != nil {
		t.Fatalf("chat hit an embeddings fault: %v", err)
	}
	emb := openai.EmbeddingRequest{Input: "x", Model: "bge-m3"}
	for i := range 3 {
		_, err := c.CreateEmbeddings(t.Context(), emb)
		if (err != nil) != (i < 2) {
			t.Errorf("embedding call %d: err = %v", i, err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("FailNext with an unknown endpoint did not panic")
		}
	}()
	s.FailNext("chat/completions", 1, ragtest.Hang)
}

func TestFaultFuncConcurrent(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	var calls atomic.Int32
	s.SetFaultFunc(func(endpoint string) *ragtest.Fault {
		if endpoint == ragtest.EndpointChat && calls.Add(1)%2 == 0 {
			f := ragtest.ServerError(503)
			return &f
		}
		return nil
	})
	s.FailNext("", 5, ragtest.RateLimited(1))
	c := newClient(s, s.Key())
	var wg sync.WaitGroup
	var ok, limited, unavailable atomic.Int32
	for range 25 {
		wg.Go(func() {
			_, err := c.CreateChatCompletion(context.Background(), chatReq("gpt-4o-mini", "hi"))
			var apiErr *openai.APIError
			switch {
			case err == nil:
				ok.Add(1)
			case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == 429:
				limited.Add(1)
			case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == 503:
				unavailable.Add(1)
			default:
				t.Errorf("err = %v", err)
			}
		})
	}
	wg.Wait()
	if limited.Load() != 5 || unavailable.Load() != 10 || ok.Load() != 10 {
		t.Errorf("ok %d, 429 %d, 503 %d", ok.Load(), limited.Load(), unavailable.Load())
	}
	s.ClearFaults()
	if _, err := c.CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi")); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}
