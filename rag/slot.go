package rag

import (
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// In text the glossary knows nothing about, "where" has no places to recognise and "who" no people. But the
// sentence that answers "أين ولد الحجاج؟" says it right after the question's own verb ("وُلِد ونشأ في الطائف"),
// and the one that answers "من شرح البيت الأول؟" names someone right after it ("شرح الخطيب التبريزي البيت
// الأول"). placeAfter and agentAfter find those shapes.

// holdsKind reports whether s holds the kind of answer q asks for (see answers), or, for "where" and "who" in text
// the glossary knows nothing about, names a place or someone right after the question's words.
func holdsKind(lex *lexicon, q *query, s sentence, strict bool) bool {
	switch {
	case answers(lex, q, s, strict):
		return true
	case q.kind == whereAnswer && !q.bearing:
		return placeAfter(q, s.text) // an exact kind: "ولد … في الطائف" says where
	case q.kind == whoAnswer && !strict:
		return agentAfter(q, s.text) // an acceptable kind: two words after the question's may be a name
	}
	return false
}

// slotReach is how many words after a word of the question a preposition of place may come.
const slotReach = 3

// placePrepositions introduce a place: "في الطائف", "in Zurich", "at the University of …".
var placePrepositions = nlp.WordSet(`في in at`)

// placeAfter reports whether text names, right after one of q's words, a place q does not name: within slotReach
// words a preposition of place and a word that is no time or number ("في عام 1990" says when), or a word with
// the preposition ب written onto it ("ولد بالقاهرة").
func placeAfter(q *query, text string) bool {
	toks := nlp.Tokenize(text)
	for i, t := range toks {
		if t.Stop || !q.names(t.Stem) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+slotReach; j++ {
			switch w := toks[j].Word; {
			case placePrepositions[w] && j+1 < len(toks) && placeLike(q, toks[j+1]) && !circumstances[nlp.BareWord(toks[j+1].Word)]:
				return true
			case strings.HasPrefix(w, "بال") && utf8.RuneCountInString(w) >= 6 && placeLike(q, toks[j]):
				return true
			}
		}
	}
	return false
}

// agentAfter reports whether text names, right after one of q's words, someone q does not name: two such words
// in a row, as a name is ("قاد العميد عمر البشير انقلاباً", "مدير أعمالها الحالي جيجي لامارا").
func agentAfter(q *query, text string) bool {
	toks := nlp.Tokenize(text)
	for i, t := range toks {
		if t.Stop || !q.names(t.Stem) {
			continue
		}
		if i+2 < len(toks) && placeLike(q, toks[i+1]) && placeLike(q, toks[i+2]) {
			return true
		}
	}
	return false
}

// circumstances are what "في" introduces besides a place: "توفي في ظروف صعبة", "في مجال الطب", "في أثناء".
var circumstances = nlp.WordSet(`ظروف ظرف حال حاله حالات مجال مجالات اطار سبيل اثناء بدايه نهايه وقت فتره مرحله
	حياته حياتها شبابه صغره مقابل نفس عمر سن سياق شكل صوره مواجهه ضوء ظل اعقاب اعقابه وجه عهد حين حرب معركه
	case time way field course spite light face`)

// placeLike reports a word that may name a place or a person: not a word of the question, nor a stop word, a time
// or a number.
func placeLike(q *query, t nlp.Token) bool {
	return !t.Stop && !q.names(t.Stem) && !isNumber(t) && !dateWords[t.Word] && !timeWords[t.Word] && !yearWords[t.Word]
}

// names reports whether the question covers stem t.
func (q *query) names(t string) bool {
	_, ok := q.cover[t]
	return ok
}
