package rag

import "slices"

// coverage is the weighted share of the question's terms that have holds; a term held only by its Arabic root
// counts rootCredit of its weight.
func (q *query) coverage(have termSet) float64 { return q.coverageWith(have, 0) }

// sureCoverage is coverage with every term no source holds weighing at least unknownSureWeight: what decides between a
// confident and a hedged answer, where coverage decides between an answer and a refusal. A question with
// words the sources lack is answered, but only as "the closest the sources come" unless the rest of it is
// covered well.
func (q *query) sureCoverage(have termSet) float64 {
	return q.coverageWith(have, unknownSureWeight)
}

// unknownSureWeight is an unknown term's weight in sureCoverage.
const unknownSureWeight = 1.0

// coverageWith is coverage with unknown terms weighing at least unknownW.
func (q *query) coverageWith(have termSet, unknownW float64) float64 {
	var got, total float64
	for t, w := range q.cover {
		if q.unknown[t] {
			w = max(w, unknownW)
		}
		total += w
		switch {
		case have.has(q.ids[t]):
			got += w
		case slices.ContainsFunc(q.variants[t], func(v string) bool { return have.has(q.ids[v]) }):
			got += variantCredit * w
		case q.alt[t] != "" && have.has(q.ids[q.alt[t]]):
			got += rootCredit * w
		}
	}
	if total == 0 {
		return 0
	}
	return roundScore(got / total)
}

// restsOnRoots reports whether have holds the question's terms only through shared Arabic roots: words of one
// root may mean unrelated things ("الضيوف", the guests, and "أضاف", he added), so that alone is no sure answer.
func (q *query) restsOnRoots(have termSet) bool {
	roots := false
	for t := range q.cover {
		switch {
		case have.has(q.ids[t]), slices.ContainsFunc(q.variants[t], func(v string) bool { return have.has(q.ids[v]) }):
			return false
		case q.alt[t] != "" && have.has(q.ids[q.alt[t]]):
			roots = true
		}
	}
	return roots
}

// strangers counts the strange terms (most likely names no source holds: see termStrange) have does not hold.
// A dialect word, a typo or a paraphrase is not counted: the rest of the question decides for those.
func (q *query) strangers(have termSet) int {
	n := 0
	for t, strange := range q.strange {
		if strange && !have.has(q.ids[t]) {
			n++
		}
	}
	return n
}

// missesParticular reports an event of a life the question asks about (a death, a birth, a marriage: see
// sameParticular) that have does not hold in any form: "متى توفيت إليسا؟" is not answered by a paragraph that
// gives her birth alone, however well it covers her name.
func (q *query) missesParticular(have termSet, v *vocab) bool {
	for t := range q.cover {
		group, event := lifeEvents[t]
		if !event || have.has(q.ids[t]) {
			continue
		}
		if r := q.alt[t]; r != "" && have.has(q.ids[r]) {
			continue
		}
		if !slices.ContainsFunc(group, func(st string) bool { return have.has(v.id(st)) }) {
			return true
		}
	}
	return false
}

// asksUnknownsLife reports a question about a life event of someone no source names: every term the sources hold
// is the event ("ولد", "توفي"), the rest they lack ("متى ولد المعري؟" over sources that never name him). The
// event is in the sources, about someone else.
func (q *query) asksUnknownsLife() bool {
	event, unknown := false, false
	for t := range q.cover {
		switch _, life := lifeEvents[t]; {
		case q.unknown[t]:
			unknown = true
		case life:
			event = true
		default:
			return false
		}
	}
	return event && unknown
}
