package bot

import (
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// The guard sheds the oldest connections not in a handler once they are older than minAge, never a busy one and
// never a fresh one, and never holds more than the cap while some can be shed.
func TestConnGuardShedsOldIdleConnections(t *testing.T) {
	t.Parallel()
	clock := time.Unix(1000, 0)
	g := newConnGuard(3, time.Second)
	g.now = func() time.Time { return clock }
	var servers []*closeSpy
	add := func() {
		s := &closeSpy{}
		servers = append(servers, s)
		clock = clock.Add(time.Millisecond)
		g.track(s, http.StateNew)
	}
	for range 4 { // a burst above the cap, all fresh: nothing shed
		add()
	}
	if got := g.open(); got != 4 {
		t.Fatalf("open = %d after a fresh burst, want 4 (fresh connections are not shed)", got)
	}
	g.setBusy(servers[0], true) // a request being handled on the oldest
	clock = clock.Add(2 * time.Second)
	add()
	if got := g.open(); got != 3 {
		t.Errorf("open = %d, want 3", got)
	}
	for i, want := range []bool{false, true, true, false, false} {
		if got := servers[i].closed.Load(); got != want {
			t.Errorf("connection %d closed = %v, want %v", i, got, want)
		}
	}
}

// closeSpy is a connection that only records being closed.
type closeSpy struct {
	net.Conn
	closed atomic.Bool
}

func (c *closeSpy) Close() error { c.closed.Store(true); return nil }
