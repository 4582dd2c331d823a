package ragtest_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"ccabot/rag/ragtest"
)

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func cosine(a, b []float32) float64 {
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	return dot / (norm(a) * norm(b))
}

func TestEmbeddingsSingleString(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	c := newClient(s, s.Key())
	resp, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequest{
		Input: "hello world", Model: openai.SmallEmbedding3,
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Object != "list" || resp.Model != openai.SmallEmbedding3 || len(resp.Data) != 1 {
		t.Fatalf("resp = %+v", resp)
	}
	d := resp.Data[0]
	if d.Object != "embedding" || d.Index != 0 || len(d.Embedding) != 64 {
		t.Errorf("data = %+v", d)
	}
	if !slices.Equal(d.Embedding, ragtest.Vector("hello world", 64)) {
		t.Error("vector differs from ragtest.Vector")
	}
	if n := norm(d.Embedding); math.Abs(n-ragtest.VectorNorm) > 1e-4 {
		t.Errorf("norm = %v, want %v", n, ragtest.VectorNorm)
	}
	want := ragtest.CountTokens("hello world")
	if resp.Usage.PromptTokens != want || resp.Usage.TotalTokens != want {
		t.Errorf("usage = %+v", resp.Usage)
	}
	if s.EmbeddedTexts() != 1 {
		t.Errorf("EmbeddedTexts = %d", s.EmbeddedTexts())
	}
}

func TestEmbeddingsList(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t, ragtest.WithEmbeddingDim(128))
	c := newClient(s, s.Key())
	texts := []string{"the cat sat on the mat", "The cat sat on a mat!", "quantum chromodynamics lecture"}
	resp, err := c.CreateEmbeddings(t.Context(), openai.EmbeddingRequestStrings{Input: texts, Model: "bge-m3"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != len(texts) {
		t.Fatalf("got %d vectors", len(resp.Data))
	}
	for i, d := range resp.Data {
		if d.Index != i || len(d.Embedding) != 128 || !slices.Equal(d.Embedding, ragtest.Vector(texts[i], 128)) {
			t.Errorf("data[%d]: index %d len %d", i, d.Index, len(d.Embedding))
		}
	}
	similar, unrelated := cosine(resp.Data[0].Embedding, resp.Data[1].Embedding),
		cosine(resp.Data[0].Embedding, resp.Data[2].Embedding)
	if similar < 0.6 || similar <= unrelated+0.3 {
		t.Errorf("cosine similar %.3f unrelated %.3f", similar, unrelated)
	}
	if s.EmbeddedTexts() != 3 {
		t.Errorf("EmbeddedTexts = %d", s.EmbeddedTexts())
	}
	if reqs := s.Requests("/v1/embeddings"); len(reqs) != 1 || reqs[0].JSON["model"] != "bge-m3" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestEmbeddingsBase64AndDimensions(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	resp, err := newClient(s, s.Key()).CreateEmbeddings(t.Context(), openai.EmbeddingRequest{
		Input: []string{"alpha"}, Model: openai.SmallEmbedding3,
		EncodingFormat: openai.EmbeddingEncodingFormatBase64, Dimensions: 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(resp.Data[0].Embedding, ragtest.Vector("alpha", 16)) {
		t.Errorf("base64 vector = %v", resp.Data[0].Embedding)
	}
}

func TestEmbeddingsRejected(t *testing.T) {
	t.Parallel()
	s := ragtest.New(t)
	c := newClient(s, s.Key())
	cases := []struct {
		name   string
		req    openai.EmbeddingRequestConverter
		status int
	}{
		{"token arrays", openai.EmbeddingRequestTokens{Input: [][]int{{1, 2, 3}}, Model: "bge-m3"}, 400},
		{"single token array", openai.EmbeddingRequest{Input: []int{1, 2, 3}, Model: "bge-m3"}, 400},
		{"empty string", openai.EmbeddingRequest{Input: "", Model: "bge-m3"}, 400},
		{"empty list", openai.EmbeddingRequestStrings{Input: []string{}, Model: "bge-m3"}, 400},
		{"unknown model", openai.EmbeddingRequest{Input: "x", Model: "gpt-4o-mini"}, 404},
	}
	for _, tc := range cases {
		_, err := c.CreateEmbeddings(t.Context(), tc.req)
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != tc.status {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	if s.EmbeddedTexts() != 0 {
		t.Errorf("EmbeddedTexts = %d after rejected requests", s.EmbeddedTexts())
	}
}

func TestVector(t *testing.T) {
	t.Parallel()
	if v := ragtest.Vector("", 8); len(v) != 8 || norm(v) != 0 {
		t.Errorf("empty text: %v", v)
	}
	if ragtest.Vector("x", 0) != nil {
		t.Error("dim 0 should give nil")
	}
	if !slices.Equal(ragtest.Vector("Hello", 32), ragtest.Vector("hello", 32)) {
		t.Error("Vector should ignore case")
	}
	if slices.Equal(ragtest.Vector("hello", 32), ragtest.Vector("help", 32)) {
		t.Error("different texts gave the same vector")
	}
}
