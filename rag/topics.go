package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// Topic words: things people ask about that a news text either states or does not (a head of state, a budget,
// a population, an address, the next meeting). A question that asks about one the sources never mention is out
// of scope whatever else it shares with them: "who is the president of Kazakhstan?" names Kazakhstan, which the
// article does, but the article names no president. Words the sources do hold are ordinary terms, so an
// operator document about budgets answers questions about budgets.
//
// The list is general, not drawn from any question set: offices, money, people's particulars, organisations'
// particulars, places' particulars, and words that move a question to another event ("next", "القادم"). Arabic
// entries are normalised and stemmed like any question word, so one spelling covers its variants.
// A topic word counts as held by the sources only when its own word is, not just its stem: "الرئيسية" (main)
// stems like "رئيس" (president).
var topicStems = stemSet(append([]string{
	// offices
	"president", "presidents", "presidential", "king", "queen", "emperor", "prince", "mayor", "governor",
	"ambassador", "ambassadors", "spokesman", "spokesperson", "spokeswoman", "chairman", "ceo", "founder",
	"رئيس", "الرئيس", "رئيسه", "رؤساء", "ملك", "الملك", "امير", "الامير", "سفير", "السفير", "سفراء", "محافظ",
	"عمده", "متحدث", "الناطق", "ناطق", "مؤسس",
	// money
	"budget", "budgets", "funding", "funds", "fund", "cost", "costs", "costing", "price", "prices", "salary",
	"salaries", "money", "dollar", "dollars", "yuan", "euro", "euros", "expenses", "spending", "spend",
	"invest", "investment", "investments", "loan", "loans", "tax", "taxes", "pay", "pays", "payment", // not "paid": tribute
	"payments", "finances", "financed", "financing", "funded", "sponsor", "sponsors", "sponsored",
	"ميزانيه", "الميزانيه", "موازنه", "تمويل", "التمويل", "تكلفه", "تكاليف", "كلفه", "سعر", "اسعار", "راتب",
	"رواتب", "فلوس", "اموال", "دولار", "يوان", "مصاريف", "نفقات", "استثمار", "استثمارات", "قرض", "قروض",
	"ضرائب", "يمول", "تمول", "بيمول", "بتمول", "ممول", // not "يدفع": it also pushes ("تدفع التعاون")
	// languages
	"language", "languages", "لغه", "اللغه", "لغات", "اللغات",
	// portfolios and other officials
	"defence", "defense", "interior", "finance", "treasury", "health", "education", "justice", "agriculture",
	"energy", "commerce", "culture", "tourism", "transport", "labour", "labor", "mayor",
	"الدفاع", "الماليه", // not "الداخليه": it stems as "داخله" (taking part) "الصحه", "التعليم", "التربيه", "العدل", "الزراعه", "الطاقه", "التجاره",
	"الثقافه", "السياحه", "النقل",
	// trade, agreements
	"trade", "trading", "tariff", "tariffs", "تجاره", "التبادل", "تبادل", "جمارك", "رسوم", "treaty",
	"treaties", // not "agreement": the glossary reads it as the consensus the article reports "deal", "deals", "اتفاقيه", "اتفاقيات", "معاهده", "وقعوا", "توقيع",
	// loaded judgements the sources do not make
	"propaganda", "بروباغندا", "بروباجندا",
	// people's particulars
	"born", "birthday", "birthplace", "died", "death", "wife", "husband", "married", "children", "son",
	"daughter", "family", "religion", "height", "education", "degree", "university", "hobby", "hobbies",
	"study", "studied", "studies", "graduated", "graduate", "hometown", "ethnicity", // not "nationality": it stems as "nations"
	"مواليد", "ولد", "مولده", "توفي", "مات", "وفاته", "زوجته", "زوجها", "متزوج", "اولاده", "ابنه", "ابنته",
	"عائلته", "دينه", "ديانه", "طوله", "شهاده", "جامعه", "هوايات", "درس", "اصله", "اصلها", "جنسيته",
	"tenure", // not "انولد": things are born too ("شو الشي الجديد اللي انولد؟")
	// organisations' and places' particulars
	"staff", "staffs", "employees", "employee", "workers", "personnel", "headcount", "employ", "hire",
	"address", "street", "phone", "telephone", "email", "website", "url", "population", "inhabitants",
	"capital", "currency", "area", "size", "weather", "temperature", "climate", "gdp", "economy", "exports",
	"imports", "oil", "gas", "army", "military", "war", "election", "elections", "vote", "visa", "flight",
	"flights", "hotel", "distance", "kilometers", "km", "miles", "branch", "branches",
	"موظف", "موظفين", "موظفي", "الموظفين", "عمال", "طاقم", "كادر", "شارع", "هاتف", "تلفون", "تليفون",
	"ايميل", "الايميل", "سكان", "السكان", "نسمه", "عاصمه", "العاصمه", "مساحه", "المساحه", "طقس", "الطقس",
	"حراره", "الحراره", "مناخ", "اقتصاد", "الاقتصاد", "نفط", "النفط", "جيش", "الجيش",
	"حرب", "الحرب", "انتخابات", "الانتخابات", "تاشيره", "فيزا", "رحلات", "طيران", "فندق", "مسافه",
	"كيلومتر", "كيلو", "الجو", "فروع", "فرع",
	// everyday matters no news text of this kind answers
	"recipe", "recipes", "cook", "cooking", "food", "dish", "restaurant", "طبخ", "طبخه", "اكله", "اكلات",
	"مطعم", "لحم", "دجاج", "كبسه",
	"football", "soccer", "cup", "league", "tournament", "olympics", "كاس", "مباراه", "بطوله", "اولمبياد",
	// not "match", "كره" (ball, hate), "دوري" (my role, periodic)
}, otherEventWords...)...) // and words that move a question to another event

