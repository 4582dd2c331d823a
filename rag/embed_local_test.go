package rag

import (
	"context"
	"math"
	"strings"
	"testing"
)

func TestLocalEmbedderUnitAndNeverZero(t *testing.T) {
	e := localEmbedder{Dim: 256}
	for _, text := range []string{"", "???", "🙂", "الأمانة", "secretariat of the mechanism", strings.Repeat("x ", 5000)} {
		v, err := e.Embed(context.Background(), text)
		if err != nil {
			t.Fatalf("Embed(%q): %v", text, err)
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if len(v) != 256 || math.Abs(sum-1) > 1e-4 {
			t.Errorf("Embed(%.10q): len %d, squared norm %f; want 256 and 1", text, len(v), sum)
		}
	}
	a, _ := e.Embed(context.Background(), "الأمانة")
	b, _ := e.Embed(context.Background(), "الامانه")
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("Embed is not invariant under normalisation")
		}
	}
}
