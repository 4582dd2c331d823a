package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userLimits is the per-user flood limit: a burst, then a steady rate (golang.org/x/time/rate token buckets).
// A user over the limit gets one notice per window, not one per message. A user's bucket is forgotten once it
// has refilled (idle long enough), keeping memory to active users.
type userLimits struct {
	mu     sync.Mutex
	burst  int
	every  time.Duration
	users  *idleMap[int64, *userLimit]
	window time.Duration
}

type userLimit struct {
	lim      *rate.Limiter
	notified time.Time
	seen     time.Time
}

func newUserLimits(burst, perMinute int) *userLimits {
	l := &userLimits{burst: burst, every: time.Minute / time.Duration(perMinute), window: time.Minute}
	full := time.Duration(l.burst)*l.every + l.window
	l.users = newIdleMap[int64](func(u *userLimit, now time.Time) bool { return now.Sub(u.seen) > full })
	return l
}

// take reports whether the user may ask now and, if not, whether to tell them (once per window).
func (l *userLimits) take(user int64) (ok, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.users.sweep(now)
	u := l.users.entry(user, func() *userLimit { return &userLimit{lim: rate.NewLimiter(rate.Every(l.every), l.burst)} })
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
