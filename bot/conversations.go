package bot

import (
	"sync"
	"time"
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
	last   Turn
	lastAt time.Time
	byMsg  map[int]Turn
	order  []int
}

const answersRemembered = 16

func newConversations() *conversations {
	return &conversations{chats: map[int64]*chatMemory{}, followS: 15 * time.Minute}
}

// prev is the Turn a new question in this chat continues, or the zero Turn.
func (c *conversations) prev(ev event) Turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.chats[ev.chatID]
	if m == nil {
		return Turn{}
	}
	if ev.replyTo != 0 {
		return m.byMsg[ev.replyTo]
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
	c.sweep()
	m := c.chats[chatID]
	if m == nil {
		m = &chatMemory{byMsg: map[int]Turn{}}
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
