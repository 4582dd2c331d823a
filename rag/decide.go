package rag

// Reason says why a question was refused or answered with low confidence; "" for a confident answer.
type Reason string

// The reasons, from the earliest check to the latest. Every refusal and every hedge carries one: `ask --json`
// prints it, `eval -v` lists it, debug logs show it.
const (
	// ReasonNoContent: the message names nothing to look up ("hi", "?", "thanks").
	ReasonNoContent Reason = "no_content"
	// ReasonInjection: the message only tried to instruct the bot.
	ReasonInjection Reason = "injection_only"
	// ReasonLanguage: the question is in neither Arabic nor English and no model could answer it in its language
	// (none is configured, or it failed or wrote an unsupported answer); the reply says which languages the bot
	// answers in.
	ReasonLanguage Reason = "language"
	// ReasonNamedAbsent: the question is about something no source names (a president, a budget, the next
	// summit).
	ReasonNamedAbsent Reason = "named_absent"
	// ReasonNoCandidate: retrieval found no passage sharing anything with the question.
	ReasonNoCandidate Reason = "no_candidate"
	// ReasonWeakEvidence: the best passage holds too little of what the question asks about; below half the
	// minimum coverage a refusal, else a hedged answer.
	ReasonWeakEvidence Reason = "weak_evidence"
	// ReasonKindAbsent: no candidate sentence holds the kind of answer asked for (a date for "when", a person
	// for "who").
	ReasonKindAbsent Reason = "kind_absent"
	// ReasonModelRefused: the model read the passages and found no answer.
	ReasonModelRefused Reason = "model_refused"
)

// Confidence grades an answer.
type Confidence string

// The grades. A low-confidence answer is shown plainly marked ("my sources don't say that directly; the closest
// they come is …"): it helps the person asking, and evaluation never counts it as right.
const (
	High Confidence = "high"
	Low  Confidence = "low"
)

// unmatchedSureCoverage is the least sureCoverage of a confident answer to a question with a word neither the
// sources nor the word lists know ("تايوان", "Putin"): the rest of the question must then be covered well.
const unmatchedSureCoverage = 0.75

// verdict is the offline decision on a question.
type verdict struct {
	refused    bool
	confidence Confidence
	reason     Reason
	body       string // the extract, when answered
	passage    int    // the passage quoted, when answered
}

// decide makes every offline refusal decision, in one place, from what the question names and the kind of
// answer it wants, never from its other words: a typo, a dialect word, a greeting or a paraphrase lowers
// coverage a little (see termWeight) but cannot by itself refuse.
//
//  1. nothing to look up: refuse (no_content); a question naming only the kind of answer it wants ("when?")
//     asks about what the sources are about, and is answered from the first unit holding that kind;
//  2. the question names something no source holds: refuse (named_absent);
//  3. no passage shares anything with it: refuse (no_candidate);
//  4. the best passage covers under half of minCoverage: refuse (weak_evidence);
//  5. no candidate sentence holds the kind of answer asked for (kind_absent): refuse when the best unit covers
//     less than minCoverage, else the closest sentence with low confidence;
//  6. the quoted passage covers less than minCoverage of the question counting the words no source holds at
//     full weight (sureCoverage), or less than unmatchedSureCoverage when one of those words is not even held
//     by its root: answer, low confidence (weak_evidence);
//  7. a count whose number counts something else than asked: answer, low confidence (kind_absent);
//  8. otherwise answer with high confidence.
func (s *Service) decide(q *query, hits []Hit) verdict {
	minCoverage := s.opts.MinCoverage
	refuse := func(r Reason) verdict { return verdict{refused: true, reason: r, passage: -1} }
	kindOnly := q.kindOnly()
	switch {
	case !q.substantive() && !kindOnly:
		return refuse(ReasonNoContent) // "good morning, how are you today?" names nothing to look up
	case len(q.absent) > 0:
		return refuse(ReasonNamedAbsent)
	case len(hits) == 0:
		return refuse(ReasonNoCandidate)
	case hits[0].Coverage < minCoverage/2:
		return refuse(ReasonWeakEvidence)
	}
	body, p, fit := s.extractor.extract(q, hits)
	switch {
	case p < 0 || fit == anyKind && hits[0].Coverage < minCoverage:
		return refuse(ReasonKindAbsent)
	case fit == anyKind:
		// The sources speak of what is asked but hold no answer of its kind (no date for "when"): the closest
		// sentence, plainly marked, instead of a flat refusal.
		return verdict{confidence: Low, reason: ReasonKindAbsent, body: body, passage: p}
	}
	v := verdict{confidence: High, body: body, passage: p}
	if q.kind == countAnswer && fit != exactKind {
		// "How many people work there?" answered by a sentence whose number counts something else.
		v.confidence, v.reason = Low, ReasonKindAbsent
		return v
	}
	if kindOnly {
		return v // "when?" asks about what the sources are about; the kind held is all there is to check
	}
	have := s.extractor.groups[s.extractor.groupOf[p]].free
	sure := minCoverage
	if q.unmatched(have) > 0 {
		sure = max(sure, unmatchedSureCoverage)
	}
	if q.sureCoverage(have) < sure {
		v.confidence, v.reason = Low, ReasonWeakEvidence
	}
	return v
}
