package llm

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry policy.
const (
	maxRateLimitRetries = 2
	maxTransientRetries = 2
	maxRetryAfterWait   = 10 * time.Second
)

// withRetries makes one call to the API with the retry policy every endpoint shares (chat, embeddings,
// transcription): 429 retried after its Retry-After (at most twice, if ctx's deadline allows), 5xx and network
// errors retried once or twice with jittered backoff from backoff (Options.RetryBackoff); a stream cut off is not
// retried (part of it may have been shown).
func withRetries(ctx context.Context, backoff time.Duration, call func(ctx context.Context) error) error {
	rateLimited, transient := 0, 0
	for {
		var ra time.Duration
		err := call(context.WithValue(ctx, retryAfterKey{}, &ra))
		if err == nil || ctx.Err() != nil {
			if err != nil {
				err = fmt.Errorf("model call: %w", ctx.Err())
			}
			return err
		}
		switch status := statusOf(err); {
		case status == http.StatusTooManyRequests && rateLimited < maxRateLimitRetries:
			rateLimited++
			wait := min(max(ra, time.Second), maxRetryAfterWait)
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
				return fmt.Errorf("rate limited, retry after %v exceeds the call's deadline: %w", wait, err)
			}
			if err := sleepCtx(ctx, wait); err != nil {
				return err
			}
		case (status >= 500 || status == 0 && !errors.Is(err, errTruncated)) && transient < maxTransientRetries:
			transient++
			if err := sleepCtx(ctx, jitter(backoff<<(transient-1))); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// retryAfterDoer captures the Retry-After header of a 429 (go-openai drops it) into the request's context.
type retryAfterDoer struct{ c *http.Client }

type retryAfterKey struct{}

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		if p, ok := req.Context().Value(retryAfterKey{}).(*time.Duration); ok {
			if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil {
				*p = time.Duration(s) * time.Second
			}
		}
	}
	return resp, err
}

func jitter(d time.Duration) time.Duration { return d/2 + time.Duration(rand.Int64N(int64(d))) }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
