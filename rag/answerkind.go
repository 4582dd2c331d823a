package rag

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"ccabot/knowledge/nlp"
)

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
	sourceAnswer  // who reported the document: its publisher
	gistAnswer    // what the document is about
	hourAnswer    // the time of day: "what time did it start?"
	yearAnswer    // the year: "what year did it start?", answered by a year or by "four years ago" (see withYear)
	spanAnswer    // how long something lasted: "كم استمرت الخلافة؟", answered by "262 سنة"
	measureAnswer // a quantity in units: "ما مساحة مصر؟" (see measure.go)
)

// kindAsked is the answer kind a dialect question word asks for.
var kindAsked = [...]answerType{nlp.AsksAnything: anyAnswer, nlp.AsksWho: whoAnswer, nlp.AsksWhen: whenAnswer,
	nlp.AsksWhere: whereAnswer, nlp.AsksCount: countAnswer, nlp.AsksSay: sayAnswer, nlp.AsksAge: ageAnswer}

// questionCues maps normalised question words to the answer type they ask for, first match wins: multi-word
// cues before single words, question words before content cues. A phrase mapped to anyAnswer keeps a shorter
// cue inside it from firing ("ما معنى كلمة أوربا؟" asks a meaning, not a quoted word).
var questionCues = []struct {
	phrase string
	kind   answerType
}{
	{"كم صار", ageAnswer}, {"قديش صار", ageAnswer}, {"من يوم", ageAnswer}, {"صار لها", ageAnswer},
	{"صار له", ageAnswer}, {"صارلها", ageAnswer},
	{"how old", ageAnswer}, {"how long ago", ageAnswer}, {"how long has", ageAnswer}, {"how long have", ageAnswer}, {"how many years ago", ageAnswer},
	{"years ago", ageAnswer}, {"age of", ageAnswer}, {"كم عمر", ageAnswer}, {"قديش عمر", ageAnswer},
	// Not "عمر" alone: it is also a name ("عمر المختار").
	{"ما عمر", ageAnswer}, {"ما هو عمر", ageAnswer}, {"شو عمر", ageAnswer}, {"ايش عمر", ageAnswer},
	{"وش عمر", ageAnswer}, {"شنو عمر", ageAnswer}, {"اديش عمر", ageAnswer}, {"كام عمر", ageAnswer},
	{"عمر كام", ageAnswer}, {"عمره", ageAnswer}, {"عمرها", ageAnswer}, {"من كم سنه", ageAnswer},
	{"كم كان عمر", ageAnswer}, {"قديش كان عمر", ageAnswer}, {"كم كان سن", ageAnswer}, {"قبل كم سنه", ageAnswer}, {"كم سنه", ageAnswer}, {"how many years", ageAnswer},
	// How long something lasted: a verb of lasting behind كم, or a word for a period.
	{"كم استمر", spanAnswer}, {"كم استمرت", spanAnswer}, {"كم دام", spanAnswer}, {"كم دامت", spanAnswer},
	{"كم امتد", spanAnswer}, {"كم امتدت", spanAnswer}, {"كم استغرق", spanAnswer}, {"كم استغرقت", spanAnswer},
	{"كم عاش", ageAnswer}, {"كم عاشت", ageAnswer}, {"كم بقي", spanAnswer}, {"كم بقيت", spanAnswer},
	{"كم قضي", spanAnswer}, {"كم قضت", spanAnswer}, {"كم امضي", spanAnswer}, {"كم امضت", spanAnswer},
	{"كم مكث", spanAnswer}, {"كم لبث", spanAnswer}, {"كم مده", spanAnswer}, {"ما مده", spanAnswer}, {"ما هي مده", spanAnswer}, {"كم طول مده", spanAnswer},
	{"how long did", spanAnswer}, {"how long was", spanAnswer}, {"how long were", spanAnswer},
	{"how long does", spanAnswer}, {"for how long", spanAnswer},
	{"معنى كلمه", anyAnswer}, {"معني كلمه", anyAnswer}, {"اصل كلمه", anyAnswer}, {"تعني كلمه", anyAnswer},
	{"meaning of the word", anyAnswer}, {"origin of the word", anyAnswer}, {"what does the word", anyAnswer},
	{"what did he call", quoteAnswer}, {"what did she call", quoteAnswer}, {"what did they call", quoteAnswer},
	{"likened", quoteAnswer}, {"likens", quoteAnswer}, // the word someone used for a thing
	{"what word", quoteAnswer}, {"which word", quoteAnswer}, {"in quotes", quoteAnswer},
	{"quotation", quoteAnswer}, {"quote", quoteAnswer}, {"quoted", quoteAnswer}, {"what term", quoteAnswer},
	{"تنصيص", quoteAnswer}, {"اقتباس", quoteAnswer}, {"بكلمه", quoteAnswer}, {"كلمه", quoteAnswer},
	{"اي كلمه", quoteAnswer}, {"الكلمه", quoteAnswer}, {"بين قوسين", quoteAnswer},
	{"how many", countAnswer}, {"how much", countAnswer}, {"number of", countAnswer},
	{"what year", yearAnswer}, {"which year", yearAnswer}, {"سنه كم", yearAnswer},
	{"سنه كام", yearAnswer}, {"سنه قديش", yearAnswer}, {"عام كم", yearAnswer}, {"اي سنه", yearAnswer},
	{"انهي سنه", yearAnswer}, {"اي عام", yearAnswer}, {"باي سنه", yearAnswer},
	{"من امتي", ageAnswer}, {"من ايمتي", ageAnswer}, {"من متي", ageAnswer}, {"من متين", ageAnswer},
	{"من وقتيش", ageAnswer}, {"من وقتاش", ageAnswer}, {"since when", ageAnswer}, // how long it has been
	{"how long", whenAnswer}, {"until when", whenAnswer},
	{"what time", hourAnswer}, {"which time", hourAnswer}, {"what hour", hourAnswer}, {"الساعه كم", hourAnswer},
	{"الساعه كام", hourAnswer}, {"الساعه قديش", hourAnswer}, {"الساعه اديش", hourAnswer}, {"كم الساعه", hourAnswer},
	{"اي ساعه", hourAnswer}, {"انهي ساعه", hourAnswer},
	{"day of the week", weekdayAnswer}, {"day of week", weekdayAnswer}, {"weekday", weekdayAnswer},
	{"يوم الاسبوع", weekdayAnswer},
	{"يوم في الاسبوع", weekdayAnswer}, {"اي يوم من الاسبوع", weekdayAnswer}, {"اي يوم بالاسبوع", weekdayAnswer},
	{"whered", whereAnswer}, {"whend", whenAnswer}, {"whod", whoAnswer}, {"whos", whoAnswer},
	{"what date", dateAnswer}, {"which date", dateAnswer}, {"what day", dateAnswer}, {"which day", dateAnswer},
	{"news agency", sourceAnswer}, {"which agency", sourceAnswer}, {"what agency", sourceAnswer},
	{"who reported", sourceAnswer}, {"who published", sourceAnswer}, {"who wrote this", sourceAnswer},
	{"source of the news", sourceAnswer}, {"source of this", sourceAnswer}, {"where is this from", sourceAnswer},
	{"نشرت الخبر", sourceAnswer}, {"نشر الخبر", sourceAnswer}, {"الوكاله اللي", sourceAnswer},
	{"باختصار", gistAnswer}, {"شو صار", gistAnswer}, {"ايش صار", gistAnswer}, {"شنو صار", gistAnswer},
	{"what happened", gistAnswer}, {"in short", gistAnswer}, {"in a nutshell", gistAnswer},
	{"اي وكاله", sourceAnswer}, {"انهي وكاله", sourceAnswer}, {"مصدر الخبر", sourceAnswer},
	{"مين نشر", sourceAnswer}, {"من نشر", sourceAnswer}, {"مين كتب الخبر", sourceAnswer},
	{"news about", gistAnswer}, {"article about", gistAnswer}, {"story about", gistAnswer},
	{"this about", gistAnswer}, {"it about", gistAnswer}, {"summary", gistAnswer}, {"summarize", gistAnswer},
	{"summarise", gistAnswer}, {"tldr", gistAnswer}, {"tl dr", gistAnswer}, {"the gist", gistAnswer},
	{"الخبر عن", gistAnswer}, {"هالخبر عن", gistAnswer}, {"عن شو الخبر", gistAnswer},
	{"عن ايش الخبر", gistAnswer}, {"عن ايه الخبر", gistAnswer}, {"عن ماذا الخبر", gistAnswer},
	{"ملخص", gistAnswer}, {"لخص", gistAnswer}, {"لخصلي", gistAnswer}, {"لخص لي", gistAnswer},
	{"headline", titleAnswer}, {"headlines", titleAnswer}, {"title of the article", titleAnswer},
	{"title of the news", titleAnswer}, {"title of the story", titleAnswer}, {"عنوان", titleAnswer},
	{"العنوان", titleAnswer}, {"مانشيت", titleAnswer},
	{"which city", whereAnswer}, {"what city", whereAnswer}, {"which province", whereAnswer},
	{"what province", whereAnswer}, {"what place", whereAnswer},
	{"located", whereAnswer}, {"location", whereAnswer}, {"based", whereAnswer}, {"headquarters", whereAnswer},
	{"headquartered", whereAnswer}, {"hq", whereAnswer}, {"seat", whereAnswer},
	{"who", whoAnswer}, {"whom", whoAnswer}, {"whose", whoAnswer},
	{"when", whenAnswer}, {"where", whereAnswer}, {"wheres", whereAnswer},
	{"في الاسبوع", weekdayAnswer}, {"من الاسبوع", weekdayAnswer}, {"ايام الاسبوع", weekdayAnswer},
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
	{"comment", sayAnswer}, {"commented", sayAnswer}, {"talked about", sayAnswer}, {"spoke about", sayAnswer},
	{"علق", sayAnswer}, {"تكلم", sayAnswer}, {"اتكلم", sayAnswer}, {"تحدث", sayAnswer},
	{"say", sayAnswer}, {"said", sayAnswer}, {"says", sayAnswer}, {"saying", sayAnswer}, {"remarks", sayAnswer},
	{"statement", sayAnswer}, {"think", sayAnswer}, {"thinks", sayAnswer}, {"think of", sayAnswer},
	{"قال", sayAnswer}, {"قالت", sayAnswer}, {"قالوا", sayAnswer}, {"يقول", sayAnswer}, {"تقول", sayAnswer},
	{"صرح", sayAnswer}, {"تصريح", sayAnswer}, {"تصريحات", sayAnswer}, {"كلام", sayAnswer},
}

