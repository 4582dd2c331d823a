package rag

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"ccabot/config"
	"ccabot/knowledge/nlp"
	"ccabot/rag/llm"
)

// Mode says how an answer was written.
type Mode string

// The answer modes.
const (
	// Extractive answers quote the sentences of a source that answer the question: the offline default, and
	// the fallback whenever a model fails.
	Extractive Mode = "extractive"
	// LLM answers are written by a model from the retrieved passages.
	LLM Mode = "llm"
)

// Source is a passage an answer rests on.
type Source struct {
	ID          string  // passage ID, e.g. "xinhua-20240330-en#4"
	Group       string  // the original paragraph's ID, shared with its renderings
	Title       string  // document title
	Publisher   string  // document source, e.g. "Xinhua (Arabic)"
	Date        string  // YYYY-MM-DD or ""
	Translation bool    // the passage is our rendering of an original
	Text        string  // the passage text
	Score       float64 // ranking score in [0, 1]
	Ref         int     // the number a model answer cites it by ([1]); 0 for extractive answers
}

// Answer is the reply to one question.
type Answer struct {
	Question string
	Lang     nlp.Lang
	// Text is the whole reply as shown to the user: the answer and its source line, or the refusal.
	Text string
	// Body is the answer alone, without the source line ("" when refused).
	Body    string
	Mode    Mode
	Refused bool
	// Confidence grades an answer that was not refused: High, or Low for a reply plainly marked as the closest
	// the sources come.
	Confidence Confidence
	// Reason says why the answer was refused or hedged ("" for a confident answer).
	Reason Reason
	// Sources back the answer: the passage quoted (or cited) first, then the other passages retrieved, best
	// first; none when refused.
	Sources []Source
	// Retrieved is the ranked list of units retrieval found, whatever the answer; evaluation reads it.
	Retrieved []Source
	// Prompted lists the units put before the model, in rank order (none when no model was asked); evaluation
	// reads it to tell a retrieval miss from a model miss.
	Prompted []Source
	// BestScore is the top unit's score (0 when nothing was found): logged, never shown.
	BestScore float64
	// Turn carries this question into the next one of the same conversation, for follow-ups.
	Turn *Turn
	// Usage is the model's token count (nil for extractive answers).
	Usage *Usage
	// QuestionLang is the language of a question in neither Arabic nor English, as a BCP 47 tag ("ru",
	// "uz-Cyrl") or "und" when the bot could not name it; "" for Arabic and English questions. Such a question is
	// read in English (Lang); offline it is refused with ReasonLanguage, and a model answers it in its language.
	QuestionLang string
}

// Usage is what a model answer cost, in tokens.
type Usage struct{ PromptTokens, CompletionTokens int }

// Turn is what a conversation remembers of a question. Pass it as Request.Prev of the next question of the same
// chat.
type Turn struct {
	q                *query
	question, answer string
	earlier          []exchange
}

// historyTurns is how many earlier exchanges a model sees for a follow-up.
const historyTurns = 2

// history is this turn and the ones before it, oldest first, at most historyTurns.
func (t *Turn) history() []exchange {
	h := append(append([]exchange(nil), t.earlier...), exchange{t.question, t.answer})
	return h[max(0, len(h)-historyTurns):]
}

// Options tune the Service.
type Options struct {
	// TopK is how many units are retrieved (default config.DefaultTopK).
	TopK int
	// MinCoverage is the least share of a question's terms the best source must hold for an answer
	// (default config.DefaultMinCoverage); below it the sources "do not cover" the question.
	MinCoverage float64
	Logger      *slog.Logger
	// Model writes the answers when set; nil keeps the offline extractive answers.
	Model *llm.Model
	// PromptTokens is the budget of source text put before a model, in tokens (default PROMPT_TOKENS's). A corpus
	// that fits is sent whole; a larger one sends its best units, in rank order, until the budget is full.
	PromptTokens int
}

// The cache of model answers: the same question asked again within cacheTTL costs nothing.
const (
	cacheSize = 1000
	cacheTTL  = 10 * time.Minute
)

// cachedAnswer is a model answer and when it was written.
type cachedAnswer struct {
	a  Answer
	at time.Time
}

// Service answers questions from an Index. It is safe for concurrent use; conversation state lives in the
// Turn values its callers keep.
type Service struct {
	ix        *Index
	extractor *extractor     // the offline answer, from what ix built
	support   *supportCheck  // a model answer against its sources
	language  *languageCheck // a question in neither Arabic nor English
	opts      Options
	model     atomic.Pointer[llm.Model] // nil: extractive only; DisableModel may clear it while serving
	// cache is a plain LRU whose entries carry their age: the expirable LRU starts a goroutine per cache that never
	// stops.
	cache *lru.Cache[string, cachedAnswer]
	log   *slog.Logger
}

