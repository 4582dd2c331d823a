package rag

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// maxExtractRunes bounds an extractive answer (list answers excepted: they keep the whole list).
const maxExtractRunes = 400

// typeBonus favours clauses holding the kind of thing asked for (a name for "who", a date for "when").
const typeBonus = 0.25

// dateBonus favours, for a "when" question, the clauses with the fullest calendar date.
const dateBonus = 0.05

// listItemBonus favours, for a list question, the sentence naming the most items (the five countries, not the
// headline that says "Central Asian countries").
const listItemBonus = 0.05

// placeBonus favours, for a "where" question, the sentence that locates most precisely.
const placeBonus = 0.1

// kindFit says how well an extract holds the kind of answer asked for.
type kindFit int

const (
	exactKind kindFit = iota // the better kind: a person for "who", a city for "where" (answers' strict)
	someKind                 // an acceptable kind: a country for "who"
	anyKind                  // none: the sentence closest to the question, whatever it holds
)

// extractor writes the extractive answer: it picks, from the top retrieved units, the sentence that answers a
// question (extract) and cuts it to what answers (compose, trimClauses). It reads what NewIndex built, shared with
// the Index rather than copied: the units, each passage's sentences and speaker, the glossary (lex) and the term
// ids (vocab). Safe for concurrent use: cutting a long sentence interns its clauses' terms, and vocab locks.
type extractor struct {
	*units
	sents   [][]sentence // per passage
	speaker []int        // per passage: the person a paragraph opening "He added …" goes on about, or -1
	lex     *lexicon
	vocab   *vocab
}

// newExtractor returns the extractor over what ix holds.
func newExtractor(ix *Index) *extractor {
	return &extractor{units: &ix.units, sents: ix.sents, speaker: ix.speaker, lex: ix.lex, vocab: ix.vocab}
}

// extract picks the sentence that best answers q from the top hits, in the question's language: the one that
// covers most of the question and holds the kind of thing asked for, from as high a hit as possible; fit says
// how well it holds that kind. When no sentence of the top hits holds it (a "when" question whose passages have
// no date), the closest sentence is returned with anyKind, which the caller hedges or refuses rather than
// presents as the answer. passage is -1 when there is no candidate at all.
func (ex *extractor) extract(q *query, hits []hit) (body string, passage int, fit kindFit) {
	type cand struct {
		p, s, at int
		cov, hit float64
	}
	var cands []cand
	bestCov, most := 0.0, 0
	for h, hit := range hits {
		if h >= extractHits {
			break
		}
		at := 0 // the sentence's place in its paragraph, across the parts of a long one
		for _, p := range ex.inLang(hit.group, q.lang) {
			asked := 0.0 // the coverage of a question the text asks just before ("ما هو شعار الجامعة؟ هو …")
			for i, s := range ex.sents[p] {
				c := cand{p: p, s: i, at: at, cov: max(q.coverage(s.free), asked), hit: hit.score}
				at++
				if asked = 0; asksItself(s.text) && i+1 < len(ex.sents[p]) {
					asked = c.cov // the sentence after answers it: it takes the question's coverage
					continue
				}
				cands = append(cands, c)
				bestCov = max(bestCov, c.cov)
				if q.total && q.countedShare(s) > 0 {
					most = max(most, s.most)
				}
			}
		}
	}
	// Only sentences about as relevant as the best compete: the kind of answer asked for ("who") must not pull
	// in a sentence about something else just because it names a person.
	for _, fit := range []kindFit{exactKind, someKind, anyKind} {
		strict := fit == exactKind
		bestP, bestS, bestScore := -1, -1, -1.0
		for _, c := range cands {
			s := ex.sents[c.p][c.s]
			if c.cov < bestCov-relevanceSlack || fit != anyKind && !holdsKind(ex.lex, q, s, strict) {
				continue
			}
			if strict && q.list && s.items < 3 {
				continue // "which countries…" wants the sentence that lists them
			}
			score := hitWeight*c.hit + c.cov - 0.01*float64(c.at)
			if q.list {
				score += listItemBonus * float64(min(s.items, 6))
			}
			if q.kind == countAnswer {
				score += typeBonus * q.countedShare(s)
				if q.total && most > 0 && s.most == most && q.countedShare(s) > 0 {
					score += typeBonus // "in total": the largest count of what is asked ("the six countries")
				}
			}
			if q.belief && s.types&hasBelief != 0 {
				score += 2 * typeBonus // "how does Wang expect it to run?": what he believes, not what he said it shows
			}
			if q.bearing && s.types&hasBearing != 0 {
				score += placeBonus // "which part of China?": "northwest China"
			}
			if q.whatIs && s.types&isOpening != 0 && ex.definesAll(q, c.p) {
				score += typeBonus // "من هو زين الدين زيدان؟": what the article on him opens with
			}
			if q.describes && s.types&hasQuote != 0 {
				score += 2 * typeBonus // "سون وصف الأمانة بأنها شو؟": "… وأن تكون "خادمة" لآلية …"
			}
			if q.locates && s.types&hasLocative != 0 {
				score += typeBonus // "أين تقع مصر؟": "هي دولة عربية تقع في …"
			}
			if q.kind == whereAnswer {
				score += placeBonus * float64(min(ex.newPlaces(q, s), 3)) // "in Shaanxi Province, northwest China"
			}
			if score > bestScore {
				bestP, bestS, bestScore = c.p, c.s, score
			}
		}
		if bestP >= 0 {
			best := ex.sents[bestP][bestS]
			if n := listed(ex.lex, q, best); strict && q.kind == countAnswer && n >= 2 { // no number counts them
				whole := *q
				whole.list = true // the count of those the sentence names, and all of them
				return strconv.Itoa(n) + ": " + ex.compose(&whole, bestP, bestS), bestP, fit
			}
			return ex.compose(q, bestP, bestS), bestP, fit
		}
	}
	return "", -1, anyKind // no candidates at all
}

