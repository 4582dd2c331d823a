package rag

import (
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// termID is an index term (a stem, a root or a concept term) as a small number; 0 is no term.
type termID uint32

// vocab interns the index's terms. An index keeps a set of terms for every sentence and unit (about 170,000 sets
// of 4.4 million terms for 16 MiB of operator text); held as maps of strings they took more than half of the
// index's memory, held as sorted ids they take 4 bytes a term. A vocab is safe for concurrent use: passages are
// analysed in parallel, and clauses are analysed (and their terms interned) while questions are answered.
type vocab struct {
	mu  sync.RWMutex
	ids map[string]termID // 1, 2, … in the order terms were first seen
}

func newVocab() *vocab { return &vocab{ids: map[string]termID{}} }

// intern returns the ids of terms, in order, repeats kept.
func (v *vocab) intern(terms ...string) []termID {
	if len(terms) == 0 {
		return nil
	}
	out := make([]termID, len(terms))
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, t := range terms {
		id, ok := v.ids[t]
		if !ok {
			id = termID(len(v.ids) + 1)
			v.ids[strings.Clone(t)] = id // not the sentence it may be cut from
		}
		out[i] = id
	}
	return out
}

// set interns terms and returns them as a set.
func (v *vocab) set(terms ...string) termSet {
	s := termSet(v.intern(terms...))
	slices.Sort(s)
	if c := slices.Compact(s); len(c) < len(s) {
		return slices.Clone(c) // not the longer array the repeats took
	}
	return s
}

// id is term t's id, or 0 when it was never interned (no set holds it).
func (v *vocab) id(t string) termID {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.ids[t]
}

// size is one more than the largest id: the length of a slice indexed by id.
func (v *vocab) size() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.ids) + 1
}

// termSet is a set of terms, sorted ids without repeats. The zero value is the empty set.
type termSet []termID

// has reports whether s holds id (never 0, no term: a set holds only interned terms).
func (s termSet) has(id termID) bool {
	_, ok := slices.BinarySearch(s, id)
	return ok
}

// union is the terms of s and o. Sets are never changed in place, so it may return s or o itself.
func (s termSet) union(o termSet) termSet {
	switch {
	case len(o) == 0:
		return s
	case len(s) == 0:
		return o
	}
	out := make(termSet, 0, len(s)+len(o))
	i, j := 0, 0
	for i < len(s) && j < len(o) {
		switch {
		case s[i] < o[j]:
			out = append(out, s[i])
			i++
		case s[i] > o[j]:
			out = append(out, o[j])
			j++
		default:
			out = append(out, s[i])
			i, j = i+1, j+1
		}
	}
	out = append(append(out, s[i:]...), o[j:]...)
	if len(out) < cap(out) {
		return slices.Clone(out) // sets are kept by the hundred thousand: no spare capacity
	}
	return out
}

// arena hands out slices of small shared blocks. What the index keeps of each sentence, unit and term is made
// among ten times as much garbage; one small object each, it lay scattered over the heap's pages and kept a fifth
// of them from being reused. Blocks are small (32 KiB) so they fit the gaps the garbage leaves, where one large
// block would need fresh memory. A slice has no spare capacity, so appending to it never writes into its
// neighbour. An arena is not safe for concurrent use.
type arena[T any] struct{ block []T }

// arenaBytes is the size of a block (or more, for a longer slice).
const arenaBytes = 32 << 10

// take returns an empty slice with capacity n.
func (a *arena[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if cap(a.block)-len(a.block) < n {
		var zero T
		a.block = make([]T, 0, max(arenaBytes/int(unsafe.Sizeof(zero)), n))
	}
	start := len(a.block)
	a.block = a.block[:start+n]
	return a.block[start : start : start+n]
}

// copy returns a copy of s.
func (a *arena[T]) copy(s []T) []T { return append(a.take(len(s)), s...) }
