package rag

import "strings"

// Answer kinds: what a question asks for (a person, a date, a place, a number, a quote), read from its question
// words, and whether a sentence holds it. They steer sentence choice and ranking, and a question whose kind no
// candidate sentence holds ("when was the first summit?") is refused rather than guessed.

// answerType is the kind of answer a question asks for.
type answerType int

const (
	anyAnswer answerType = iota
	whoAnswer
	whenAnswer
	whereAnswer
	countAnswer
	sayAnswer   // what someone said
	roleAnswer  // a named person's title or post
	dateAnswer  // a calendar date or weekday, not just "four years ago"
	titleAnswer // a document's headline
	ageAnswer   // how long ago something began, or a person's age
	quoteAnswer // the word or phrase someone used, in quotation marks
	weekdayAnswer
)

// questionCues maps normalised question words to the answer type they ask for, first match wins: multi-word
// cues before single words, question words before content cues.
var questionCues = []struct {
	phrase string
	kind   answerType
}{
	{"how old", ageAnswer}, {"how long ago", ageAnswer}, {"how many years ago", ageAnswer},
	{"years ago", ageAnswer}, {"age of", ageAnswer}, {"كم عمر", ageAnswer}, {"قديش عمر", ageAnswer},
	{"عمر", ageAnswer}, {"عمره", ageAnswer}, {"عمرها", ageAnswer}, {"من كم سنه", ageAnswer},
	{"قبل كم سنه", ageAnswer}, {"كم سنه", ageAnswer}, {"how many years", ageAnswer},
	{"what word", quoteAnswer}, {"which word", quoteAnswer}, {"in quotes", quoteAnswer},
	{"quotation", quoteAnswer}, {"quote", quoteAnswer}, {"quoted", quoteAnswer}, {"what term", quoteAnswer},
	{"تنصيص", quoteAnswer}, {"اقتباس", quoteAnswer}, {"بكلمه", quoteAnswer}, {"كلمه", quoteAnswer},
	{"اي كلمه", quoteAnswer}, {"الكلمه", quoteAnswer}, {"بين قوسين", quoteAnswer},
	{"how many", countAnswer}, {"how much", countAnswer}, {"number of", countAnswer},
	{"how long", whenAnswer}, {"since when", whenAnswer}, {"until when", whenAnswer},
	{"day of the week", weekdayAnswer}, {"what weekday", weekdayAnswer}, {"which weekday", weekdayAnswer},
	{"يوم في الاسبوع", weekdayAnswer}, {"اي يوم من الاسبوع", weekdayAnswer}, {"اي يوم بالاسبوع", weekdayAnswer},
	{"whered", whereAnswer}, {"whend", whenAnswer}, {"whod", whoAnswer}, {"whos", whoAnswer},
	{"what date", dateAnswer}, {"which date", dateAnswer}, {"what day", dateAnswer}, {"which day", dateAnswer},
	{"headline", titleAnswer}, {"headlines", titleAnswer}, {"title of the article", titleAnswer},
	{"title of the news", titleAnswer}, {"title of the story", titleAnswer}, {"عنوان", titleAnswer},
	{"العنوان", titleAnswer}, {"مانشيت", titleAnswer},
	{"which city", whereAnswer}, {"what city", whereAnswer}, {"which province", whereAnswer},
	{"what province", whereAnswer}, {"what place", whereAnswer},
	{"located", whereAnswer}, {"location", whereAnswer}, {"based", whereAnswer}, {"headquarters", whereAnswer},
	{"headquartered", whereAnswer}, {"hq", whereAnswer}, {"seat", whereAnswer},
	{"who", whoAnswer}, {"whom", whoAnswer}, {"whose", whoAnswer},
	{"when", whenAnswer}, {"where", whereAnswer}, {"wheres", whereAnswer},
	{"في اي مدينه", whereAnswer}, {"اي مدينه", whereAnswer}, {"في اي يوم", dateAnswer}, {"اي يوم", dateAnswer}, {"يوم ايش", dateAnswer},
	{"يوم ايه", dateAnswer}, {"انهي يوم", dateAnswer},
	{"في اي تاريخ", dateAnswer}, {"اي تاريخ", dateAnswer}, {"اي سنه", whenAnswer}, {"اي عام", whenAnswer},
	{"من هو", whoAnswer}, {"من هي", whoAnswer}, {"من هم", whoAnswer}, {"مين", whoAnswer}, {"منو", whoAnswer},
	{"متي", whenAnswer}, {"امتي", whenAnswer}, {"امتا", whenAnswer}, {"ايمتي", whenAnswer}, {"وقتاش", whenAnswer},
	{"مقر", whereAnswer}, {"مقرها", whereAnswer}, {"موقع", whereAnswer}, {"يقع", whereAnswer}, {"تقع", whereAnswer},
	{"موجود", whereAnswer}, {"موجوده", whereAnswer}, {"قداش", countAnswer}, {"قدّاش", countAnswer},
	{"اين", whereAnswer}, {"وين", whereAnswer}, {"فين", whereAnswer}, {"منين", whereAnswer},
	{"كم", countAnswer}, {"كام", countAnswer}, {"قديش", countAnswer}, {"عدد", countAnswer},
	// Content cues come last: "who explained what the main job is?" asks "who".
	{"what year", whenAnswer}, {"which year", whenAnswer}, {"what time", whenAnswer}, {"date", dateAnswer},
	{"title", roleAnswer}, {"position", roleAnswer}, {"post", roleAnswer}, {"job", roleAnswer},
	{"role", roleAnswer}, {"office", roleAnswer}, {"capacity", roleAnswer},
	{"منصب", roleAnswer}, {"منصبه", roleAnswer}, {"منصبها", roleAnswer}, {"وظيفته", roleAnswer},
	{"وظيفتها", roleAnswer}, {"صفته", roleAnswer}, {"صفتها", roleAnswer}, {"دوره", roleAnswer},
	{"تاريخ", dateAnswer}, {"تاريخه", dateAnswer},
	{"say", sayAnswer}, {"said", sayAnswer}, {"says", sayAnswer}, {"saying", sayAnswer}, {"remarks", sayAnswer},
	{"statement", sayAnswer}, {"think", sayAnswer}, {"thinks", sayAnswer}, {"think of", sayAnswer},
	{"قال", sayAnswer}, {"قالت", sayAnswer}, {"قالوا", sayAnswer}, {"يقول", sayAnswer}, {"تقول", sayAnswer},
	{"صرح", sayAnswer}, {"تصريح", sayAnswer}, {"تصريحات", sayAnswer}, {"كلام", sayAnswer},
}

