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

// strangerSureCoverage is the least sureCoverage of a confident answer to a question with a word that is neither
// in the sources nor a word of the language ("Yingchun", "Nazarbayev": most likely a name the sources lack): the
// rest of the question must then be covered well.
const strangerSureCoverage = 0.75

// verdict is a decision on a question: refused, or answered with a confidence; reason says why a refusal or
// a hedge.
type verdict struct {
	refused    bool
	confidence Confidence
	reason     Reason
	body       string // the extract, when the offline decision answers
	passage    int    // the passage quoted, when the offline decision answers; -1 otherwise
}

// stage is the point of the answer path at which decide is asked.
type stage int

const (
	beforeRetrieval stage = iota // the message, and once it is read, its question
	afterRetrieval               // the question read and its units retrieved: the offline decision
	afterModel                   // a model was asked to answer from the units
)

// modelOutcome is what came of asking a model.
type modelOutcome int

const (
	modelWrote   modelOutcome = iota // it wrote an answer (checked against its sources after)
	modelRefused                     // it read the units and found no answer
	modelFailed                      // it failed, or wrote what its sources do not support
)

// evidence is what the answer path knows of a question when it asks decide. Each stage fills in what it knows
// by then; the rest is zero.
type evidence struct {
	at stage
	// instructionsOnly: the message held nothing but instructions to the bot (see stripInjections).
	instructionsOnly bool
	// foreign: the question is in neither Arabic nor English (see languageCheck); modelReady: a model is
	// configured, which can answer it in its language.
	foreign, modelReady bool
	// q is the question as read (nil before), hits what retrieval found for it, best first.
	q    *query
	hits []hit
	// model is what came of asking a model (afterModel).
	model modelOutcome
}

// decide makes every refusal decision, in one place, and says why. The answer path asks it at three stages,
// each with what it knows by then (evidence); a refusal anywhere else is a bug.
//
// Before retrieval:
//
//  1. a message holding nothing but instructions to the bot: refuse (injection_only);
//  2. a question in neither Arabic nor English with no model to answer it in its language, or with nothing to
//     look up once the model has rendered it in English: refuse (language).
//
// After retrieval, from what the question names and the kind of answer it wants, never from its other words: a
// typo, a dialect word, a greeting or a paraphrase lowers coverage a little (see termWeight) but cannot by
// itself refuse. With a model this decides the fallback answer, used when the model fails.
//
//  3. the question names something no source holds, or asks what a report of one event does not tell (the
//     bot's opinion, a career, what happened afterwards): refuse (named_absent);
//  4. a question about the document itself (its headline, publisher or gist) is answered from it, unless
//     there is none: refuse (no_candidate);
//  5. nothing to look up: refuse (no_content); a question naming only the kind of answer it wants ("when?")
//     asks about what the sources are about, and is answered from the first unit holding that kind;
//  6. no passage shares anything with it: refuse (no_candidate);
//  7. the best passage covers under half of MinCoverage: refuse (weak_evidence);
//  8. no candidate sentence holds the kind of answer asked for (kind_absent): refuse when the best unit covers
//     less than MinCoverage, else the closest sentence with low confidence;
//  9. the quoted passage covers less than MinCoverage of the question counting the words no source holds at
//     full weight (sureCoverage), or less than strangerSureCoverage when one of those words is no word of the
//     language either (most likely a name): answer, low confidence (weak_evidence);
//  10. a count whose number counts something else than asked: answer, low confidence (kind_absent);
//  11. otherwise answer with high confidence.
//
// After a model was asked (when it fails on an Arabic or English question, the offline answer stands and decide
// is not asked again):
//
//  12. the model read the units and found no answer: refuse (model_refused);
//  13. a question in another language whose model answer failed: refuse (language), as an English quote would
//     not help someone who asked in another language;
//  14. otherwise the model's answer, with high confidence.
func (s *Service) decide(e evidence) verdict {
	refuse := func(r Reason) verdict { return verdict{refused: true, reason: r, passage: -1} }
	switch e.at {
	case beforeRetrieval:
		switch {
		case e.instructionsOnly:
			return refuse(ReasonInjection)
		case e.foreign && !e.modelReady:
			return refuse(ReasonLanguage)
		case e.foreign && e.q != nil && !e.q.hasContent() && !e.q.kindOnly() && !e.q.kind.aboutDocument():
			return refuse(ReasonLanguage) // "Привет": nothing to look up
		}
		return verdict{passage: -1} // go on and retrieve
	case afterModel:
		switch {
		case e.model == modelRefused:
			return refuse(ReasonModelRefused)
		case e.model == modelFailed && e.foreign:
			return refuse(ReasonLanguage)
		}
		return verdict{confidence: High, passage: -1}
	}
	q, hits, minCoverage := e.q, e.hits, s.opts.MinCoverage
	if len(q.absent) > 0 {
		return refuse(ReasonNamedAbsent) // also "what happened after the ceremony?", which reads like a gist question
	}
	if q.kind.aboutDocument() {
		if len(hits) == 0 {
			return refuse(ReasonNoCandidate) // no document at all
		}
		return verdict{confidence: High, passage: -1}
	}
	kindOnly := q.kindOnly()
	switch {
	case !q.substantive() && !kindOnly:
		return refuse(ReasonNoContent) // "good morning, how are you today?" names nothing to look up
	case len(hits) == 0:
		return refuse(ReasonNoCandidate)
	case hits[0].coverage < minCoverage/2:
		return refuse(ReasonWeakEvidence)
	}
	body, p, fit := s.extractor.extract(q, hits)
	switch {
	case p < 0 || fit == anyKind && hits[0].coverage < minCoverage:
		return refuse(ReasonKindAbsent)
	case fit == anyKind:
		// The sources speak of what is asked but hold no answer of its kind (no date for "when"): the closest
		// sentence, plainly marked, instead of a flat refusal.
		return verdict{confidence: Low, reason: ReasonKindAbsent, body: body, passage: p}
	}
	v := verdict{confidence: High, body: body, passage: p}
	if (q.kind == countAnswer || q.kind == spanAnswer || q.kind == ageAnswer) && fit != exactKind {
		// "How many people work there?" answered by a sentence whose number counts something else; "how long
		// did the ceremony last?" by a sentence with a date but no period.
		v.confidence, v.reason = Low, ReasonKindAbsent
		return v
	}
	if kindOnly {
		return v // "when?" asks about what the sources are about; the kind held is all there is to check
	}
	have := s.extractor.groups[s.extractor.groupOf[p]].free
	sure := minCoverage
	if q.strangers(have) > 0 {
		sure = max(sure, strangerSureCoverage)
	}
	if q.sureCoverage(have) < sure || q.restsOnRoots(have) || q.missesParticular(have, s.extractor.vocab) ||
		q.asksUnknownsLife() {
		v.confidence, v.reason = Low, ReasonWeakEvidence
	}
	return v
}
