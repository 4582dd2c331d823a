package rag

import (
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// inheritTopic gives every sentence of a document that opens as an encyclopaedia article does ("ألبرت أينشتاين
// (14 مارس 1879 – …) عالم فيزياء …", "Paris is the capital …") the terms of the subject that opening names:
// the rest of the article is about it without naming it ("أما النسبية العامة فقد طرحها عام 1915"), so "in which
// year did Einstein put forward general relativity?" is covered by the sentence that answers it, not only by the
// opening, which names him. The sentences' coverage terms change, not the index (BM25) terms; the unit records
// the subject, which ranks it a little higher for a question naming it (see aboutSubject). A news report, which
// opens with a headline or a dateline, has no such subject.
func (ix *Index) inheritTopic(i int) {
	p := ix.passages[i]
	first, ok := ix.byID[p.DocID+"#1"]
	if !ok {
		first, ok = ix.byID[p.DocID+"#1.1"]
	}
	if !ok || len(ix.sents[first]) == 0 {
		return
	}
	subject := definedSubject(ix.sents[first][0].text)
	if subject == "" {
		return
	}
	terms := ix.lex.analyzeSource(subject).free
	topic := ix.vocab.set(terms...)
	ix.groups[ix.groupOf[i]].subject = terms
	for j := range ix.sents[i] {
		ix.sents[i][j].free = ix.sents[i][j].free.union(topic)
	}
	if i != first {
		return
	}
	ix.sents[i][0].types |= isOpening
	if lifeDates(ix.sents[i][0].text, subject) {
		// "ألبرت أينشتاين (14 مارس 1879 – 18 أبريل 1955)": the dates of a birth and a death.
		life := ix.lex.analyzeSource(lifeWords[p.Lang])
		ix.sents[i][0].free = ix.sents[i][0].free.union(ix.vocab.set(life.free...))
		for _, w := range life.words {
			ix.words[w] = true // "متى ولد أينشتاين؟" asks what the sources hold
		}
	}
}

// lifeWords are what the dates in brackets after an encyclopaedic subject are: its birth and its death.
var lifeWords = map[nlp.Lang]string{nlp.Arabic: "ولد ولدت مولد ولادة توفي توفيت وفاة", nlp.English: "born birth died death"}

// lifeDates reports an opening that gives, in a bracket near its start, a date: "X (13 أكتوبر 1958، المدينة
// المنورة - 2 أكتوبر 2018)", "Y (born 5 May 1950)", "X (بالإنجليزية: …) (10 مارس 1951 -)", "X هي مغنية
// لبنانية (من مواليد 16 مايو 1983 - …)".
func lifeDates(sentence, subject string) bool {
	rest := strings.TrimSpace(strings.TrimPrefix(sentence, subject))
	for range maxLifeBrackets {
		start := strings.IndexByte(rest, '(')
		if start < 0 || utf8.RuneCountInString(rest[:start]) > maxLifeOffset {
			return false
		}
		end := strings.IndexByte(rest[start:], ')')
		if end < 0 {
			return false
		}
		for _, w := range strings.Fields(rest[start+1 : start+end]) {
			w = strings.Trim(w, ",،;؛-–()")
			if len(w) == 4 && nlp.IsDigits(w) || dateWords[nlp.Normalize(w)] {
				return true
			}
		}
		rest = rest[start+end+1:]
	}
	return false
}

// maxLifeBrackets and maxLifeOffset bound where an opening's life dates may stand: in one of its first three
// brackets, opening within 60 runes of the one before.
const (
	maxLifeBrackets = 3
	maxLifeOffset   = 60
)

// maxSubjectWords bounds the subject an opening defines: "محمد علي باشا المسعود بن إبراهيم آغا القوللي" is eight.
const maxSubjectWords = 8

// definedSubject is the subject an encyclopaedic opening sentence defines: the words before its first
// parenthesis or copula ("X (…) is …", "X أو Y هي …"), or "" when the sentence does not open so. A dateline
// ("شيآن 30 مارس 2024 (شينخوا) --") names a date, and is no subject.
func definedSubject(sentence string) string {
	words := strings.Fields(sentence)
	for i, w := range words {
		if i > maxSubjectWords {
			return ""
		}
		if strings.HasPrefix(w, "(") || copulas[nlp.Normalize(w)] {
			if i == 0 {
				return ""
			}
			subject := words[:i]
			for _, s := range subject {
				if n := nlp.Normalize(strings.Trim(s, ",،")); dateWords[n] || weekdays[n] {
					return ""
				}
			}
			return strings.Join(subject, " ")
		}
	}
	return ""
}

// copulas link an encyclopaedic opening's subject to what it is.
var copulas = nlp.WordSet(`is was are were هو هي هم هن`)
