package bot

import (
	"context"
	"sync"
	"time"
)

// window allows at most n events in any span of length d: a sliding log of the last n event times. Unlike a
// token bucket it never lets a burst exceed n within d, which is how Telegram counts ("30 messages per second",
// "20 messages per minute in a group"). Safe for concurrent use.
type window struct {
	mu    sync.Mutex
	n     int
	d     time.Duration
	times []time.Time // the last n event times, oldest first
}

func newWindow(n int, d time.Duration) *window { return &window{n: n, d: d} }

// wait blocks until an event may happen now, records it, and returns nil; or returns ctx's error.
func (w *window) wait(ctx context.Context) error {
	for {
		delay := w.reserve(time.Now())
		if delay == 0 {
			return nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// tryTake records an event if one may happen now.
func (w *window) tryTake() bool { return w.reserve(time.Now()) == 0 }

// reserve records an event at now if the window allows it (returning 0), else returns how long to wait.
func (w *window) reserve(now time.Time) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.times) < w.n {
		w.times = append(w.times, now)
		return 0
	}
	if free := w.times[0].Add(w.d); now.Before(free) {
		return free.Sub(now)
	}
	copy(w.times, w.times[1:])
	w.times[len(w.times)-1] = now
	return 0
}

// idle reports whether the window has seen no event for d (so it can be forgotten).
func (w *window) idle(now time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.times) == 0 || now.Sub(w.times[len(w.times)-1]) > w.d
}

// Pacing is Telegram's flood limits as the bot keeps them.
type Pacing struct {
	Global       int           // messages per GlobalWindow across all chats (30 per second)
	GlobalWindow time.Duration //
	Chat         int           // messages per ChatWindow to one chat (1 per second)
	ChatWindow   time.Duration //
	Group        int           // messages per GroupWindow to one group (20 per minute)
	GroupWindow  time.Duration //
}

// DefaultPacing is what Telegram's Bot FAQ asks: about one message a second in a chat, at most 20 a minute in
// a group, at most 30 a second overall.
var DefaultPacing = Pacing{Global: 30, GlobalWindow: time.Second, Chat: 1, ChatWindow: time.Second,
	Group: 20, GroupWindow: time.Minute}

// pacer holds the flood-limit windows: one global, one per chat, one more per group.
type pacer struct {
	p      Pacing
	global *window
	mu     sync.Mutex
	chats  map[int64]*window
	groups map[int64]*window
	swept  time.Time
}

func newPacer(p Pacing) *pacer {
	return &pacer{p: p, global: newWindow(p.Global, p.GlobalWindow), chats: map[int64]*window{},
		groups: map[int64]*window{}}
}

// wait blocks until a message to chatID may be sent under every limit.
func (pc *pacer) wait(ctx context.Context, chatID int64, group bool) error {
	chat, grp := pc.windows(chatID, group)
	if err := chat.wait(ctx); err != nil {
		return err
	}
	if grp != nil {
		if err := grp.wait(ctx); err != nil {
			return err
		}
	}
	return pc.global.wait(ctx)
}

func (pc *pacer) windows(chatID int64, group bool) (chat, grp *window) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.sweep()
	chat = pc.chats[chatID]
	if chat == nil {
		chat = newWindow(pc.p.Chat, pc.p.ChatWindow)
		pc.chats[chatID] = chat
	}
	if group {
		grp = pc.groups[chatID]
		if grp == nil {
			grp = newWindow(pc.p.Group, pc.p.GroupWindow)
			pc.groups[chatID] = grp
		}
	}
	return chat, grp
}

// sweep forgets idle windows once a minute, so memory follows the active chats, not all chats ever seen.
func (pc *pacer) sweep() {
	now := time.Now()
	if now.Sub(pc.swept) < time.Minute {
		return
	}
	pc.swept = now
	for id, w := range pc.chats {
		if w.idle(now) {
			delete(pc.chats, id)
		}
	}
	for id, w := range pc.groups {
		if w.idle(now) {
			delete(pc.groups, id)
		}
	}
}

// pacingState is the pacer's recent sends, saved at shutdown so a restart keeps counting within the same
// windows: Telegram counts per bot, not per process.
type pacingState struct {
	Global []time.Time           `json:"global"`
	Chats  map[int64][]time.Time `json:"chats"`
	Groups map[int64][]time.Time `json:"groups"`
}

func (w *window) snapshot() []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []time.Time
	for _, t := range w.times {
		if time.Since(t) < w.d {
			out = append(out, t)
		}
	}
	return out
}

func (w *window) restore(times []time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(times) > w.n {
		times = times[len(times)-w.n:]
	}
	w.times = append([]time.Time(nil), times...)
}

func (pc *pacer) save() pacingState {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	st := pacingState{Global: pc.global.snapshot(), Chats: map[int64][]time.Time{}, Groups: map[int64][]time.Time{}}
	for id, w := range pc.chats {
		if ts := w.snapshot(); len(ts) > 0 {
			st.Chats[id] = ts
		}
	}
	for id, w := range pc.groups {
		if ts := w.snapshot(); len(ts) > 0 {
			st.Groups[id] = ts
		}
	}
	return st
}

func (pc *pacer) load(st pacingState) {
	pc.global.restore(st.Global)
	for id, ts := range st.Chats {
		chat, _ := pc.windows(id, false)
		chat.restore(ts)
	}
	for id, ts := range st.Groups {
		_, grp := pc.windows(id, true)
		grp.restore(ts)
	}
}