// typeSet records what a text's words (not its glossary names) can answer: a time, a number.
type typeSet uint32

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
	// hasPlaceCue, hasPersonCue: words that locate ("north", "city", "تقع") or name someone ("king", "بن",
	// "الدكتور"), for text the glossary knows nothing about (operator documents).
	hasPlaceCue
	hasPersonCue
	hasAlso     // "also", "أيضا": a further role or fact about someone ("Wang, who is also a member of …")
	hasClock    // a time of day: "10 a.m.", "الساعة العاشرة", "in the morning"
	hasBearing  // a compass direction: "northwest", "شمال غربي"
	hasBelief   // a belief, hope or expectation: "he believes", "expressed the hope", "يؤمن", "أمله"
	hasPeriod   // a number of time units: "262 سنة", "three months", "ستة أيام"
	hasMeasure  // a number with a unit: "1115 كم", "16 مليون جنيه", "13%"
	hasLocative // a verb that locates: "تقع", "is located", "lies"
	isOpening   // the encyclopaedic opening that defines its document's subject (see inheritTopic)
	hasSince    // "منذ 1956", "since 2012": since when, so how long it has been
	hasAmount   // a number that is no year or day of a date: "حوالي 25", "ثلاثة"
)

// answers reports whether sentence s (its glossary concepts, as lex knows them, its word types and counted words) can answer q: a "who" question
// needs a person, country or organisation the question does not already name (or, when it names a person, that
// person's role); "where" a place or country not named; "when" a date or time word; "how many" a number.
//
// strict asks for the better kind of answer: a person (not a country) for "who", a city or province (not a
// country) for "where". extract tries strict first.
func answers(lex *lexicon, q *query, s sentence, strict bool) bool {
	wt := s.types
	has := func(kinds ...string) bool {
		for _, c := range s.concepts {
			if q.concepts[c] {
				continue
			}
			for _, k := range kinds {
				if lex.entries[c].Kind == k {
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
		if q.whoIs {
			return true // "من هو جمال خاشقجي؟" about someone no glossary knows: what the sources say of them
		}
		if strict {
			return has("person")
		}
		return has("person", "country", "org", "region") || q.namesPerson && has("role") ||
			wt&hasPersonCue != 0 || len(s.concepts) == 0
	case whereAnswer:
		if strict && q.bearing && wt&hasBearing == 0 {
			return false // "which part of China?" wants "northwest China", not the city
		}
		if strict {
			// "أين تقع مصر؟" in text the glossary knows nothing about: the sentence that says where it lies.
			return has("place") || q.locates && wt&hasLocative != 0
		}
		return has("place", "country") || wt&hasPlaceCue != 0 || len(s.concepts) == 0
	case sayAnswer:
		return wt&hasSpeech != 0
	case roleAnswer:
		if strict && q.other {
			return has("role", "org") && wt&hasAlso != 0 // "his other post": "who is also a member of …"
		}
		return has("role", "org")
	case dateAnswer:
		return wt&hasDate != 0 || !strict && wt&hasTime != 0
	case titleAnswer:
		return wt&isTitle != 0
	case yearAnswer:
		return wt&(hasDate|hasDuration) != 0
	case whenAnswer:
		// Not strict about explicit dates: "when was the mechanism started?" is answered by "four years ago".
		return wt&hasTime != 0 || has("date")
	case countAnswer:
		if strict {
			// "how many countries" wants "five countries", not "four years"; "how many ministers sent
			// messages?" is answered by the sentence naming them (see listed).
			return q.countedShare(s) > 0 || listed(lex, q, s) >= 2 ||
				q.amount && wt&hasMeasure != 0 && slices.ContainsFunc(q.counting, func(t string) bool { return s.free.has(q.ids[t]) })
		}
		return wt&hasNumber != 0 || has("number")
	case ageAnswer:
		// A person's age needs an age; a body's, how long ago it began.
		if q.namesPerson && !q.namesBody {
			return wt&hasAge != 0
		}
		return wt&(hasDuration|hasAge|hasSince) != 0 || !strict && has("date")
	case measureAnswer:
		// A number without its unit may be the amount; a year is not ("ما قيمة الاتفاقية؟" and "تأسست عام 1933").
		return wt&hasMeasure != 0 || !strict && wt&hasAmount != 0
	case spanAnswer:
		return wt&hasPeriod != 0 || !strict && wt&hasTime != 0
	case quoteAnswer:
		return wt&hasQuote != 0
	case weekdayAnswer:
		return wt&hasWeekday != 0
	case hourAnswer:
		return wt&hasClock != 0
	}
	return true
}

// Words that make a sentence answer "when" or "how many", in normalised form, besides glossary dates and digits.
var (
	dateWords = nlp.WordSet(`january february march april june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday
		يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران
		تموز ايلول تشرين السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه`)
	timeWords = nlp.WordSet(`today yesterday tomorrow year years ago week month century centuries decade decades era
		reign childhood youth
		اليوم امس غدا عام اعوام سنه سنوات العام الماضي قبل قرن القرن القرون حقبه الحقبه عصر العصر طفولته
		طفولتها صغره صغرها شبابه شبابها`)
	speechWords = nlp.WordSet(`said says added explained stressed noted expressed believes praised hoped hope urged
		wrote writes described describes called declared announced stated argued claimed told
		قال وقال أضاف واضاف أوضح واوضح ذكر وذكر أعرب واعرب أثنى واثنى أكد واكد يؤمن قالوا وقالوا أعربوا يدل يظهر
		قالت وقالت يقول ويقول تقول كتب وكتب كتبت وصف ووصف وصفه ووصفه وصفها اعتبر واعتبر اعتبره واعتبره صرح وصرح
		أعلن واعلن أشار واشار يرى ويرى رأى`)
	weekdays = nlp.WordSet(`monday tuesday wednesday thursday friday saturday sunday السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه`)
	// bareWeekdays name a weekday without the article only after a word for day ("يوم جمعة"): alone, "احد" is
	// one and "اثنين" two.
	bareWeekdays = nlp.WordSet(`سبت احد اثنين ثلاثاء اربعاء خميس جمعه`)
	dayWords     = nlp.WordSet(`يوم نهار`) // not "اليوم": "اليوم اثنين؟" asks whether today is Monday
	bearings     = nlp.WordSet(`north south east west northern southern eastern western northeast northwest southeast
		southwest northeastern northwestern southeastern southwestern شمال جنوب شرق غرب شمالي جنوبي شرقي غربي
		الشمال الجنوب الشرق الغرب الشمالي الجنوبي الشرقي الغربي شمالا جنوبا شرقا غربا`)  // not "central": Central Asia
	// beliefWords state what someone believes, hopes or expects (in a source), or ask it (in a question: "what
	// does Wang expect?", "وانغ متفائل بشو؟").
	beliefWords = nlp.WordSet(`believe believes believed belief hope hopes hoped hoping expect expects expected
		expectation expectations confident confidence optimistic optimism predict prediction predicts think thinks
		view views opinion يؤمن يعتقد اعتقاده امل امله املهم امال امالا يامل ياملون يتوقع متوقع توقعات متفائل
		تفاؤل واثق رايه رايو يرى شايف بيشوف بيتوقع`)
	// futureWords ask what will become of something, which is what someone expects ("the mechanism's future");
	// wishWords, what someone wants it to be, which is what they hope ("what should it be", "بدو تكون شو").
	futureWords = nlp.WordSet(`future مستقبل المستقبل بمستقبل مستقبلها مستقبله`)
	// (Not "I want to know", "عايز اعرف": see wishOf.)
	wishWords = nlp.WordSet(`should want wants wanted عايز عاوز بدو بده بدهم يريد يريدون بغا بغاو يتمنى`)
	// lastWords ask for the last or final item ("his end goal", "الهدف الأخير", "بالآخر"): the end of a sentence
	// that lists several.
	// (Not "end": "when did it end?"; "اخر" only before a noun: see readAsks.)
	lastWords  = nlp.WordSet(`last final finally ultimately ultimate eventually الاخر بالاخر الاخير الاخيره اخيرا النهائي نهائي النهايه بالنهايه`)
	clockWords = nlp.WordSet(`am pm oclock الساعه`) // beside a number, a time of day ("48 hours" is a duration)
	dayParts   = nlp.WordSet(`morning afternoon evening noon midnight صباحا صباح مساء مساءا ظهرا الظهر ليلا منتصف`)
	yearWords  = nlp.WordSet(`year years yrs اعوام عام عاما سنه سنوات سنين`)
	// periodWords are the time units besides years that measure how long something lasted.
	periodWords = nlp.WordSet(`day days week weeks month months decade decades century centuries hours
		يوم ايام يوما اسبوع اسابيع شهر شهرا اشهر شهور عقد عقود قرن قرنا قرون ساعه ساعات`)
	ageWords   = nlp.WordSet(`aged age old عمره عمرها العمر`)
	alsoWords  = nlp.WordSet(`also too additionally ايضا أيضا كذلك كمان`)
	otherWords = nlp.WordSet(`other another else besides aside additional second تاني التاني ثاني الثاني اخر آخر الاخر الآخر
		غير تانيه ثانيه اخرى الاخرى`)
	placeCues = nlp.WordSet(`north south east west northern southern eastern western northeast northwest southeast
		southwest city capital region province state continent island peninsula sea ocean river border borders
		located lies coast country village town district
		شمال جنوب شرق غرب شمالا جنوبا شرقا غربا الشمال الجنوب الشرق الغرب شمالي جنوبي شرقي غربي مدينه عاصمه
		منطقه محافظه ولايه اقليم قاره جزيره شبه بحر محيط نهر حدود يحد تحد يقع تقع ساحل بلد دوله قريه`)
	// locatives are the verbs that say where something lies; a question using one ("أين تقع مصر؟", "where is it
	// located?") is answered by a sentence using one ("هي دولة عربية تقع في الركن الشمالي الشرقي من أفريقيا").
	locatives  = nlp.WordSet(`located lies lie situated يقع تقع وتقع ويقع`)
	personCues = nlp.WordSet(`king queen president prince sultan emperor minister doctor dr sir mr mrs founder leader
		ملك الملك رئيس الرئيس امير الامير سلطان السلطان الشيخ شيخ الدكتور دكتور الامام الخليفه بن ابن ابو ام
		مؤسس القائد قائد الكاتب الشاعر العالم المؤرخ المستكشف الرحاله الفقيه الخطيب الفيلسوف المطرب المغني
		الممثل الممثله الفنان الفنانه اللاعب المدرب العميد اللواء الفريق المشير العقيد الجنرال general colonel
		marshal explorer historian singer actor actress player coach`)
	numberWords = nlp.WordSet(`one two three four five six seven eight nine ten first second third dozen
		eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
		million millions billion billions dozens
		واحد اثنان اثنين ثلاث ثلاثه اربع اربعه خمس خمسه ست سته سبع سبعه ثمان ثماني ثمانيه تسع تسعه عشر عشره
		الخمس الست الاربع الثلاث اول ثاني ثالث اثنا اثني اثنتا اثنتي عشرون عشرين ثلاثون ثلاثين اربعون اربعين
		خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين مئة مائة مئات مئتان مئتين مائتين الف آلاف
		الاف مليون ملايين مليار مليارات عشرات`)
)

// numberValues are the values of the number words that count things ("the six countries", "الدول الست").
var numberValues = func() map[string]int {
	m := map[string]int{}
	for v, words := range map[int]string{1: "one واحد واحده", 2: "two اثنان اثنين اثنتين", 3: "three ثلاث ثلاثه الثلاث",
		4: "four اربع اربعه الاربع", 5: "five خمس خمسه الخمس", 6: "six ست سته الست", 7: "seven سبع سبعه السبع",
		8: "eight ثمان ثماني ثمانيه الثماني", 9: "nine تسع تسعه التسع", 10: "ten عشر عشره العشر", 12: "dozen twelve",
		11: "eleven", 20: "twenty عشرون عشرين", 30: "thirty ثلاثون ثلاثين", 40: "forty اربعون اربعين",
		50: "fifty خمسون خمسين", 60: "sixty ستون ستين", 70: "seventy سبعون سبعين", 80: "eighty ثمانون ثمانين",
		90: "ninety تسعون تسعين", 100: "hundred مئة مائة"} {
		for w := range nlp.WordSet(words) {
			m[w] = v
		}
	}
	return m
}()

// countValue is the number a word counts with: its value, or 0 for no number (or a year, which counts nothing).
func countValue(w string) int {
	if v, ok := numberValues[w]; ok {
		return v
	}
	if nlp.IsDigits(w) && len(w) < 4 {
		v, _ := strconv.Atoi(w)
		return v
	}
	return 0
}

// isNumber reports a number: digits, or a number word, also behind a clitic ("وخمس" stems as "5").
func isNumber(t nlp.Token) bool {
	return nlp.IsDigits(t.Word) || numberWords[t.Word] || numberWords[t.Stem] || nlp.IsDigits(t.Stem)
}

// wordTypes finds times and numbers among a text's words; dates counts the words of calendar dates ("March",
// "30", "2024", "Saturday").
func wordTypes(a analysis) (ts typeSet, dates int) {
	number := func(i int) bool { return i >= 0 && i < len(a.toks) && isNumber(a.toks[i]) }
	count := func(i int) bool { // a number that is no year
		return number(i) && !(nlp.IsDigits(a.toks[i].Word) && len(a.toks[i].Word) == 4)
	}
	for i, t := range a.toks {
		if yearWords[t.Word] && count(i-1) {
			ts |= hasDuration // "4 years", "أربعة أعوام": the number first; "عام 1999" is a year
		}
		if (periodWords[t.Word] || yearWords[t.Word]) && count(i-1) {
			ts |= hasPeriod // "262 سنة", "ثلاثة أشهر": the number first; not "عام 1790", "يوم 30 مارس"
		}
		if yearLike(t.Word) && (i+1 < len(a.toks) && yearLike(a.toks[i+1].Word) ||
			i+2 < len(a.toks) && rangeJoiners[a.toks[i+1].Word] && yearLike(a.toks[i+2].Word)) {
			ts |= hasPeriod // "(662 - 750 م)", "1805 إلى 1848": from one year to another, not a score ("3 - 1")
		}
		if ageWords[t.Word] && (number(i-1) || number(i+1) || number(i-2)) {
			ts |= hasAge // "aged 70", "70 years old"
		}
		w, _ := nlp.CutAnd(t.Word, 2)
		w, era := withoutEra(w)
		era = era || i+1 < len(a.toks) && eraSigns[a.toks[i+1].Word]
		switch {
		case nlp.IsDigits(w):
			ts |= hasNumber
			if len(w) != 4 && !era && !(i+1 < len(a.toks) && dateWords[a.toks[i+1].Word]) && !(i > 0 && dateWords[a.toks[i-1].Word]) {
				ts |= hasAmount // not a year nor the day of "30 مارس"
			}
			if len(w) == 4 || len(w) <= 2 || era { // a year with its era sign may have three digits: "915م"
				ts |= hasTime | hasDate // a year or a day of the month
				dates++
			}
		case dateWords[w]:
			ts |= hasTime | hasDate
			dates++
			if weekdays[w] {
				ts |= hasWeekday
			}
		case decade(w): // "التسعينيات" stems as a number
			ts |= hasTime
		case numberWords[w] || numberWords[t.Stem] || nlp.IsDigits(t.Stem): // "وخمس" stems as "5"
			ts |= hasNumber | hasAmount
		case timeWords[w] || timeWords[t.Stem], atAge(a.toks, i), inReign(a.toks, i):
			ts |= hasTime
		}
		if speechWords[t.Word] {
			ts |= hasSpeech
		}
		if dayParts[t.Word] || clockWords[t.Word] && (number(i-1) || number(i+1)) {
			ts |= hasClock
		}
		if bearings[t.Word] {
			ts |= hasBearing
		}
		if beliefWords[t.Word] || beliefWords[t.Stem] {
			ts |= hasBelief
		}
		if alsoWords[t.Word] {
			ts |= hasAlso
		}
		if placeCues[t.Word] || placeCues[nlp.BareWord(t.Word)] {
			ts |= hasPlaceCue
		}
		if personCues[t.Word] || personCues[nlp.BareWord(t.Word)] {
			ts |= hasPersonCue
		}
		if locatives[t.Word] || locatives[nlp.BareWord(t.Word)] {
			ts |= hasLocative
		}
		if (t.Word == "منذ" || t.Word == "since") && (number(i+1) || i+1 < len(a.toks) && dateWords[a.toks[i+1].Word]) {
			ts |= hasSince
		}
	}
	if measured(a.toks, number) {
		ts |= hasMeasure
	}
	return ts, dates
}

// questionKind is the kind of answer a question asks for: its first cue, else a dialect question word, else a
// weekday or month it names ("was it Friday?" asks for the day).
// countsYears reports a count question word right before a word for years ("قديش سنة", "من چم سنه"): how
// many years, a duration.
func countsYears(bare []string) bool {
	for i := 0; i+1 < len(bare); i++ {
		if kindAsked[nlp.DialectAsks(bare[i])] == countAnswer && yearWords[bare[i+1]] {
			return true
		}
	}
	return false
}

func questionKind(words []string) answerType {
	bare := bareQuestionWords(words)
	if kind, phrase := firstCue(words); phrase != "" {
		if kind == countAnswer && countsYears(bare) {
			return ageAnswer
		}
		return kind
	}
	for _, w := range bare {
		if k := kindAsked[nlp.DialectAsks(w)]; k != anyAnswer {
			if k == countAnswer && countsYears(bare) {
				return ageAnswer
			}
			return k
		}
	}
	for _, w := range bare {
		if personWords[w] {
			return whoAnswer // "whats the turkmen guy called", "شو اسمه"
		}
	}
	// A day or month named asks for the day ("was it Friday?"), unless a question word asks something else: "كيف
	// انتهت حرب أكتوبر؟" asks how the October War ended.
	if !slices.ContainsFunc(bare, func(w string) bool { return otherAsks[w] }) {
		for i, w := range bare {
			switch {
			case weekdays[w], i > 0 && dayWords[bare[i-1]] && bareWeekdays[w]: // "كان يوم جمعة؟"
				return weekdayAnswer
			case dateWords[w]:
				return dateAnswer
			}
		}
	}
	// A question opening with the Arabic "من" asks "who" ("من أطلق الأمانة؟"); elsewhere it means "from".
	if len(words) > 1 && words[0] == "من" {
		return whoAnswer
	}
	return anyAnswer
}

// otherAsks are question words asking what, how, why or which: a day or month a question names is then not what
// it asks for.
var otherAsks = nlp.WordSet(`what how why which ما ماذا كيف كيفاش ازاي شلون لماذا ليش ليه علاش شو ايش وش شنو ايه`)

// personWords ask for a person when no question word says otherwise: "the turkmen guy", "his name", "اسمه".
var personWords = nlp.WordSet(`guy dude الراجل الرجال الزلمه اسمه اسمو`)

// firstCue is a question's first cue phrase (questionCues) and the kind it asks for; "" when it has none.
func firstCue(words []string) (answerType, string) {
	// Match cues also behind the conjunction و: "وقال ايه …" asks what he said.
	joined := " " + strings.Join(words, " ") + " " + strings.Join(bareQuestionWords(words), " ") + " "
	for _, c := range questionCues {
		if strings.Contains(joined, " "+c.phrase+" ") {
			return c.kind, c.phrase
		}
	}
	return anyAnswer, ""
}

// cueWords are the words of the first cue phrase of a question, as typed or as read ("how long has" → how,
// long, has): they say what kind of answer is wanted, not what it is about, so a word of them the sources lack
// ("long") is no gap in coverage.
func cueWords(readings ...[]string) map[string]bool {
	cues := map[string]bool{}
	for _, words := range readings {
		if _, phrase := firstCue(words); phrase != "" {
			maps.Copy(cues, nlp.WordSet(phrase))
		}
	}
	return cues
}

// readAsks sets what q asks beyond its answer kind, from its words as typed: a bearing, a total, a belief or
// hope, the last of several, who someone is.
func (q *query) readAsks(typed []string, yesNo bool) {
	has := func(sets ...map[string]bool) bool {
		return slices.ContainsFunc(typed, func(w string) bool {
			return slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[w] || set[nlp.Stem(w)] })
		})
	}
	q.bearing = asksBearing(typed, q.kind, yesNo)
	q.total = asksTotal(q.kind, typed)
	q.belief = has(beliefWords, futureWords) || wishOf(typed)
	q.last = has(lastWords)
	for i := 0; i+1 < len(typed) && !q.last; i++ {
		// "آخر هدف" (the last goal) before a noun; after one, "وزير آخر" is another minister.
		q.last = typed[i] == "اخر" && !nlp.IsStop(typed[i+1])
	}
	q.whoIs = q.kind == whoAnswer && asksWhoIs(typed)
	q.whatIs = q.whoIs || asksWhatIs(typed)
	q.describes = slices.ContainsFunc(typed, func(w string) bool { return describing[w] || describing[nlp.BareWord(w)] }) ||
		asksToBe(typed)
	q.locates = q.kind == whereAnswer && slices.ContainsFunc(typed, func(w string) bool {
		return locatives[w] || locatives[nlp.BareWord(w)] // "وين بتقع مصر؟"
	})
}

// describing are the words asking what something was called: "وصف", "شبه", "described", "likened".
var describing = nlp.WordSet(`وصف وصفها وصفه يصف تصف شبه شبهها شبهه describe described describes likened called`)

// asksToBe reports "تكون/يكون" (be) before a what-word: "بدو الأمانة تكون شو؟", what it should be.
func asksToBe(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		if (words[i] == "تكون" || words[i] == "يكون") && otherAsks[nlp.BareQuestionWord(words[i+1])] {
			return true
		}
	}
	return false
}

