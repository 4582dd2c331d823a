package rag

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"ccabot/knowledge"
)

func TestDebugQuery(t *testing.T) {
	qs := os.Getenv("DEBUGQ")
	if qs == "" {
		t.Skip()
	}
	c, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	ix, _, err := NewIndex(context.Background(), c, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, qt := range strings.Split(qs, "|") {
		var prev *query
		if ctx, rest, ok := strings.Cut(qt, ">>"); ok {
			prev, qt = ix.prepare(ctx, nil), rest
		}
		q := ix.prepare(qt, prev)
		fmt.Printf("%s\n  text=%q kind=%v list=%v cover=%v\n", qt, q.text, q.kind, q.list, q.cover)
		for t := range q.cover {
			if strings.HasPrefix(t, "§") {
				var n int
				fmt.Sscanf(t, "§%d", &n)
				fmt.Printf("  %s = %s\n", t, ix.lex.entries[n].EN[0])
			}
		}
		hits, _ := ix.search(context.Background(), q, 3)
		for _, h := range hits {
			fmt.Printf("  %s score=%.3f cov=%.3f ret=%.3f\n", ix.groups[h.group].key, h.Score, h.Coverage, h.Retrieval)
		}
	}
}
