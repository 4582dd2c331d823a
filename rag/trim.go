package rag

import (
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// trimAbove is the length from which a sentence is cut down to the clauses that answer: a 380-character list of
// six ministers is not the answer to "who is Kyrgyzstan's foreign minister?".
const trimAbove = 240

// clausesOf analyses the clauses of a sentence too long to quote whole, or returns nil. It runs when an answer
// is cut (a few clauses, tens of microseconds), not when the index is built: there, a record for every clause of
// every long sentence took a fifth of the time and a tenth of the memory of 16 MiB of operator text.
func (ex *extractor) clausesOf(text string) []sentence {
	if utf8.RuneCountInString(text) <= trimAbove {
		return nil
	}
	clauses := nlp.Clauses(text)
	if len(clauses) < 2 {
		return nil
	}
	out := make([]sentence, len(clauses))
	for i, c := range clauses {
		out[i] = sentenceOf(c, ex.lex.analyzeSource(c), ex.lex, ex.vocab)
	}
	return out
}

// listItemRunes bounds the clauses read as the items of a list a colon opens.
const listItemRunes = 40

// minAnswerRunes: a trimmed answer is widened to about this length, so "who heads the secretariat?" gets
// "Wu Yingchen, Executive Director of the Secretariat, said the secretariat will …", not a bare name.
const minAnswerRunes = 150

// trimClauses keeps the window of consecutive clauses that covers most of the question within maxExtractRunes,
// marking cuts with an ellipsis.
func (ex *extractor) trimClauses(q *query, parts []sentence) string {
	clauses := make([]string, len(parts))
	for i, p := range parts {
		clauses[i] = p.text
	}
	cq := q
	if q.other && q.kind == whoAnswer {
		cq = ex.withoutPeople(q) // "who else besides Wang Yi": naming him again is no merit
	}
	bestStart, bestEnd, bestScore := 0, 1, -1.0
	for start := range clauses {
		var have termSet
		var window sentence
		length, dates := 0, 0
		for end := start; end < len(clauses); end++ {
			length += utf8.RuneCountInString(clauses[end]) + 1
			if length > maxExtractRunes && end > start {
				break
			}
			have = have.union(parts[end].free)
			window.types |= parts[end].types
			dates += parts[end].dates
			window.concepts = append(window.concepts, parts[end].concepts...)
			window.counted = window.counted.union(parts[end].counted)
			// Prefer what was asked for, then more coverage, then fewer clauses, then earlier ones.
			score := cq.coverage(have) - 0.001*float64(end-start) - 0.0001*float64(start)
			if answers(ex.lex, q, window, true) {
				score += typeBonus
			}
			if q.other && q.kind == whoAnswer {
				// "Who else besides Wang Yi …?": the others, all of them, not Wang Yi.
				if ex.namesAsked(q, window) {
					score -= typeBonus
				}
				score += listItemBonus * float64(ex.othersNamed(q, window))
			}
			if q.last && end == len(clauses)-1 {
				score += typeBonus // "his end goal": the last of what the sentence lists
			}
			if q.kind == whenAnswer || q.kind == dateAnswer || q.kind == yearAnswer {
				score += dateBonus * float64(min(dates, 4)) // "March 30, 2024 … (Saturday)" beats "(Saturday)"
			}
			if score > bestScore {
				bestStart, bestEnd, bestScore = start, end+1, score
			}
		}
	}
	// A cut that drops who said or did it keeps them: "Wu Yingchen, Executive Director of the Secretariat, said
	// …", not "… Executive Director of the Secretariat, said …".
	subject := -1
	if !ex.namesPerson(parts[bestStart:bestEnd]) {
		for i := range bestStart {
			if ex.namesPerson(parts[i : i+1]) {
				subject = i
				break
			}
		}
	}
	if subject >= 0 && subject == bestStart-1 {
		bestStart, subject = subject, -1
	}
	if subject < 0 && bestStart > 0 && q.kind == whoAnswer && !ex.namesPerson(parts[bestStart:bestEnd]) &&
		utf8.RuneCountInString(strings.Join(clauses[bestStart-1:bestEnd], " ")) <= maxExtractRunes {
		// "Who was nicknamed the Aziz of Egypt?" restates what the text says of someone named just before it:
		// "محمد علي باشا …، الملقب بالعزيز أو عزيز مصر، هو مؤسس …".
		bestStart--
	}
	// Widened by what it says, not by what it puts in brackets: "محمد علي باشا (بالتركية: …؛ وبالألبانية: …)" is
	// a name, and "هو مؤسس الأسرة العلوية" after it is what answers "who is he?".
	length := utf8.RuneCountInString(strings.Join(clauses[bestStart:bestEnd], " "))
	said := runesOutsideBrackets(strings.Join(clauses[bestStart:bestEnd], " "))
	// A list the kept clauses open with a colon ("تقاسم الأراضي المجاورة لهما: بولندا، وفنلندا، ورومانيا") is
	// kept whole, as far as its items go.
	listing := strings.ContainsAny(clauses[bestEnd-1], ":：")
	// What a question restates comes before what answers it: the clause after the kept ones comes along too.
	if bestEnd < len(clauses) && length+utf8.RuneCountInString(clauses[bestEnd])+1 <= maxExtractRunes {
		length += utf8.RuneCountInString(clauses[bestEnd]) + 1
		said += runesOutsideBrackets(clauses[bestEnd]) + 1
		bestEnd++
	}
	for bestEnd < len(clauses) && (said < minAnswerRunes || listing && utf8.RuneCountInString(clauses[bestEnd]) <= listItemRunes) {
		next := utf8.RuneCountInString(clauses[bestEnd]) + 1
		if length+next > maxExtractRunes {
			break
		}
		length += next
		said += runesOutsideBrackets(clauses[bestEnd]) + 1
		bestEnd++
	}
	out := strings.Join(clauses[bestStart:bestEnd], " ")
	if utf8.RuneCountInString(out) > maxExtractRunes {
		out = string([]rune(out)[:maxExtractRunes])
	}
	out = strings.TrimRight(out, ",،;؛ ")
	switch {
	case subject >= 0:
		lead := strings.TrimRight(clauses[subject], ",،;؛ ")
		if subject > 0 {
			lead = "…" + lead
		}
		out = lead + " … " + out
	case bestStart > 0:
		out = "…" + out
	}
	if bestEnd < len(clauses) {
		out += "…"
	}
	return out
}

// runesOutsideBrackets counts the runes of s outside round brackets.
func runesOutsideBrackets(s string) int {
	n, depth := 0, 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			n++
		}
	}
	return n
}