// asksWhatIs reports a question asking what something is ("ما هو السرطان؟", "what is diabetes?", "عرف
// الصوفية"): what the sources define it as.
func asksWhatIs(words []string) bool {
	if len(words) < 2 {
		return false
	}
	switch words[0] {
	case "ماهو", "ماهي", "عرف", "عرفي":
		return true
	}
	if len(words) < 3 {
		return false
	}
	switch words[0] + " " + words[1] {
	case "ما هو", "ما هي", "what is", "what are", "what was", "ما تعريف", "شو هو", "شو هي", "ايش هو", "ايش هي":
		w := words[2]
		if (w == "the" || w == "a" || w == "an") && len(words) > 3 {
			w = words[3] // "what is the Nile?"
		}
		return !nlp.IsStop(w)
	}
	return false
}

// bareQuestionWords are words with a question word read behind a conjunction ("وشو" as "شو"; see
// nlp.BareQuestionWord).
func bareQuestionWords(words []string) []string {
	bare := make([]string, len(words))
	for i, w := range words {
		bare[i] = nlp.BareQuestionWord(w)
	}
	return bare
}

// bearingCues ask in which part of a place something is ("which part of China?", "بأي جهة من الصين؟"): the
// answer is a compass direction.
var bearingCues = []string{"which part", "what part", "north or south", // not "which region": "Central Asia"
	"east or west", "اي جهه", "باي جهه", "انهي جهه", "اي ناحيه", "باي ناحيه", "اي جز", "باي جز", "انهي جز", // جزء, normalised
	"شمال ولا جنوب", "شمال او جنوب", "شرق ولا غرب", "شرق او غرب"}

