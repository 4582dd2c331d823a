package bot

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDispatcherOrderPerKeyAndBound(t *testing.T) {
	t.Parallel()
	d := newDispatcher(3, func(int) {})
	var running, peak atomic.Int64
	var mu sync.Mutex
	order := map[string][]int{}
	release := make(chan struct{})
	for i := range 30 {
		key := fmt.Sprint(i % 5)
		d.submit(key, func(ctx context.Context) {
			d.work(ctx, func() {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				<-release
				running.Add(-1)
			})
			mu.Lock()
			order[key] = append(order[key], i)
			mu.Unlock()
		})
	}
	close(release)
	if left := d.drain(5 * time.Second); left != 0 {
		t.Fatalf("drain left %d jobs", left)
	}
	if peak.Load() > 3 {
		t.Errorf("%d jobs ran at once, want at most 3", peak.Load())
	}
	for key, got := range order {
		for i := 1; i < len(got); i++ {
			if got[i] < got[i-1] {
				t.Errorf("key %s ran %v, want submission order", key, got)
			}
		}
	}
	if err := d.submit("x", func(context.Context) {}); err == nil {
		t.Error("submit after drain was accepted")
	}
}

func TestSlowChatDoesNotBlockOthers(t *testing.T) {
	t.Parallel()
	d := newDispatcher(2, func(int) {})
	slow := make(chan struct{})
	fast := make(chan struct{})
	d.submit("slow", func(context.Context) { <-slow })
	d.submit("fast", func(context.Context) { close(fast) })
	select {
	case <-fast:
	case <-time.After(5 * time.Second):
		t.Fatal("a job in another chat waited for the slow one")
	}
	close(slow)
	d.drain(time.Second)
}

func TestDrainDeadlineCancelsStragglers(t *testing.T) {
	t.Parallel()
	d := newDispatcher(1, func(int) {})
	d.submit("a", func(ctx context.Context) { <-ctx.Done() })
	if left := d.drain(50 * time.Millisecond); left != 1 {
		t.Errorf("drain reported %d unfinished, want 1", left)
	}
}
