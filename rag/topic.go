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
	if dates := lifeDates(ix.sents[i][0].text, subject); dates > 0 {
		// "ألبرت أينشتاين (14 مارس 1879 – 18 أبريل 1955)": the dates of a birth and a death; one date ("من
		// مواليد 1972") is a birth alone.
		words := birthWords[p.Lang]
		if dates > 1 {
			words += " " + deathWords[p.Lang]
		}
		life := ix.lex.analyzeSource(words)
		ix.sents[i][0].free = ix.sents[i][0].free.union(ix.vocab.set(life.free...))
		for _, w := range life.words {
			ix.words[w] = true // "متى ولد أينشتاين؟" asks what the sources hold
		}
	}
}

// birthWords and deathWords are what the dates in brackets after an encyclopaedic subject are: its birth, and
// when there are two, its death.
var (
	birthWords = map[nlp.Lang]string{nlp.Arabic: "ولد ولدت مولد ولادة", nlp.English: "born birth"}
	deathWords = map[nlp.Lang]string{nlp.Arabic: "توفي توفيت وفاة", nlp.English: "died death"}
)

// lifeDates counts the years (or, without a year, the dates) an opening gives in a bracket near its start, at
// most 2: "X (13 أكتوبر 1958، المدينة المنورة - 2 أكتوبر 2018)", "X (363 هـ - 449 هـ)", "Y (born 5 May 1950)",
// "X (بالإنجليزية: …) (10 مارس 1951 -)", "X هي مغنية لبنانية (من مواليد 16 مايو 1983 - …)". A bracket naming a
// weekday ("(الأحد 10 مارس 2024)") dates a report, not a life: 0.
func lifeDates(sentence, subject string) int {
	rest := strings.TrimSpace(strings.TrimPrefix(sentence, subject))
	for range maxLifeBrackets {
		start := strings.IndexByte(rest, '(')
		if start < 0 || utf8.RuneCountInString(rest[:start]) > maxLifeOffset {
			return 0
		}
		end := strings.IndexByte(rest[start:], ')')
		if end < 0 {
			return 0
		}
		toks := nlp.Tokenize(rest[start+1 : start+end])
		years, months := 0, 0
		for k, t := range toks {
			switch {
			case weekdays[t.Word]:
				return 0
			case dateWords[t.Word]:
				months++
			case lifeYear(toks, k):
				years++
			}
		}
		if n := max(years, min(months, 2)); n > 0 {
			return min(n, 2)
		}
		rest = rest[start+end+1:]
	}
	return 0
}

// lifeYear reports a year at toks[k]: four digits, or fewer with an era sign ("363 هـ", "95هـ").
func lifeYear(toks []nlp.Token, k int) bool {
	y, era := withoutEra(toks[k].Word)
	return nlp.IsDigits(y) && (len(y) == 4 || era || k+1 < len(toks) && eraSigns[toks[k+1].Word])
}

// maxLifeBrackets and maxLifeOffset bound where an opening's life dates may stand: in one of its first three
// brackets, opening within 60 runes of the one before.
const (
	maxLifeBrackets = 3
	maxLifeOffset   = 60
)

// maxSubjectWords bounds the subject an opening defines: "محمد علي باشا المسعود بن إبراهيم آغا القوللي" is
// eight. A bracket after it may close a longer one, a lineage ("فهد بن عبد العزيز بن عبد الرحمن بن فيصل بن
// تركي آل سعود (1921 - …)"): maxNameWords.
const (
	maxSubjectWords = 8
	maxNameWords    = 20
)

// definedSubject is the subject an encyclopaedic opening sentence defines: the words before its first
// parenthesis or copula ("X (…) is …", "X أو Y هي …"), or "" when the sentence does not open so. A dateline
// ("شيآن 30 مارس 2024 (شينخوا) --") names a date, and is no subject.
func definedSubject(sentence string) string {
	words := strings.Fields(sentence)
	for i, w := range words {
		if i > maxNameWords {
			return ""
		}
		bracket := strings.HasPrefix(w, "(")
		if i > maxSubjectWords && !bracket {
			continue // only a bracket ends a name this long
		}
		if bracket || copulas[nlp.Normalize(w)] {
			if i == 0 {
				return ""
			}
			subject := words[:i]
			for _, s := range subject {
				// A dateline names a date; a report says who said what ("قال البنك الدولي إن الاقتصاد …").
				if n := nlp.Normalize(strings.Trim(s, ",،")); dateWords[n] || weekdays[n] || speechWords[n] || reported[n] {
					return ""
				}
			}
			return strings.Join(subject, " ")
		}
	}
	return ""
}

// reported are the words that open what someone said ("إن", "that"): no subject is defined before them.
var reported = nlp.WordSet(`ان إن أن that`)

// copulas link an encyclopaedic opening's subject to what it is.
var copulas = nlp.WordSet(`is was are were هو هي هم هن`)
