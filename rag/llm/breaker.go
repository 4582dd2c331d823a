package llm

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/sony/gobreaker/v2"
)

// Circuit settings. Three failures in a row is well past bad luck; half a minute is long enough for a
// restarting server, short enough that a recovered model is back soon. Each question waits at most
// LLM_TIMEOUT once, not once per question, when the model hangs.
const (
	breakerTrips = 3
	// defaultCooldown is how long the model is left alone after it trips the circuit.
	defaultCooldown = 30 * time.Second
)

// newBreaker is the circuit around model calls: after breakerTrips consecutive failures (timeouts, 5xx, network
// errors, cut streams) calls fail at once for cooldown; then one probe call decides whether to close it again.
// Answers the caller gave up on and 4xx answers (the model is up) count neither way.
func newBreaker(cooldown time.Duration, log *slog.Logger) *gobreaker.CircuitBreaker[Completion] {
	return gobreaker.NewCircuitBreaker[Completion](gobreaker.Settings{
		Name:        "model",
		MaxRequests: 1,
		Timeout:     cooldown,
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= breakerTrips },
		IsExcluded:  func(err error) bool { return err != nil && !modelFault(err) },
		OnStateChange: func(_ string, from, to gobreaker.State) {
			switch to {
			case gobreaker.StateOpen:
				log.Warn("model failing: answering from the sources without it for a while", "failures_in_a_row",
					breakerTrips, "retry_in", cooldown, "was", from.String())
			case gobreaker.StateClosed:
				log.Info("model answering again")
			}
		},
	})
}

// modelFault reports whether err says the model (or the way to it) is failing, as opposed to the caller
// giving up or the model refusing the request.
func modelFault(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	status := statusOf(err)
	return status == 0 || status >= 500
}