// asksItself reports a source sentence that is a question ("ما هو شعار الجامعة؟"): a FAQ's question, answered by
// the sentence after it, never itself an answer.
func asksItself(text string) bool {
	text = strings.TrimRight(text, " \"'»”)")
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, "؟")
}

// definesAll reports whether every term q asks about is a term of the subject passage p's document defines: the
// question asks what that subject is ("ما هو السرطان؟"), not something about it ("ما هي عاصمة العراق؟").
func (ex *extractor) definesAll(q *query, p int) bool {
	subject := ex.groups[ex.groupOf[p]].subject
	if len(subject) == 0 || len(q.cover) == 0 {
		return false
	}
	for t := range q.cover {
		if !slices.Contains(subject, t) {
			return false
		}
	}
	return true
}

// newPlaces counts the places s names that q does not.
func (ex *extractor) newPlaces(q *query, s sentence) int {
	n := 0
	for _, c := range s.concepts {
		if !q.concepts[c] && ex.lex.entries[c].Kind == "place" {
			n++
		}
	}
	return n
}

// hitWeight is how much a sentence's unit rank counts against its own coverage when choosing the answer.
const hitWeight = 2

// relevanceSlack is how much less of the question a sentence may cover than the best one and still be chosen
// for holding the kind of answer asked for.
const relevanceSlack = 0.15

// extractHits is how many top hits an answer sentence may come from: enough to reach the paragraph naming the
// city when "where is the secretariat?" matches every paragraph about the secretariat equally.
const extractHits = 8

// compose builds the answer around sentence best: whole for a list question; trimmed to its best clauses when
// too long; joined with the next sentence when that adds something the question asked and still fits.
//
// A sentence that opens a paragraph with "He …" gets its speaker, from the paragraph before, in front:
// "(Sun Weidong) He expressed the hope …".
func (ex *extractor) compose(q *query, p, best int) string {
	sents := ex.sents[p]
	text := sents[best].text
	var clauses []sentence
	if !q.list {
		clauses = ex.clausesOf(text)
	}
	switch {
	case q.list:
	case len(clauses) > 0:
		text = ex.trimClauses(q.resolve(ex.vocab), clauses)
	case best+1 < len(sents):
		next := sents[best+1]
		joined := text + " " + next.text
		// The next sentence joins when it adds to the answer or is as relevant ("… have high hopes …. They
		// also expressed the hope that …").
		if utf8.RuneCountInString(joined) <= maxExtractRunes &&
			(q.coverage(sents[best].free.union(next.free)) > q.coverage(sents[best].free) ||
				q.coverage(next.free) >= q.coverage(sents[best].free)) {
			text = joined
		}
	}
	// A sentence that goes on from the one before ("They also …") brings that one along when both fit.
	if sents[best].continued {
		if joined := sents[best-1].text + " " + text; utf8.RuneCountInString(joined) <= maxExtractRunes {
			text = joined
		}
	}
	if sp := ex.speaker[p]; sp >= 0 && best == 0 && !strings.HasPrefix(text, "…") {
		return "(" + ex.lex.name(sp, ex.passages[p].Lang) + ") " + text
	}
	if q.kind == whoAnswer {
		// "Who praised the cooperation?" answered by "Wang, who is also …": the name in full, first.
		if name := ex.shortNamed(sents[best], ex.passages[p].Lang, text); name != "" {
			return "(" + name + ") " + text
		}
	}
	return text
}

// shortNamed is the full name of the one person s names only in part in text ("Wang" for Wang Yi), or "".
func (ex *extractor) shortNamed(s sentence, lang nlp.Lang, text string) string {
	full := ""
	norm := nlp.Normalize(text)
	for _, e := range s.concepts {
		if ex.lex.entries[e].Kind != "person" {
			continue
		}
		name := ex.lex.name(e, lang)
		if strings.Contains(norm, nlp.Normalize(name)) {
			return "" // named in full: nothing to add
		}
		if full != "" && full != name {
			return "" // more than one person: a name in front would not say which answers
		}
		full = name
	}
	return full
}
