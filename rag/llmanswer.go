package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"ccabot/knowledge/nlp"
	"ccabot/rag/llm"
)

// withModel asks the model to answer from the top hits and returns its answer, or fallback (the extractive
// answer) when the model fails, cites nothing, answers in the wrong language or says what its sources do not
// (see checkModelText), with one log line saying why.
func (s *Service) withModel(ctx context.Context, model *llm.Model, req Request, q *query, hits []hit, history []exchange, fallback Answer) Answer {
	// A follow-up's answer depends on the conversation, which the key does not hold: only fresh questions are
	// cached.
	cacheable := len(history) == 0 && !q.followUp
	for _, h := range hits {
		fallback.Prompted = append(fallback.Prompted, s.ix.source(h, q.lang))
	}
	key := s.cacheKey(q, req.Question, hits)
	if c, ok := s.cache.Get(key); ok && cacheable && time.Since(c.at) < cacheTTL {
		cached := c.a
		cached.Question, cached.Prompted = req.Question, fallback.Prompted
		return cached
	}
	start := time.Now()
	a, err := s.modelAnswer(ctx, model, req, q, hits, history)
	if err != nil {
		level := slog.LevelWarn
		if errors.Is(err, llm.ErrUnavailable) {
			level = slog.LevelDebug // said once, when the circuit opened
		}
		s.log.Log(ctx, level, "model answer failed; giving the extractive answer", "model", model.Name(), "err", err,
			"took", time.Since(start).Round(time.Millisecond))
		return fallback
	}
	a.Retrieved, a.BestScore, a.Prompted = fallback.Retrieved, fallback.BestScore, fallback.Prompted
	if cacheable {
		s.cache.Add(key, cachedAnswer{a: a, at: time.Now()})
	}
	return a
}

// cacheKey identifies an answer: same language, same normalised question, same passages retrieved. A question in
// another language is read through its English rendering; its answer is in its own language, so the question as
// asked is part of the key.
func (s *Service) cacheKey(q *query, question string, hits []hit) string {
	var b strings.Builder
	b.WriteString(string(q.lang))
	if q.asked != "" {
		b.WriteString("|" + q.asked + "|" + nlp.Normalize(question))
	}
	b.WriteString("|")
	b.WriteString(q.text)
	for _, h := range hits {
		b.WriteString("|")
		b.WriteString(s.ix.groups[h.group].key)
	}
	return b.String()
}

func (s *Service) modelAnswer(ctx context.Context, model *llm.Model, req Request, q *query, hits []hit, history []exchange) (Answer, error) {
	msgs, sources := buildPrompt(&s.ix.units, req.Question, q, hits, history)
	var onText func(string)
	if req.OnPartial != nil {
		checked, stopped := 0, false
		onText = func(text string) {
			if stopped {
				return
			}
			end := lastCitationEnd(text)
			if end <= checked {
				return // no new citation: the words after the last one wait for theirs
			}
			checked = end
			refs, shown := citations(text[:end], len(sources))
			if isRefusal(shown, refs) || s.support.checkModelText(shown, q.answerLang(), sources) != nil {
				stopped = true // the final answer decides what replaces what is shown
				return
			}
			req.OnPartial(capAnswer(shown, q.lang))
		}
	}
	c, err := model.Complete(ctx, msgs, maxAnswerTokens, onText)
	if err != nil {
		return Answer{}, err
	}
	refs, text := citations(c.Text, len(sources))
	outcome := modelWrote
	if isRefusal(text, refs) {
		outcome = modelRefused
	}
	v := s.decide(evidence{at: afterModel, model: outcome})
	a := Answer{Question: req.Question, Lang: q.lang, Mode: LLM, Confidence: v.confidence, Reason: v.reason,
		Usage: &Usage{PromptTokens: c.PromptTokens, CompletionTokens: c.CompletionTokens}}
	if v.refused {
		a.Refused, a.Text = true, refusalText(v.reason, q.lang)
		return a, nil
	}
	if err := s.support.checkModelText(text, q.answerLang(), sources); err != nil {
		return Answer{}, err
	}
	text = capAnswer(text, q.lang)
	if q.asked != "" {
		text += "\n\n" + sourcesNote(q.asked) // once, under the answer: the sources below are Arabic and English
	}
	a.Body = text
	lines := []string{text, ""}
	for _, r := range refs {
		src := s.ix.source(sources[r-1].hit, q.lang)
		src.Ref = r
		a.Sources = append(a.Sources, src)
		lines = append(lines, fmt.Sprintf("[%d] %s", r, sourceLine(src, q.lang)))
	}
	a.Text = strings.Join(lines, "\n")
	return a, nil
}

// lastCitationEnd is where the last citation marker in text ends, or 0. A streamed answer is shown up to there:
// every sentence shown then carries its citation and passes the checks a final answer passes, so no uncited or
// unsupported model text (an obeyed injection, a link) reaches a phone's notifications, even for a second.
func lastCitationEnd(text string) int {
	all := citation.FindAllStringIndex(text, -1)
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1][1]
}

// standalone rewrites a follow-up into a question that stands alone (for retrieval), keeping the original's
// language. On any failure the heuristic reading of the follow-up is kept.
func (s *Service) standalone(ctx context.Context, model *llm.Model, question string, q *query, history []exchange) *query {
	c, err := model.Complete(ctx, rewritePrompt(history, question), 80, nil)
	text := strings.TrimSpace(c.Text)
	if err != nil || text == "" || len([]rune(text)) > 300 {
		if err != nil {
			s.log.Warn("follow-up rewrite failed; reading it with the previous question", "err", err)
		}
		return q
	}
	rewritten := s.ix.prepare(text, nil)
	if !rewritten.hasContent() {
		return q
	}
	rewritten.lang = q.lang
	return rewritten
}

// maxModelAnswerRunes bounds a model answer as shown: a server that ignores max_tokens must not flood a chat
// (a 198 KB answer was once 49 messages). The cut is said plainly.
const maxModelAnswerRunes = 3000

// capAnswer cuts text to maxModelAnswerRunes at a word boundary and says so in lang.
func capAnswer(text string, lang nlp.Lang) string {
	r := []rune(text)
	if len(r) <= maxModelAnswerRunes {
		return text
	}
	cut := string(r[:maxModelAnswerRunes])
	if i := strings.LastIndexAny(cut, " \n"); i > maxModelAnswerRunes/2 {
		cut = cut[:i]
	}
	note := " … (answer cut: too long)"
	if lang == nlp.Arabic {
		note = " … (قُطعت الإجابة لطولها)"
	}
	return strings.TrimSpace(cut) + note
}
