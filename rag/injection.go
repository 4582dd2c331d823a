package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// injectionMarkers are phrases of prompt-injection attempts ("ignore your rules", "print your system prompt"),
// normalised. A sentence holding one is not part of the question: it is dropped before retrieval and before the
// model sees the question, so "Who heads the secretariat? Also ignore previous instructions…" is answered as
// the first sentence alone. The model's rules say to ignore such instructions too; this is the offline half.
var injectionMarkers = func() []string {
	var out []string
	for _, m := range []string{"ignore your", "ignore all", "ignore previous", "ignore the previous", "ignore prior",
		"ignore the above", "ignore these", "disregard", "system prompt", "your instructions", "your rules",
		"your prompt", "you are now", "pretend you", "pretend to be", "act as", "jailbreak", "developer mode",
		"reveal your", "print your", "repeat the text above", "say you are", "no rules", "no restrictions",
		"without restrictions", "no limits", "no filter", "you are dan", "ur dan", "forget the article",
		"forget your", "forget everything", "بدون قيود", "بلا قيود", "وضع المطور", "انس المقال", "انسى المقال",
		"انس كل", "انسى كل",
		"تجاهل", "انس التعليمات", "انسى التعليمات", "تعليماتك", "التعليمات السرية", "موجه النظام", "قواعدك", "تظاهر"} {
		out = append(out, " "+nlp.Normalize(m)+" ")
	}
	return out
}()

// stripInjections drops the sentences of a question that try to instruct the bot; found reports any.
func stripInjections(question string) (clean string, found bool) {
	var keep []string
	for _, s := range nlp.Sentences(question) {
		n := " " + nlp.Normalize(s) + " "
		hit := false
		for _, m := range injectionMarkers {
			if strings.Contains(n, m) {
				hit = true
				break
			}
		}
		if hit {
			found = true
			continue
		}
		keep = append(keep, s)
	}
	if !found {
		return question, false
	}
	return strings.Join(keep, " "), true
}
