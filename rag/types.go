package rag

import "strings"

// typeSet records what a text's words (not its glossary names) can answer: a time, a number.
type typeSet uint8

const (
	hasTime typeSet = 1 << iota
	hasNumber
	hasSpeech // a verb of saying: "said", "أوضح"
	hasDate   // a calendar date: a month, a weekday, a year
	isTitle   // the text is its document's headline
)

// answers reports whether a text holding these glossary concepts and word types can answer q: a "who" question
// needs a person, country or organisation the question does not already name (or, when it names a person, that
// person's role); "where" a place or country not named; "when" a date or time word; "how many" a number.
//
// strict asks for the better kind of answer: a person (not a country) for "who", a city or province (not a
// country) for "where". extract tries strict first.
func (ix *Index) answers(q *query, concepts []int, wt typeSet, strict bool) bool {
	has := func(kinds ...string) bool {
		for _, c := range concepts {
			if q.concepts[c] {
				continue
			}
			for _, k := range kinds {
				if ix.lex.entries[c].Kind == k {
					return true
				}
			}
		}
		return false
	}
	switch q.kind {
	case whoAnswer:
		if strict && q.namesPerson {
			return has("role") // "who is Wang Yi?" asks for his post
		}
		if strict {
			return has("person")
		}
		return has("person", "country", "org", "region") || q.namesPerson && has("role")
	case whereAnswer:
		if strict {
			return has("place")
		}
		return has("place", "country")
	case sayAnswer:
		return wt&hasSpeech != 0
	case roleAnswer:
		return has("role", "org")
	case dateAnswer:
		return wt&hasDate != 0 || !strict && wt&hasTime != 0
	case titleAnswer:
		return wt&isTitle != 0
	case whenAnswer:
		// Not strict about explicit dates: "when was the mechanism started?" is answered by "four years ago".
		return wt&hasTime != 0 || has("date")
	case countAnswer:
		return wt&hasNumber != 0 || has("number")
	}
	return true
}

// Words that make a sentence answer "when" or "how many", in normalised form, besides glossary dates and digits.
var (
	dateWords = wordSet(`january february march april june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday
		يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران
		تموز ايلول تشرين السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه`)
	timeWords = wordSet(`today yesterday tomorrow year years ago week month
		اليوم امس غدا عام اعوام سنه سنوات العام الماضي قبل`)
	speechWords = wordSet(`said says added explained stressed noted expressed believes praised hoped hope urged
		قال وقال أضاف واضاف أوضح واوضح ذكر وذكر أعرب واعرب أثنى واثنى أكد واكد يؤمن قالوا وقالوا أعربوا يدل يظهر`)
	numberWords = wordSet(`one two three four five six seven eight nine ten first second third dozen
		واحد اثنان اثنين ثلاث ثلاثه اربع اربعه خمس خمسه ست سته سبع سبعه ثماني ثمانيه تسع تسعه عشر عشره الخمس الست
		الاربع الثلاث اول ثاني ثالث`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[Normalize(w)] = true
	}
	return m
}

// wordTypes finds times and numbers among a text's words; dates counts the words of calendar dates ("March",
// "30", "2024", "Saturday").
func wordTypes(a analysis) (ts typeSet, dates int) {
	for _, t := range a.toks {
		w := t.word
		if r, ok := strings.CutPrefix(w, "و"); ok && len(r) > 2 {
			w = r
		}
		switch {
		case isDigits(w):
			ts |= hasNumber
			if len(w) == 4 || len(w) <= 2 {
				ts |= hasTime | hasDate // a year or a day of the month
				dates++
			}
		case dateWords[w]:
			ts |= hasTime | hasDate
			dates++
		case numberWords[w] || numberWords[t.stem]:
			ts |= hasNumber
		case timeWords[w] || timeWords[t.stem]:
			ts |= hasTime
		}
		if speechWords[t.word] {
			ts |= hasSpeech
		}
	}
	return ts, dates
}
