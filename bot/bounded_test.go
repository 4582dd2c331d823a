package bot

import (
	"slices"
	"testing"
	"time"
)

func TestIdleMapForgetsIdleEntriesOnceAMinute(t *testing.T) {
	t.Parallel()
	lastSeen := func(v time.Time, now time.Time) bool { return now.Sub(v) > time.Hour }
	m := newIdleMap[string](lastSeen)
	start := time.Unix(1000, 0)
	m.entry("old", func() time.Time { return start })
	m.entry("new", func() time.Time { return start.Add(time.Hour) })
	m.sweep(start.Add(90 * time.Minute))
	if _, ok := m.get("old"); ok {
		t.Error(`sweep kept "old", idle for 90 minutes`)
	}
	if _, ok := m.get("new"); !ok {
		t.Error(`sweep forgot "new", idle for 30 minutes`)
	}
	m.sweep(start.Add(3 * time.Hour)) // 90 minutes later: sweeps again
	if _, ok := m.get("new"); ok {
		t.Error(`the second sweep kept "new"`)
	}
	m.entry("again", func() time.Time { return start })
	m.sweep(start.Add(3*time.Hour + 30*time.Second)) // within a minute of the last sweep: nothing happens
	if _, ok := m.get("again"); !ok {
		t.Error("sweep ran twice within a minute")
	}
}

func TestCappedForgetsTheOldestAdded(t *testing.T) {
	t.Parallel()
	c := newCapped[int, string](3)
	for i := 1; i <= 3; i++ {
		c.Add(i, "")
	}
	c.Peek(1) // reading leaves the order alone: first in, first out
	c.Contains(1)
	c.Add(4, "")
	if got, want := c.Keys(), []int{2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("Keys() = %v, want %v (oldest first)", got, want)
	}
}