// totalWords ask for a total ("how many countries in total?", "كم دولة بالآلية كلها؟"): of the numbers that
// count what is asked, the largest answers.
var totalWords = nlp.WordSet(`total altogether overall combined كلها كلهم بالمجموع المجموع مجموع بالمجمل اجمالا اجمالي
	الاجمالي بالاجمال`)

// listed is how many distinct people (for a question counting people or holders of a post) or countries (for
// one counting countries) s names, when it names them without a number counting them: "how many foreign
// ministers sent messages?" is answered by the sentence listing the six. 0 otherwise.
func listed(lex *lexicon, q *query, s sentence) int {
	if len(q.counting) == 0 || q.counts(s) {
		return 0
	}
	want := ""
	for _, t := range q.counting {
		switch {
		case strings.HasPrefix(t, "§"):
			switch lex.entries[lex.conceptIndex(t)].Kind {
			case "person", "role":
				want = "person"
			case "country":
				want = "country"
			}
		case peopleStems[t]:
			want = "person"
		case countryStems[t]:
			want = "country"
		}
		if want != "" {
			break
		}
	}
	if want == "" {
		return 0
	}
	seen := map[int]bool{}
	for _, e := range s.concepts {
		if lex.entries[e].Kind == want {
			seen[e] = true
		}
	}
	return len(seen)
}

