package bot

import (
	"errors"
	"testing"
)

// TestRetryBounds checks the loop's bounds on the verdicts that do not wait (waits are exercised against
// bottest's 429s and 5xx in the send tests).
func TestRetryBounds(t *testing.T) {
	t.Parallel()
	failure, final := errors.New("failed"), errors.New("final")
	for _, tt := range []struct {
		name      string
		verdict   verdict
		wantCalls int
		wantErr   string
	}{
		{"give up at once", giveUp, 1, "final"},
		{"no transient retries left", transient, 1, "final"},
		{"again until the attempts run out", again, 4, "gave up after 4 attempts: final"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := retry(t.Context(), retryPolicy{attempts: 4}, func() error { calls++; return failure },
				func(error) (verdict, error) { return tt.verdict, final })
			if calls != tt.wantCalls || err == nil || err.Error() != tt.wantErr || !errors.Is(err, final) {
				t.Errorf("retry(%v) = %d calls, %v; want %d calls, %q", tt.verdict, calls, err, tt.wantCalls, tt.wantErr)
			}
		})
	}
}
