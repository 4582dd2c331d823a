package rag

import (
	"context"
	"strings"

	"ccabot/knowledge/nlp"
	"ccabot/rag/llm"
)

// askForeign answers a question in neither Arabic nor English (see language.go). Offline, the reply says which
// languages the bot answers in (ReasonLanguage). With a model, the model first renders the question in English
// for retrieval, then answers it from the sources in the question's language, with a note that the sources are
// Arabic and English. When the model fails, refuses, or writes an answer its sources do not support, the reply is
// the offline one: an English quote would not help someone who asked in another language.
func (s *Service) askForeign(ctx context.Context, req Request, question string, pq *query, history []exchange, k int) (Answer, error) {
	asked := nlp.AskedIn(question, req.UserLang)
	// A refusal says which languages the bot answers in, in the question's language when the bot has the words.
	refusal := func(v verdict) Answer {
		return Answer{Question: req.Question, Lang: foreignLang, QuestionLang: asked, Mode: Extractive, Refused: true,
			Reason: v.reason, Text: languageText(asked, req.UserLang), Turn: req.Prev}
	}
	model := s.model.Load()
	if v := s.decide(evidence{at: beforeRetrieval, foreign: true, modelReady: model != nil}); v.refused {
		reply := refusal(v)
		s.log.Debug("answer decided", "lang", reply.Lang, "asked", asked, "refused", true, "reason", reply.Reason)
		return reply, nil
	}
	q := s.inEnglish(ctx, model, question, pq, history)
	q.asked = asked
	if v := s.decide(evidence{at: beforeRetrieval, foreign: true, modelReady: true, q: q}); v.refused {
		return refusal(v), nil
	}
	fallback, err := s.extractive(ctx, req.Question, q, k)
	if err != nil {
		return Answer{}, err
	}
	prompted, err := s.promptHits(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	mreq := req
	mreq.Question = question // without injected sentences
	a := s.withModel(ctx, model, mreq, q, prompted, history, fallback)
	turn := &Turn{q: q, question: question, answer: a.Body, earlier: history}
	outcome := modelWrote
	switch {
	case a.Mode != LLM:
		outcome = modelFailed // a is the extractive fallback
	case a.Refused:
		outcome = modelRefused
	}
	if v := s.decide(evidence{at: afterModel, foreign: true, model: outcome}); v.refused {
		reply := refusal(v)
		if a.Mode == LLM {
			reply.Mode = LLM // the model read the sources and found no answer
		}
		reply.Retrieved, reply.Prompted, reply.BestScore, reply.Usage = a.Retrieved, a.Prompted, a.BestScore, a.Usage
		reply.Turn = turn
		turn.answer = reply.Text
		a = reply
	}
	a.Question, a.QuestionLang, a.Turn = req.Question, asked, turn
	s.log.Debug("answer decided", "lang", a.Lang, "asked", asked, "mode", a.Mode, "refused", a.Refused,
		"reason", a.Reason)
	return a, nil
}

// maxRenderingRunes bounds the model's English rendering of a question: anything longer is not a question.
const maxRenderingRunes = 300

// inEnglish reads a question in another language through the model's English rendering of it (for a follow-up,
// standalone), which retrieval then uses. If the call fails or its reply is no English question, the question is
// read as it is: its names and numbers may still find their passages, and the prompt holds the whole article.
func (s *Service) inEnglish(ctx context.Context, model *llm.Model, question string, pq *query, history []exchange) *query {
	c, err := model.Complete(ctx, englishPrompt(history, question), 80, nil)
	text := strings.TrimSpace(c.Text)
	switch {
	case err != nil:
		s.log.Warn("English rendering of a question failed; retrieving with the question as asked", "err", err)
	case text == "" || len([]rune(text)) > maxRenderingRunes || strings.Contains(text, notInSources) ||
		nlp.DetectLang(text) != nlp.English || s.language.foreign(text):
		s.log.Warn("English rendering of a question is no English question; retrieving with the question as asked")
	default:
		q := s.ix.prepare(text, nil)
		q.lang = foreignLang
		return q
	}
	q := s.ix.prepare(question, pq)
	q.lang = foreignLang
	return q
}