// peopleStems are the stems of the plain words for people, which a question may count ("how many people sent
// messages?", "قديش واحد من الوزرا").
var peopleStems = stemSet("people", "persons", "person", "officials", "official", "ministers", "شخص", "اشخاص",
	"ناس", "مسؤول", "مسؤولين", "وزرا", "وزراء")

// countryStems are the stems of the plain words for countries, which a question may count.
var countryStems = stemSet("country", "countries", "nation", "nations", "state", "states", "دوله", "دول",
	"بلد", "بلدان")

// asksWhoIs reports a question asking who someone is ("who is X?", "من هو X؟", "مين هي X؟"): it wants what the
// sources say of X, whatever that is.
func asksWhoIs(words []string) bool {
	if len(words) < 3 {
		return false
	}
	switch words[0] + " " + words[1] {
	case "who is", "who was", "من هو", "من هي", "مين هو", "مين هي", "منو هو", "منو هي", "شكون هو", "شكون هي",
		"من يكون", "من كان", "من كانت":
		// A name follows, not "the head of …" or "hosting …", which ask for a person by what they do.
		return !nlp.IsStop(words[2]) && !strings.HasSuffix(words[2], "ing")
	}
	return false
}

// wishOf reports a question asking what someone else wants ("what did he want it to be", "سون عايز الأمانة
// تكون ايه"), not the asker's own wish ("I want to know …", "عايز اعرف …").
func wishOf(words []string) bool {
	for i, w := range words {
		if !wishWords[w] {
			continue
		}
		mine := i > 0 && askerWords[words[i-1]] || i+1 < len(words) && askWords[words[i+1]] ||
			i+2 < len(words) && words[i+1] == "to" && askWords[words[i+2]]
		if !mine {
			return true
		}
	}
	return false
}