// otherEventStems are words that move a question to another event than the one reported ("the next summit",
// "the first one"). In an answer they are as often discourse ("first, …"): the support check lets them be.
var otherEventStems = stemSet(otherEventWords...)

var otherEventWords = []string{"first", "previous", "الاول", "الاولى", "السابق", "السابقه",
	"next", "upcoming", "tomorrow", "القادم", "القادمه", "المقبل", "المقبله", "الجاي", "الجايه",
	"بكره", "بكرا", "غدا", "الجاييه"}

// nameStems are the countries, cities and leaders asked about most, in case the sources do not name them: a
// question about Russia's view or Putin's words is out of scope when the sources never mention them.
var nameStems = stemSet(
	"russia", "russian", "usa", "america", "american", "americans", "us", "britain", "uk", "british", "england",
	"france", "french", "germany", "german", "japan", "japanese", "india", "indian", "pakistan", "afghanistan",
	"iran", "iranian", "turkey", "turkish", "mongolia", "ukraine", "taiwan", "korea", "egypt", "saudi",
	"emirates", "uae", "qatar", "israel", "palestine", "syria", "iraq", "europe", "european", "eu", "nato",
	"africa", "brics", "sco", "moscow", "beijing", "washington", "london", "paris", "tokyo", "astana",
	"bishkek", "dushanbe", "ashgabat", "tashkent", "almaty", "shanghai", "putin", "biden", "trump", "xi",
	"jinping", "erdogan", "modi", "tokayev", "mirziyoyev", "rahmon", "japarov", "berdimuhamedov",
	"روسيا", "الروسي", "الروسيه", "امريكا", "الامريكي", "الولايات", "المتحده", "بريطانيا", "فرنسا", "المانيا",
	"اليابان", "الهند", "باكستان", "افغانستان", "ايران", "تركيا", "منغوليا", "اوكرانيا", "تايوان", "كوريا",
	"مصر", "السعوديه", "الامارات", "قطر", "اسرائيل", "فلسطين", "سوريا", "العراق", "اوروبا", "الاوروبي",
	"الناتو", "افريقيا", "بريكس", "شنغهاي", "موسكو", "بكين", "واشنطن", "لندن", "باريس", "طوكيو", "استانا",
	"بيشكيك", "دوشانبي", "عشق", "طشقند", "الماتي", "بوتين", "بايدن", "ترامب", "جينبينغ", "بينغ", "اردوغان",
	"مودي", "توكاييف", "ميرضيائيف", "رحمون", "جباروف", "بردي",
)

