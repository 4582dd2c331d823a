package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// window allows at most n events in any span of length d: a sliding log of the last n event times. Unlike a
// token bucket it never lets a burst exceed n within d, which is how Telegram counts ("30 messages per second",
// "20 messages per minute in a group"). The pacer's lock guards it.
type window struct {
	n     int
	d     time.Duration
	times []time.Time // the last n event times, oldest first
}

func newWindow(n int, d time.Duration) *window { return &window{n: n, d: d} }

// delay is how long from now until the window allows an event.
func (w *window) delay(now time.Time) time.Duration {
	if len(w.times) < w.n {
		return 0
	}
	if free := w.times[0].Add(w.d); now.Before(free) {
		return free.Sub(now)
	}
	return 0
}

// record notes an event at now (which must not be earlier than the events recorded before).
func (w *window) record(now time.Time) {
	if len(w.times) < w.n {
		w.times = append(w.times, now)
		return
	}
	copy(w.times, w.times[1:])
	w.times[len(w.times)-1] = now
}

// reserve records an event at now if the window allows it (returning 0), else returns how long to wait.
func (w *window) reserve(now time.Time) time.Duration {
	if d := w.delay(now); d > 0 {
		return d
	}
	w.record(now)
	return 0
}

// idle reports whether the window has seen no event for d (so it can be forgotten).
func (w *window) idle(now time.Time) bool {
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

// DefaultPacing is what Telegram's Bot FAQ asks (about one message a second in a chat, at most 20 a minute in a
// group, at most 30 a second overall) with a 5% margin on each window: Telegram counts requests when they
// arrive, and requests released exactly one window apart arrive a few milliseconds closer together.
var DefaultPacing = Pacing{Global: 30, GlobalWindow: 1050 * time.Millisecond, Chat: 1, ChatWindow: 1050 * time.Millisecond,
	Group: 20, GroupWindow: 63 * time.Second}

// pacer holds the flood-limit windows: one global, one per chat, one more per group. Safe for concurrent use.
type pacer struct {
	p      Pacing
	global *window
	mu     sync.Mutex
	// chats and groups forget a window that has seen no event for its span, so memory follows the active chats,
	// not all chats ever seen.
	chats  *idleMap[int64, *window]
	groups *idleMap[int64, *window]
}

func newPacer(p Pacing) *pacer {
	return &pacer{p: p, global: newWindow(p.Global, p.GlobalWindow), chats: newIdleMap[int64](idleWindow),
		groups: newIdleMap[int64](idleWindow)}
}

func idleWindow(w *window, now time.Time) bool { return w.idle(now) }

// wait blocks until a message to chatID may be sent under every limit at once, and records it in all of them
// at that same instant (so a send delayed by the global limit still counts for its chat when it really goes).
func (pc *pacer) wait(ctx context.Context, chatID int64, group bool) error {
	for {
		delay := pc.reserve(chatID, group)
		if delay == 0 {
			return nil
		}
		if err := sleep(ctx, delay); err != nil {
			return err
		}
	}
}

func (pc *pacer) reserve(chatID int64, group bool) time.Duration {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	now := time.Now()
	chat, grp := pc.windows(chatID, group)
	delay := max(chat.delay(now), pc.global.delay(now))
	if grp != nil {
		delay = max(delay, grp.delay(now))
	}
	if delay > 0 {
		return delay
	}
	chat.record(now)
	pc.global.record(now)
	if grp != nil {
		grp.record(now)
	}
	return 0
}

// tryGlobal takes a global slot if one is free now: for best-effort calls (typing) that must not wait.
func (pc *pacer) tryGlobal() bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.global.reserve(time.Now()) == 0
}

// windows returns a chat's windows, creating them; the caller holds pc.mu.
func (pc *pacer) windows(chatID int64, group bool) (chat, grp *window) {
	now := time.Now()
	pc.chats.sweep(now)
	pc.groups.sweep(now)
	chat = pc.chats.entry(chatID, func() *window { return newWindow(pc.p.Chat, pc.p.ChatWindow) })
	if group {
		grp = pc.groups.entry(chatID, func() *window { return newWindow(pc.p.Group, pc.p.GroupWindow) })
	}
	return chat, grp
}

// pacingState is the pacer's recent sends, saved at shutdown so a restart keeps counting within the same
// windows: Telegram counts per bot, not per process.
type pacingState struct {
	Global []time.Time           `json:"global"`
	Chats  map[int64][]time.Time `json:"chats"`
	Groups map[int64][]time.Time `json:"groups"`
}

func (w *window) snapshot() []time.Time {
	var out []time.Time
	for _, t := range w.times {
		if time.Since(t) < w.d {
			out = append(out, t)
		}
	}
	return out
}

func (w *window) restore(times []time.Time) {
	if len(times) > w.n {
		times = times[len(times)-w.n:]
	}
	now := time.Now()
	w.times = w.times[:0]
	for _, t := range times {
		if t.After(now) {
			t = now // a clock set back must not stall sends
		}
		w.times = append(w.times, t)
	}
}

func (pc *pacer) save() pacingState {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	st := pacingState{Global: pc.global.snapshot(), Chats: map[int64][]time.Time{}, Groups: map[int64][]time.Time{}}
	for id, w := range pc.chats.all() {
		if ts := w.snapshot(); len(ts) > 0 {
			st.Chats[id] = ts
		}
	}
	for id, w := range pc.groups.all() {
		if ts := w.snapshot(); len(ts) > 0 {
			st.Groups[id] = ts
		}
	}
	return st
}

func (pc *pacer) load(st pacingState) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
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

// pacingFile keeps the flood-limit windows across a graceful restart.
func (b *Bot) pacingFile() string {
	return filepath.Join(b.opts.DataDir, "journal", fmt.Sprintf("pacing-%d.json", b.me.id))
}

// loadPacing restores the sends of the last run's final minute, so a quick restart does not send a second
// burst into the same window. After a crash there is no file and the windows start empty.
func (b *Bot) loadPacing() {
	if b.opts.DataDir == "" {
		return
	}
	raw, err := os.ReadFile(b.pacingFile())
	if err != nil {
		return
	}
	os.Remove(b.pacingFile())
	var st pacingState
	if json.Unmarshal(raw, &st) == nil {
		b.send.pace.load(st)
	}
}

// savePacing writes the windows at shutdown.
func (b *Bot) savePacing() {
	if b.journal == nil { // no DATA_DIR, or one that cannot be written
		return
	}
	raw, err := json.Marshal(b.send.pace.save())
	if err == nil {
		err = os.WriteFile(b.pacingFile(), raw, 0o600)
	}
	if err != nil {
		b.log.Warn("could not save the flood-limit state", "err", err)
	}
}
