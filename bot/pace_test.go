package bot

import (
	"testing"
	"time"
)

func TestWindowNeverExceedsItsLimit(t *testing.T) {
	t.Parallel()
	w := newWindow(3, time.Second)
	start := time.Unix(1000, 0)
	var accepted []time.Time
	for ms := 0; ms < 5000; ms += 50 {
		now := start.Add(time.Duration(ms) * time.Millisecond)
		if w.reserve(now) == 0 {
			accepted = append(accepted, now)
		}
	}
	for i := range accepted {
		n := 0
		for _, u := range accepted[i:] {
			if u.Sub(accepted[i]) < time.Second {
				n++
			}
		}
		if n > 3 {
			t.Fatalf("%d events in the second from %v, want at most 3", n, accepted[i])
		}
	}
	if len(accepted) < 14 {
		t.Errorf("accepted %d events in 5 s, want about 15 (the window is too strict)", len(accepted))
	}
	if d := w.reserve(accepted[len(accepted)-1]); d <= 0 || d > time.Second {
		t.Errorf("reserve right after a full window = %v, want a wait up to 1s", d)
	}
}