// countryWords are every country's one-word name (countries.go) as a question types it (nlp.BareWord): matched by
// the word, not its stem, which would make "بنين" (Benin) the "بن" of every Arabic name.
var countryWords = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range countryNames {
		m[nlp.BareWord(nlp.Normalize(n))] = true
	}
	return m
}()

// capitals are the capitals of the countries of the subject, read as their country when the sources do not name
// them (normalised forms: "عشق" begins "عشق آباد").
var capitals = map[string]string{
	"astana": "kazakhstan", "bishkek": "kyrgyzstan", "dushanbe": "tajikistan", "ashgabat": "turkmenistan",
	"ashkhabad": "turkmenistan", "tashkent": "uzbekistan", "beijing": "china", "peking": "china",
	"استانا": "كازاخستان", "بيشكيك": "قيرغيزستان", "دوشانبي": "طاجيكستان", "دوشنبه": "طاجيكستان",
	"دوشانبه": "طاجيكستان", "عشق": "تركمانستان", "عشقاباد": "تركمانستان", "طشقند": "اوزبكستان", "بكين": "الصين",
	"بيجين": "الصين",
}

// cityStems are the cities among nameStems: in a yes/no question ("was the ceremony in Beijing?") a city is the
// place the question checks, and the answer says where it was.
var cityStems = stemSet("moscow", "beijing", "washington", "london", "paris", "tokyo", "astana", "bishkek",
	"dushanbe", "ashgabat", "tashkent", "almaty", "shanghai", "موسكو", "بكين", "واشنطن", "لندن", "باريس",
	"طوكيو", "استانا", "بيشكيك", "دوشانبي", "طشقند", "الماتي", "شنغهاي",
)

// stemSet is the set of the stems of words (each normalised and tokenised like a question).
func stemSet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		for _, t := range nlp.Tokenize(w) {
			m[t.Stem] = true
		}
	}
	return m
}

// lifeEvents maps the stem of each word of sameParticular to the stems of its group: what a question about an
// event of a life asks, in the forms a source may say it.
var lifeEvents = func() map[string][]string {
	m := map[string][]string{}
	for _, words := range sameParticular {
		var stems []string
		for _, w := range words {
			stems = append(stems, nlp.Stem(w))
		}
		for _, st := range stems {
			m[st] = stems
		}
	}
	return m
}()

// sameParticular maps a word for an event in a person's life (a death, a birth, a marriage, studies) to the other
// words that say it: a source holding one of them holds the topic ("مات" and "توفي", "die" and "died"). The
// people of a marriage are not its event: "who was her husband?" is not held by "she married".
var sameParticular = func() map[string][]string {
	m := map[string][]string{}
	for _, group := range []string{
		"مات توفي توفى توفيت وفاه وفاته موت die died death dies",
		"ولد ولدت مولد مولده مواليد ولاده ولادته born birth",
		"تزوج تزوجت زواج زواجه زواجها marry married marriage",
		"درس درست تعلم تخرج دراسه دراسته study studied studies graduated",
	} {
		words := strings.Fields(nlp.Normalize(group))
		for _, w := range words {
			m[w] = words
			m[nlp.BareWord(w)] = words // "وفاته" as typed words are looked up: "فاته"
		}
	}
	return m
}()