// othersNamed counts the distinct people s names that the question does not.
func (ex *extractor) othersNamed(q *query, s sentence) int {
	seen := map[int]bool{}
	for _, c := range s.concepts {
		if !q.concepts[c] && ex.lex.entries[c].Kind == "person" {
			seen[c] = true
		}
	}
	return len(seen)
}

// withoutPeople is q without the people it names among the terms to cover.
func (ex *extractor) withoutPeople(q *query) *query {
	c := *q
	c.cover = map[string]float64{}
	for t, w := range q.cover {
		if !strings.HasPrefix(t, "§") || ex.lex.entries[ex.lex.conceptIndex(t)].Kind != "person" {
			c.cover[t] = w
		}
	}
	return &c
}

// namesAsked reports whether s names a person the question names.
func (ex *extractor) namesAsked(q *query, s sentence) bool {
	for _, c := range s.concepts {
		if q.concepts[c] && ex.lex.entries[c].Kind == "person" {
			return true
		}
	}
	return false
}

// namesPerson reports whether one of the clauses names a person.
func (ex *extractor) namesPerson(clauses []sentence) bool {
	for _, c := range clauses {
		for _, e := range c.concepts {
			if ex.lex.entries[e].Kind == "person" {
				return true
			}
		}
	}
	return false
}
