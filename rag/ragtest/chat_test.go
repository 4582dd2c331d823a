package ragtest_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"ccabot/rag/ragtest"
)

// newClient returns a go-openai client talking to s with the given key.
func newClient(s *ragtest.Server, key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = s.URL()
	return openai.NewClientWithConfig(cfg)
}

func chatReq(model string, msgs ...string) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: model}
	for _, m := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: m})
	}
	return req
}

func echo(req ragtest.ChatRequest) string { return "echo: " + req.LastUser() }

func TestChatCompletion(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithResponder(echo))
	c := newClient(s, s.Key())
	req := chatReq("gpt-4o-mini", "hello there")
	req.Messages = append([]openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleSystem, Content: "be brief"}}, req.Messages...)
	req.Temperature = 0.5
	resp, err := c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.Content; got != "echo: hello there" {
		t.Errorf("content = %q", got)
	}
	if resp.Choices[0].Message.Role != "assistant" || resp.Choices[0].FinishReason != openai.FinishReasonStop {
		t.Errorf("choice = %+v", resp.Choices[0])
	}
	if resp.Object != "chat.completion" || resp.Model != "gpt-4o-mini" || resp.ID == "" {
		t.Errorf("envelope = %q %q %q", resp.Object, resp.Model, resp.ID)
	}
	wantPrompt := ragtest.CountTokens("be brief" + "hello there") // 19 bytes -> 5
	wantCompl := ragtest.CountTokens("echo: hello there")         // 17 bytes -> 5
	u := resp.Usage
	if u.PromptTokens != wantPrompt || u.CompletionTokens != wantCompl || u.TotalTokens != wantPrompt+wantCompl {
		t.Errorf("usage = %+v, want %d/%d", u, wantPrompt, wantCompl)
	}
	if wantPrompt != 5 || wantCompl != 5 {
		t.Errorf("CountTokens rule changed: %d %d", wantPrompt, wantCompl)
	}
	reqs := s.Requests("/chat/completions")
	if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].JSON["model"] != "gpt-4o-mini" {
		t.Fatalf("recorded = %+v", reqs)
	}
	if temp, _ := reqs[0].JSON["temperature"].(float64); temp != 0.5 {
		t.Errorf("recorded temperature = %v", reqs[0].JSON["temperature"])
	}
}

func TestChatDefaultResponderAndSetResponder(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithKey(""))
	c := newClient(s, "") // no Authorization header at all, like Ollama
	resp, err := c.CreateChatCompletion(t.Context(), chatReq("llama3.1", "hi"))
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.Content; got != "OK" {
		t.Errorf("default reply = %q", got)
	}
	seenc := make(chan ragtest.ChatRequest, 1)
	s.SetResponder(func(r ragtest.ChatRequest) string { seenc <- r; return "changed" })
	req := chatReq("llama3.1", "x")
	req.MaxTokens = 50
	resp, err = c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	seen := <-seenc
	if resp.Choices[0].Message.Content != "changed" || seen.MaxTokens != 50 || seen.Stream || seen.Model != "llama3.1" {
		t.Errorf("reply %q, seen %+v", resp.Choices[0].Message.Content, seen)
	}
}

func TestChatMaxTokensTruncates(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithResponder(func(ragtest.ChatRequest) string { return strings.Repeat("abcd", 10) }))
	req := chatReq("gpt-4o-mini", "q")
	req.MaxCompletionTokens = 2
	resp, err := newClient(s, s.Key()).CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	ch := resp.Choices[0]
	if ch.Message.Content != "abcdabcd" || ch.FinishReason != openai.FinishReasonLength || resp.Usage.CompletionTokens != 2 {
		t.Errorf("got %q %q %+v", ch.Message.Content, ch.FinishReason, resp.Usage)
	}
}

func TestChatStream(t *testing.T) {
	t.Parallel()
	const reply = "The quick brown fox jumps over the lazy dog, twice.\nThen it rests."
	s := ragtest.New(t, ragtest.WithResponder(func(ragtest.ChatRequest) string { return reply }),
		ragtest.WithChunkDelay(time.Millisecond))
	req := chatReq("gpt-4o-mini", "tell me")
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	stream, err := newClient(s, s.Key()).CreateChatCompletionStream(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	if ct := stream.Header().Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	var (
		text    strings.Builder
		chunks  int
		finish  openai.FinishReason
		usage   *openai.Usage
		role    string
		afterFR int
	)
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if chunk.Object != "chat.completion.chunk" {
			t.Errorf("object = %q", chunk.Object)
		}
		if chunk.Usage != nil {
			usage = chunk.Usage
			if len(chunk.Choices) != 0 {
				t.Errorf("usage chunk has choices: %+v", chunk.Choices)
			}
			continue
		}
		if finish != "" {
			afterFR++
		}
		ch := chunk.Choices[0]
		if chunks == 0 {
			role = ch.Delta.Role
		}
		chunks++
		text.WriteString(ch.Delta.Content)
		if ch.FinishReason != "" {
			finish = ch.FinishReason
		}
	}
	if text.String() != reply {
		t.Errorf("reassembled %q", text.String())
	}
	if role != "assistant" || finish != openai.FinishReasonStop || afterFR != 0 {
		t.Errorf("role %q finish %q afterFinish %d", role, finish, afterFR)
	}
	if chunks < 4 {
		t.Errorf("only %d chunks", chunks)
	}
	if usage == nil || usage.CompletionTokens != ragtest.CountTokens(reply) ||
		usage.TotalTokens != usage.PromptTokens+usage.CompletionTokens {
		t.Errorf("usage = %+v", usage)
	}
}

func TestChatStreamWithoutUsage(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	stream, err := newClient(s, s.Key()).CreateChatCompletionStream(t.Context(), chatReq("gpt-4o-mini", "hi"))
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var n int
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if chunk.Usage != nil {
			t.Errorf("unexpected usage chunk")
		}
		n++
	}
	if n != 2 { // "OK" with role, then the finish chunk
		t.Errorf("chunks = %d", n)
	}
}

func TestChatUnknownModel(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithModels("only-this"))
	_, err := newClient(s, s.Key()).CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi"))
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 404 || apiErr.Code != "model_not_found" ||
		apiErr.Message != "The model `gpt-4o-mini` does not exist" {
		t.Fatalf("err = %#v", err)
	}
}

func TestWrongKey(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	for _, key := range []string{"sk-wrong", ""} {
		_, err := newClient(s, key).CreateChatCompletion(t.Context(), chatReq("gpt-4o-mini", "hi"))
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 401 || apiErr.Code != "invalid_api_key" ||
			apiErr.Type != "invalid_request_error" || apiErr.Message != "Incorrect API key provided" {
			t.Errorf("key %q: err = %#v", key, err)
		}
	}
	if n := len(s.Requests("")); n != 2 {
		t.Errorf("recorded %d requests", n)
	}
}

func TestModels(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	c := newClient(s, s.Key())
	list, err := c.ListModels(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range list.Models {
		ids = append(ids, m.ID)
	}
	if strings.Join(ids, ",") != "gpt-4o-mini,llama3.1,text-embedding-3-small,bge-m3" {
		t.Errorf("models = %v", ids)
	}
	if m, err := c.GetModel(t.Context(), "bge-m3"); err != nil || m.ID != "bge-m3" {
		t.Errorf("GetModel = %+v, %v", m, err)
	}
	if _, err := c.GetModel(context.Background(), "nope"); err == nil {
		t.Error("GetModel(nope) succeeded")
	}
}