// NewService returns a Service over ix.
func NewService(ix *Index, opts Options) *Service {
	if opts.TopK <= 0 {
		opts.TopK = config.DefaultTopK
	}
	if opts.MinCoverage <= 0 {
		opts.MinCoverage = config.DefaultMinCoverage
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.PromptTokens <= 0 {
		opts.PromptTokens = config.DefaultPromptTokens
	}
	lc := newLanguageCheck(ix)
	s := &Service{ix: ix, extractor: newExtractor(ix), support: newSupportCheck(ix, lc), language: lc, opts: opts,
		log: opts.Logger}
	s.cache, _ = lru.New[string, cachedAnswer](cacheSize) // errors only for a size below 1
	s.model.Store(opts.Model)
	return s
}

// Model is the model writing answers, or nil.
func (s *Service) Model() *llm.Model { return s.model.Load() }

// DisableModel switches to extractive answers only, e.g. after the start-up check found a wrong key. Safe to
// call while serving.
func (s *Service) DisableModel() { s.model.Store(nil) }

// Request is one question with its options. Only Question is required.
type Request struct {
	Question string
	Prev     *Turn // the previous Turn of the same conversation (Answer.Turn), or nil
	K        int   // units to retrieve; 0 means Options.TopK
	// OnPartial, when set and a model answers, is called with the answer written so far as it streams in
	// (citations included), up to its last citation and only while that passes the final answer's checks. The final
	// Answer may still differ: a refusal or the extractive fallback.
	OnPartial func(text string)
	// UserLang is the asker's interface language as an IETF tag (Telegram's language_code: "ru", "uz",
	// "zh-hans"), or "". For a question in neither Arabic nor English it names the question's language when the
	// question is written in its script, and the offline reply is said in it too (see languageText).
	UserLang string
}

// Ask answers a Request, and is the Service's one entry point: retrieval, then the model when one is configured
// (with the extractive answer as its fallback), else the extractive answer. The error is non-nil only when ctx
// ends; a question the sources do not cover is an Answer with Refused set and a Reason, and a model failure
// gives the extractive answer.
func (s *Service) Ask(ctx context.Context, req Request) (Answer, error) {
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	k := req.K
	if k <= 0 {
		k = s.opts.TopK
	}
	var pq *query
	var history []exchange
	if req.Prev != nil {
		pq, history = req.Prev.q, req.Prev.history()
	}
	question, injected := stripInjections(req.Question)
	instructionsOnly := injected && strings.TrimSpace(question) == ""
	if v := s.decide(evidence{at: beforeRetrieval, instructionsOnly: instructionsOnly}); v.refused {
		lang := nlp.DetectLang(req.Question)
		return Answer{Question: req.Question, Lang: lang, Mode: Extractive, Refused: true,
			Text: refusalText(v.reason, lang), Reason: v.reason, Turn: req.Prev}, nil
	}
	if s.language.foreign(question) {
		return s.askForeign(ctx, req, question, pq, history, k)
	}
	q := s.ix.prepare(question, pq)
	model := s.model.Load()
	if model != nil && q.followUp && len(history) > 0 {
		q = s.standalone(ctx, model, question, q, history)
	}
	original := req.Question
	a, err := s.extractive(ctx, original, q, k)
	req.Question = question // what the model sees: without the injected sentences
	if err != nil {
		return Answer{}, err
	}
	// With a model, no lexical gate: every question reaches it with as many passages as the budget holds, and
	// the model decides whether they answer it. Only a message with nothing to look up ("hi") and a question
	// about the document itself (its headline, source or gist, answered exactly from it) stay offline.
	if model != nil && !q.kind.aboutDocument() && (q.hasContent() || q.kindOnly()) {
		prompted, err := s.promptHits(ctx, q)
		if err != nil {
			return Answer{}, err
		}
		a = s.withModel(ctx, model, req, q, prompted, history, a)
	}
	a.Question = original
	s.log.Debug("answer decided", "lang", a.Lang, "mode", a.Mode, "refused", a.Refused, "confidence", a.Confidence,
		"reason", a.Reason)
	a.Turn = &Turn{q: q, question: question, answer: a.Body, earlier: history}
	if a.Refused {
		a.Turn.answer = a.Text
	}
	return a, nil
}

// extractive is the offline answer.
func (s *Service) extractive(ctx context.Context, question string, q *query, k int) (Answer, error) {
	a := Answer{Question: question, Lang: q.lang, Mode: Extractive}
	if q.kind.aboutDocument() {
		return s.documentAnswer(ctx, q, a)
	}
	var hits []hit
	switch {
	case q.kindOnly():
		hits = s.ix.kindHits(q)
	case q.hasContent():
		var err error
		if hits, err = s.ix.search(ctx, q, max(k, extractHits)); err != nil {
			return Answer{}, err
		}
	}
	for i, h := range hits {
		if i < k {
			a.Retrieved = append(a.Retrieved, s.ix.source(h, q.lang))
		}
	}
	if len(hits) > 0 {
		a.BestScore = hits[0].score
	}
	v := s.decide(evidence{at: afterRetrieval, q: q, hits: hits})
	a.Reason = v.reason
	if v.refused {
		a.Refused, a.Text = true, refusalText(v.reason, q.lang)
		return a, nil
	}
	body, p := v.body, v.passage
	a.Confidence = v.confidence
	if v.confidence == Low {
		body = hedgedText(q.lang, body)
	}
	var src Source
	for _, h := range hits {
		if h.group == s.ix.groupOf[p] {
			src = s.ix.sourceOf(p, h.score) // the part of a long paragraph the answer quotes
			break
		}
	}
	if q.kind == yearAnswer && v.confidence == High {
		body = withYear(body, src.Date, q.lang)
	}
	a.Body = body
	// The quoted passage first, then the rest of what retrieval found: --k shows more evidence.
	a.Sources = []Source{src}
	for _, r := range a.Retrieved {
		if r.Group != src.Group {
			a.Sources = append(a.Sources, r)
		}
	}
	a.Text = body + "\n\n" + sourceLine(src, q.lang)
	return a, nil
}
