package bot

import (
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// conversations remembers, per chat, the Turn behind recent answers: the last one (a short question right after
// an answer in private is a follow-up) and the last few by message ID (a reply to one of the bot's answers in a
// group continues that answer). Memory is bounded: a few answers per chat, and chats idle for an hour are
// forgotten.
type conversations struct {
	mu      sync.Mutex
	chats   *idleMap[int64, *chatMemory]
	followS time.Duration // how long a private answer stays the context of the next question
}

type chatMemory struct {
	last   Turn
	lastAt time.Time
	byMsg  *simplelru.LRU[int, Turn] // the last answersRemembered, by message ID
}

const (
	answersRemembered = 16
	chatForgotten     = time.Hour
)

func newConversations() *conversations {
	return &conversations{followS: 15 * time.Minute, chats: newIdleMap[int64](func(m *chatMemory, now time.Time) bool {
		return now.Sub(m.lastAt) > chatForgotten
	})}
}

// prev is the Turn a new question in this chat continues, or the zero Turn.
func (c *conversations) prev(ev event) Turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.chats.get(ev.chatID)
	if !ok {
		return Turn{}
	}
	if ev.replyTo != 0 {
		t, _ := m.byMsg.Peek(ev.replyTo)
		return t
	}
	if ev.private && time.Since(m.lastAt) < c.followS {
		return m.last
	}
	return Turn{}
}

// remember records the Turn of an answer sent as message msgID.
func (c *conversations) remember(chatID int64, msgID int, turn Turn) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.chats.sweep(time.Now())
	m := c.chats.entry(chatID, func() *chatMemory {
		return &chatMemory{byMsg: newCapped[int, Turn](answersRemembered)}
	})
	m.last, m.lastAt = turn, time.Now()
	if msgID != 0 {
		m.byMsg.Add(msgID, turn)
	}
}
