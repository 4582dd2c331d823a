package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userLimits is the per-user flood limit: a burst, then a steady rate (golang.org/x/time/rate token buckets).
// A user over the limit gets one notice per window, not one per message.
type userLimits struct {
	mu     sync.Mutex
	burst  int
	every  time.Duration
	users  map[int64]*userLimit
	swept  time.Time
	window time.Duration
}

type userLimit struct {
	lim      *rate.Limiter
	notified time.Time
	seen     time.Time
}

func newUserLimits(burst, perMinute int) *userLimits {
	return &userLimits{burst: burst, every: time.Minute / time.Duration(perMinute), users: map[int64]*userLimit{},
		window: time.Minute}
}

// take reports whether the user may ask now and, if not, whether to tell them (once per window).
func (l *userLimits) take(user int64) (ok, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.sweep(now)
	u := l.users[user]
	if u == nil {
		u = &userLimit{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.users[user] = u
	}
	u.seen = now
	if u.lim.AllowN(now, 1) {
		return true, false
	}
	if now.Sub(u.notified) >= l.window {
		u.notified = now
		return false, true
	}
	return false, false
}

// sweep forgets users whose bucket has refilled (idle long enough), keeping memory to active users.
func (l *userLimits) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := time.Duration(l.burst)*l.every + l.window
	for id, u := range l.users {
		if now.Sub(u.seen) > full {
			delete(l.users, id)
		}
	}
}
