package bot

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// connGuard caps a server's open connections against slow clients (slowloris) without starving real ones.
// A plain accept cap (netutil.LimitListener) queues new connections behind the slow ones, so a real Telegram
// post waits out every slow client's timeout (3,000 slow clients held it over a minute). Instead every
// connection is accepted and, past the cap, the oldest ones not inside a request handler and older than minAge
// are closed: clients still trickling their headers, or idle keep-alives. A real post completes its headers in
// one round trip, well within minAge, and is handled at once; so a burst of real posts above the cap is served,
// and read timeouts bound the rest.
type connGuard struct {
	limit  int
	minAge time.Duration
	now    func() time.Time
	mu     sync.Mutex
	conns  map[net.Conn]*guarded
}

type guarded struct {
	since time.Time
	busy  bool // a request on it is being handled
}

type connKey struct{}

func newConnGuard(limit int, minAge time.Duration) *connGuard {
	return &connGuard{limit: limit, minAge: minAge, now: time.Now, conns: map[net.Conn]*guarded{}}
}

// connContext (http.Server.ConnContext) lets the handler find its connection.
func (g *connGuard) connContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// track is the http.Server.ConnState hook.
func (g *connGuard) track(c net.Conn, state http.ConnState) {
	var shed []net.Conn
	g.mu.Lock()
	switch state {
	case http.StateNew:
		g.conns[c] = &guarded{since: g.now()}
		for len(g.conns) > g.limit {
			old := g.oldestIdleLocked()
			if old == nil {
				break
			}
			delete(g.conns, old)
			shed = append(shed, old)
		}
	case http.StateClosed, http.StateHijacked:
		delete(g.conns, c)
	}
	g.mu.Unlock()
	for _, c := range shed {
		c.Close()
	}
}

// oldestIdleLocked is the connection to shed: the oldest not inside a handler and older than minAge, or nil.
func (g *connGuard) oldestIdleLocked() net.Conn {
	var pick net.Conn
	var pickSince time.Time
	cutoff := g.now().Add(-g.minAge)
	for c, st := range g.conns {
		if !st.busy && !st.since.After(cutoff) && (pick == nil || st.since.Before(pickSince)) {
			pick, pickSince = c, st.since
		}
	}
	return pick
}

// handler marks a connection busy while next handles a request on it.
func (g *connGuard) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := r.Context().Value(connKey{}).(net.Conn)
		g.setBusy(c, true)
		defer g.setBusy(c, false)
		next.ServeHTTP(w, r)
	})
}

func (g *connGuard) setBusy(c net.Conn, busy bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if st, ok := g.conns[c]; ok {
		st.busy = busy
		st.since = g.now()
	}
}

// open is the number of connections held now.
func (g *connGuard) open() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.conns)
}
