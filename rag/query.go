package rag

import (
	"strings"

	"ccabot/knowledge"
)

// query is a question prepared for retrieval: spelling corrected, analysed, and for a follow-up merged with the
// question it leans on.
type query struct {
	text     string // the corrected question
	lang     knowledge.Lang
	kind     answerType
	list     bool
	weights  map[string]float64 // BM25 term weights: the question's own terms 1, a previous question's ½
	cover    map[string]float64 // coverage weight of each term: turn weight × IDF
	dense    string             // text embedded for the vector search
	followUp bool
	concepts map[int]bool // glossary entries the question names
	// namesPerson: the question names a person, so their role answers "who is …?".
	namesPerson bool
}

// softWeight is what a soft word ("title", "منصبه") counts in coverage; a topic word counts 1 + its IDF, so
// between about 1.2 (a word in every passage) and 1 + ln(2N+2) (a word no passage has).
const softWeight = 0.3

// coverWeight is how much finding term t in a source counts. Rare and unknown words weigh most: they are what a
// question is about. The 1 keeps a word every passage shares ("secretariat") from counting for nothing.
func (ix *Index) coverWeight(t string) float64 {
	if softStems[t] {
		return softWeight
	}
	return 1 + ix.bm.idf(t)
}

// softStems are the stems of softWords.
var softStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range softWords {
		m[Stem(w)] = true
	}
	return m
}()

// followUpWeight is how much a previous question's terms count in a follow-up.
const followUpWeight = 0.5

// prepare analyses a question. prev, when not nil, is the previous question of the same conversation; a short or
// pronoun-led question ("and the Tajik one?", "what did he say?", "وتركمانستان؟") is read together with it.
func (ix *Index) prepare(text string, prev *query) *query {
	toks := tokenize(text)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.word
		if t.stop || softStems[t.stem] {
			continue
		}
		if c := ix.spell.correct(t.word); c != t.word {
			words[i], toks[i] = c, token{word: c, stem: Stem(c), stop: isStop(c)}
		}
	}
	corrected := strings.Join(words, " ")
	a := ix.lex.analyzeTokens(toks, false)
	q := &query{
		text:     corrected,
		lang:     knowledge.DetectLang(text),
		kind:     questionKind(words),
		list:     isListQuestion(words),
		weights:  map[string]float64{},
		cover:    map[string]float64{},
		concepts: map[int]bool{},
	}
	for _, e := range a.concepts {
		q.concepts[e] = true
		q.namesPerson = q.namesPerson || ix.lex.entries[e].Kind == "person"
	}
	for _, t := range a.terms {
		q.weights[t] = 1
	}
	for _, t := range a.free {
		q.cover[t] = ix.coverWeight(t)
	}
	var canon []string
	for _, e := range a.concepts {
		entry := ix.lex.entries[e]
		canon = append(canon, entry.EN[0], entry.AR[0])
	}
	q.dense = strings.TrimSpace(corrected + " " + strings.Join(canon, " "))
	if prev != nil && isFollowUp(words, len(a.free), ix.spell) {
		q.followUp = true
		for t, w := range prev.weights {
			if _, own := q.weights[t]; !own {
				q.weights[t] = w * followUpWeight
			}
		}
		for t, w := range prev.cover {
			if _, own := q.cover[t]; !own {
				q.cover[t] = w * followUpWeight
			}
		}
		if q.kind == anyAnswer && prev.kind != titleAnswer {
			q.kind = prev.kind
		}
		q.list = q.list || prev.list && len(a.free) == 0
		q.dense += " " + prev.dense
	}
	return q
}

// hasContent reports whether the question names anything to look up (it is not just "hi" or "?").
func (q *query) hasContent() bool { return len(q.cover) > 0 }

func questionKind(words []string) answerType {
	// Match cues also behind the conjunction و: "وقال ايه …" asks what he said.
	bare := make([]string, len(words))
	for i, w := range words {
		if r, ok := strings.CutPrefix(w, "و"); ok && len(r) > 2 {
			w = r
		}
		bare[i] = w
	}
	joined := " " + strings.Join(words, " ") + " " + strings.Join(bare, " ") + " "
	for _, c := range questionCues {
		if strings.Contains(joined, " "+c.phrase+" ") {
			return c.kind
		}
	}
	// A question opening with the Arabic "من" asks "who" ("من أطلق الأمانة؟"); elsewhere it means "from".
	if len(words) > 1 && words[0] == "من" {
		return whoAnswer
	}
	return anyAnswer
}

// listCues mark questions that ask for every item of a list ("which five countries…", "اذكر الدول…"): their answer
// keeps the whole list rather than the shortest sentence.
var listCues = wordSet(`list name names enumerate members countries ministers states nations all اذكر اذكري عدد عددي
	اسماء الدول دول وزراء الوزراء البلدان بلدان`)

func isListQuestion(words []string) bool {
	for _, w := range words {
		if listCues[w] || listCues[strings.TrimPrefix(w, "و")] {
			return true
		}
	}
	return false
}

// isFollowUp reports whether a question leans on the previous one: it opens with a follow-up cue ("and …",
// "what about …", a leading Arabic و on an unknown word), or it names at most two things, or it points back
// with a pronoun.
func isFollowUp(words []string, contentTerms int, sp *speller) bool {
	if len(words) == 0 {
		return false
	}
	joined := strings.Join(words, " ") + " "
	for _, c := range followUpCues {
		if strings.HasPrefix(joined, c+" ") {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(words[0], "و"); ok && len(words) <= 4 && sp.known[words[0]] == 0 &&
		len(rest) > 2 {
		return true
	}
	if contentTerms <= 2 {
		return true
	}
	for _, w := range words {
		if pronouns[w] {
			return contentTerms <= 3
		}
	}
	return false
}