// askerWords are the asker speaking of themselves or the bot; askWords, what they want to do ("know", "ask").
var (
	askerWords = nlp.WordSet(`i we you u انا احنا انت انتي`)
	askWords   = nlp.WordSet(`know ask understand find learn اعرف افهم اسال اسأل نعرف`)
)

// asksTotal reports a count question asking how many in all.
func asksTotal(kind answerType, words []string) bool {
	return kind == countAnswer && slices.ContainsFunc(words, func(w string) bool { return totalWords[nlp.BareWord(w)] })
}

// asksBearing reports a question about the part of a place (see bearingCues), or a yes/no or "where" question
// naming a direction ("is Xi'an in the south of China?").
func asksBearing(words []string, kind answerType, yesNo bool) bool {
	joined := " " + strings.Join(words, " ") + " "
	for _, c := range bearingCues {
		if strings.Contains(joined, " "+c+" ") { // written normalised, as questionCues are
			return true
		}
	}
	return (yesNo || kind == whereAnswer) && slices.ContainsFunc(words, func(w string) bool { return bearings[w] })
}

// listCues mark questions that ask for every item of a list ("which five countries…", "اذكر الدول…"): their answer
// keeps the whole list rather than the shortest sentence.
var listCues = nlp.WordSet(`list name names enumerate members countries ministers states nations all اذكر اذكري عدد عددي
	اسماء الدول دول وزراء الوزراء البلدان بلدان`)

