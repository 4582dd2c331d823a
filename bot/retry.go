package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// Retry bounds for sending and editing messages. Telegram's 429 carries how long to wait; other transient
// failures (5xx, network) back off exponentially with jitter.
const (
	maxAttempts    = 6
	maxRetryAfter  = 60 * time.Second
	transientTries = 3
)

// verdict is what a call's own check makes of one failure.
type verdict int

const (
	giveUp    verdict = iota // final: return the error
	again                    // the cause was dealt with (a migrated chat, HTML sent as plain text): call again now
	slowDown                 // Telegram said 429: wait its retry_after, then call again
	transient                // 5xx, a network error, a body that is not JSON: back off, then call again
)

// retryPolicy bounds the retries of one kind of call.
type retryPolicy struct {
	attempts   int           // calls in all
	transients int           // transient failures retried, each after a backoff
	base       time.Duration // the first backoff (Options.RetryBackoff), doubled for each next one
	// waiting, when set, is told of each wait before it starts.
	waiting func(err error, d time.Duration)
}

// messagePolicy is sending and editing a message.
func (s *sender) messagePolicy() retryPolicy {
	return retryPolicy{attempts: maxAttempts, transients: transientTries, base: s.backoff}
}

// retry is the bot's one retry loop for Bot API calls. It calls call until it returns nil, and asks judge about
// each failure: judge gives its verdict and the error to return should the bot give up on that failure (the
// verdict giveUp, or the policy's bounds reached). A 429 waits what Telegram asks (at least 1 s, at most
// maxRetryAfter); a transient failure waits a jittered exponential backoff (about 0.5 s, 1 s, 2 s, ...), at most
// p.transients times; after p.attempts calls the last error is returned, saying so. A wait that ctx ends returns
// ctx's error.
func retry(ctx context.Context, p retryPolicy, call func() error, judge func(error) (verdict, error)) error {
	transients := 0
	var final error
	for range p.attempts {
		err := call()
		if err == nil {
			return nil
		}
		var v verdict
		v, final = judge(err)
		var wait time.Duration
		switch v {
		case giveUp:
			return final
		case again:
			continue
		case slowDown:
			wait = retryAfter(err)
		case transient:
			if transients++; transients > p.transients {
				return final
			}
			wait = backoff(p.base, transients)
		}
		if p.waiting != nil {
			p.waiting(err, wait)
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
	return fmt.Errorf("gave up after %d attempts: %w", p.attempts, final)
}

// retryAfter is how long a 429 asks the bot to wait: at least a second, at most maxRetryAfter.
func retryAfter(err error) time.Duration {
	var tooMany *tgbot.TooManyRequestsError
	if !errors.As(err, &tooMany) {
		return time.Second
	}
	return min(time.Duration(max(tooMany.RetryAfter, 1))*time.Second, maxRetryAfter)
}

// backoff is the jittered exponential delay before transient retry n (1-based): with the default base of
// 500 ms, about 0.5 s, 1 s, 2 s.
func backoff(base time.Duration, n int) time.Duration {
	d := base << (n - 1)
	return d/2 + time.Duration(rand.Int64N(int64(d)))
}

// sleep waits d, or until ctx ends (then it returns ctx's error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
