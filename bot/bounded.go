package bot

import (
	"iter"
	"maps"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// The bot's memory is bounded in two ways, written once each here:
//
//   - by count, for what may be forgotten oldest first (update IDs already taken, the answers whose buttons can
//     still be pressed, the recent answers of a chat): newCapped, the LRU already in go.mod, used first in,
//     first out (entries are read with Peek or Contains, which leave the order alone);
//   - by idleness, for what must never be forgotten while it is in use (a user's rate-limit bucket, a chat's
//     flood-limit windows, a chat's follow-up memory): idleMap. A cap would drop an active user's bucket under
//     load and so lift their limit. The expirable LRU would do the timing, but each one runs a goroutine that
//     never ends, ticking a hundred times per TTL (every 10 ms for a 1 s pacing window), per store and per Bot.

// newCapped returns a map that holds at most n entries, forgetting the oldest one added. Not safe for concurrent
// use: its owner's lock guards it.
func newCapped[K comparable, V any](n int) *simplelru.LRU[K, V] {
	c, _ := simplelru.NewLRU[K, V](n, nil) // errors only for a size below 1
	return c
}

// sweepEvery is how often an idleMap looks for idle entries.
const sweepEvery = time.Minute

// idleMap is a map that forgets idle entries: sweep, called by the owner as it uses the map, deletes at most once
// per sweepEvery the entries for which idle reports true. Memory so follows the active users and chats, not all
// that were ever seen. Not safe for concurrent use: its owner's lock guards it.
type idleMap[K comparable, V any] struct {
	m     map[K]V
	idle  func(v V, now time.Time) bool
	swept time.Time
}

func newIdleMap[K comparable, V any](idle func(v V, now time.Time) bool) *idleMap[K, V] {
	return &idleMap[K, V]{m: map[K]V{}, idle: idle}
}

// get returns k's value, and whether there is one.
func (im *idleMap[K, V]) get(k K) (V, bool) {
	v, ok := im.m[k]
	return v, ok
}

// entry returns k's value, adding fresh() first when there is none.
func (im *idleMap[K, V]) entry(k K, fresh func() V) V {
	v, ok := im.m[k]
	if !ok {
		v = fresh()
		im.m[k] = v
	}
	return v
}

// all yields every entry.
func (im *idleMap[K, V]) all() iter.Seq2[K, V] { return maps.All(im.m) }

// sweep forgets the idle entries, unless it did less than sweepEvery ago.
func (im *idleMap[K, V]) sweep(now time.Time) {
	if now.Sub(im.swept) < sweepEvery {
		return
	}
	im.swept = now
	maps.DeleteFunc(im.m, func(_ K, v V) bool { return im.idle(v, now) })
}