func isListQuestion(words []string) bool {
	for _, w := range words {
		bare, _ := nlp.CutAnd(w, 2)
		if listCues[w] || listCues[bare] {
			return true
		}
	}
	return false
}

// countWindow is how many words on either side of a number may be what it counts.
const countWindow = 3

// countedTerms are the stems and glossary concepts a number counts in a sentence, and most is the largest
// number counting something: the words after "number of" / "عدد" when a number follows, the words within three after
// it ("five Central Asian countries"), and in Arabic within three before it ("دول آسيا الوسطى الخمس"), unless a unit of
// time follows ("launched four years ago" counts years, not launches). A term may come more than once.
func countedTerms(a analysis) (terms []string, most int) {
	var out []string
	add := func(lo, hi int) {
		for j := max(lo, 0); j <= min(hi, len(a.toks)-1); j++ {
			t := a.toks[j]
			if t.Stop {
				continue
			}
			out = append(out, t.Stem)
			if r := rootTerm(t); r != "" {
				out = append(out, r)
			}
			if w, ok := nlp.CutTanween(t.Word); ok {
				out = append(out, nlp.Stem(w)) // "30 بلدًا" counts what "كم بلد" does
			}
			if peopleUnits[t.Word] || peopleUnits[nlp.BareWord(t.Word)] {
				out = append(out, peopleTerm) // "81 مليون نسمة", "five million people": a number of people
			}
		}
		for _, sp := range a.spans {
			if sp.start <= hi && sp.end > lo {
				out = append(out, conceptTerm(sp.entry))
			}
		}
	}
	for i, t := range a.toks {
		if numberOf(a.toks, i) && slices.ContainsFunc(a.toks[i+1:], func(t nlp.Token) bool { return countValue(t.Word) > 0 || nlp.IsDigits(t.Word) }) {
			add(i+1, i+2) // "يبلغ عدد سكانها 37 مليون", "the number of members is 12": what the number counts
		}
		if !isNumber(t) {
			continue
		}
		if i+1 < len(a.toks) && (yearWords[a.toks[i+1].Word] || timeWords[a.toks[i+1].Word]) {
			add(i+1, i+1)
			continue
		}
		if i+1 < len(a.toks) && dateWords[a.toks[i+1].Word] || i > 0 && dateWords[a.toks[i-1].Word] {
			continue // "March 30", "30 مارس": a date counts nothing
		}
		most = max(most, countValue(t.Word), countValue(t.Stem))
		add(i+1, i+countWindow)
		if i > 0 && nlp.IsArabic(a.toks[i-1].Word) {
			add(i-countWindow, i-1) // in English the words before a number are not what it counts: "peoples of the six countries"
		}
	}
	return out, most
}

// countedShare is the weighted share of the question's terms that s counts with a number: "five Central Asian
// countries" counts more of "how many Central Asian countries" than "the six countries" does.
// A sentence that does not count what the question counts ("how many people work there?" and "the six
// countries") has none.
func (q *query) countedShare(s sentence) float64 {
	if len(q.counting) == 0 || q.counts(s) {
		return q.coverage(s.counted)
	}
	return 0
}

// counts reports whether a number in s counts what q counts (see query.counting).
func (q *query) counts(s sentence) bool {
	return slices.ContainsFunc(q.counting, func(t string) bool { return s.counted.has(q.ids[t]) })
}

// aboutDocument reports the kinds answered from the document itself.
func (k answerType) aboutDocument() bool {
	return k == titleAnswer || k == sourceAnswer || k == gistAnswer
}