// typeSet records what a text's words (not its glossary names) can answer: a time, a number.
type typeSet uint16

const (
	hasTime typeSet = 1 << iota
	hasNumber
	hasSpeech   // a verb of saying: "said", "أوضح"
	hasDate     // a calendar date: a month, a weekday, a year
	isTitle     // the text is its document's headline
	hasDuration // a number of years: "four years ago", "قبل 4 أعوام"
	hasAge      // a person's age: "aged 70", "70 years old", "عمره"
	hasQuote    // a word or phrase in quotation marks
	hasWeekday  // a day of the week
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
	case ageAnswer:
		// A person's age needs an age; a body's, how long ago it began.
		if q.namesPerson && !q.namesBody {
			return wt&hasAge != 0
		}
		return wt&(hasDuration|hasAge) != 0 || !strict && has("date")
	case quoteAnswer:
		return wt&hasQuote != 0
	case weekdayAnswer:
		return wt&hasWeekday != 0
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
	weekdays    = wordSet(`monday tuesday wednesday thursday friday saturday sunday السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه`)
	yearWords   = wordSet(`year years yrs اعوام عام عاما سنه سنوات سنين`)
	ageWords    = wordSet(`aged age old عمره عمرها العمر`)
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
	number := func(i int) bool {
		return i >= 0 && i < len(a.toks) && (isDigits(a.toks[i].word) || numberWords[a.toks[i].word] ||
			numberWords[a.toks[i].stem])
	}
	for i, t := range a.toks {
		if yearWords[t.word] && (number(i-1) || number(i+1)) {
			ts |= hasDuration // "4 years", "أربعة أعوام"
		}
		if ageWords[t.word] && (number(i-1) || number(i+1) || number(i-2)) {
			ts |= hasAge // "aged 70", "70 years old"
		}
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
			if weekdays[w] {
				ts |= hasWeekday
			}
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
	for _, w := range bare {
		if k := dialectForms[w]; k != anyAnswer {
			return k
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
