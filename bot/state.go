package bot

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// conversations remembers, per chat, the Turn behind recent answers: the last one (a short question right after
// an answer in private is a follow-up) and the last few by message ID (a reply to one of the bot's answers in a
// group continues that answer). Memory is bounded: a few answers per chat, and chats idle for an hour are
// forgotten.
type conversations struct {
	mu      sync.Mutex
	chats   map[int64]*chatMemory
	swept   time.Time
	followS time.Duration // how long a private answer stays the context of the next question
}

type chatMemory struct {
	last   any
	lastAt time.Time
	byMsg  map[int]any
	order  []int
}

const answersRemembered = 16

func newConversations() *conversations {
	return &conversations{chats: map[int64]*chatMemory{}, followS: 15 * time.Minute}
}

// prev is the Turn a new question in this chat continues, or nil.
func (c *conversations) prev(ev event) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.chats[ev.chatID]
	if m == nil {
		return nil
	}
	if ev.replyTo != 0 {
		return m.byMsg[ev.replyTo]
	}
	if ev.private && time.Since(m.lastAt) < c.followS {
		return m.last
	}
	return nil
}

// remember records the Turn of an answer sent as message msgID.
func (c *conversations) remember(chatID int64, msgID int, turn any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sweep()
	m := c.chats[chatID]
	if m == nil {
		m = &chatMemory{byMsg: map[int]any{}}
		c.chats[chatID] = m
	}
	m.last, m.lastAt = turn, time.Now()
	if msgID == 0 {
		return
	}
	m.byMsg[msgID] = turn
	m.order = append(m.order, msgID)
	if len(m.order) > answersRemembered {
		delete(m.byMsg, m.order[0])
		m.order = m.order[1:]
	}
}

func (c *conversations) sweep() {
	now := time.Now()
	if now.Sub(c.swept) < time.Minute {
		return
	}
	c.swept = now
	for id, m := range c.chats {
		if now.Sub(m.lastAt) > time.Hour {
			delete(c.chats, id)
		}
	}
}

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

// feedbackStore remembers the answers that carry 👍/👎 buttons, so a press can be attributed, and a press on a
// button the bot never issued (or has forgotten) is recognised. Bounded: the most recent maxFeedback answers.
type feedbackStore struct {
	mu    sync.Mutex
	next  atomic.Uint64
	items map[string]feedbackItem
	order []string
}

type feedbackItem struct {
	lang, mode, chatType string
	voters               map[int64]bool
}

const maxFeedback = 10000

func newFeedbackStore() *feedbackStore { return &feedbackStore{items: map[string]feedbackItem{}} }

// issue returns the key for a new answer's buttons.
func (f *feedbackStore) issue(lang, mode, chatType string) string {
	key := strconv.FormatUint(f.next.Add(1), 36)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items[key] = feedbackItem{lang: lang, mode: mode, chatType: chatType, voters: map[int64]bool{}}
	f.order = append(f.order, key)
	if len(f.order) > maxFeedback {
		delete(f.items, f.order[0])
		f.order = f.order[1:]
	}
	return key
}

// vote records a user's press; known is false for a key never issued or forgotten, repeat for a second press.
func (f *feedbackStore) vote(key string, user int64) (item feedbackItem, known, repeat bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	item, known = f.items[key]
	if !known {
		return item, false, false
	}
	repeat = item.voters[user]
	item.voters[user] = true
	return item, true, repeat
}
