package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// Times, ages and numbers as a sentence writes them, beyond digits and month names: years with their era sign, a
// range of years, a decade in words, an age, a reign, a number of people (see wordTypes).

// withoutEra is a year without the era sign written onto it ("1406م", "303هـ" → "1406", "303", true); any other
// word as it is.
func withoutEra(w string) (string, bool) {
	for _, era := range []string{"م", "ه"} {
		if y, ok := strings.CutSuffix(w, era); ok && nlp.IsDigits(y) {
			return y, true
		}
	}
	return w, false
}

// yearLike reports a number that may be a year: three or four digits, or any with its era sign ("95هـ").
func yearLike(w string) bool {
	y, era := withoutEra(w)
	return nlp.IsDigits(y) && (era || len(y) == 3 || len(y) == 4)
}

// rangeJoiners join the two years of a range: "1805 إلى 1848", "1939 to 1945".
var rangeJoiners = nlp.WordSet(`الى إلى حتى و to until and`)

// eraSigns follow a year as words of their own: "95 هـ", "1998 م", "500 ق م".
var eraSigns = nlp.WordSet(`م ه هـ ق`)

// peopleUnits count people: "81 مليون نسمة", "أكثر من خمسة ملايين شخص", "two million people". A question counting
// inhabitants, mourners or victims is answered by such a number (see query.counts).
var peopleUnits = nlp.WordSet(`people persons inhabitants residents نسمه شخص اشخاص فرد افراد مواطن مواطنين`)

// countedPeople are the stems of what a count question counts that are people: inhabitants, mourners, victims.
var countedPeople = stemSet(strings.Fields(`people persons population inhabitants residents citizens victims
	visitors mourners attendees deaths سكان السكان متساكن متساكني مواطن مواطنين شخص اشخاص نسمه قتلى القتلى قتيل ضحايا وفيات الوفيات
	الضحايا مشيعين المشيعين زوار الزوار حضور الحضور`)...)

// peopleTerm is the counted term of a number of people.
const peopleTerm = "#people"

// atAge reports an age given as a time ("تزوج في سن الخامسة والعشرين", "married at the age of 25"): it answers
// "when?" in a life. "سن" alone is also a verb ("سن قانونا", enacted a law).
func atAge(toks []nlp.Token, i int) bool {
	switch w := toks[i].Word; {
	case w == "بسن":
		return i+1 < len(toks) && ageNumber(toks[i+1])
	case w == "سن":
		// "في سن الخامسة", not "في سن نظام" (in enacting a law).
		return i > 0 && toks[i-1].Word == "في" && i+1 < len(toks) && ageNumber(toks[i+1])
	case w == "age":
		return i+1 < len(toks) && toks[i+1].Word == "of"
	}
	return false
}

// decade reports a decade in words: "التسعينيات", "الستينات", "nineties".
func decade(w string) bool {
	w = nlp.BareWord(w)
	for _, d := range decades {
		if strings.HasPrefix(w, d) && (strings.HasSuffix(w, "ينيات") || strings.HasSuffix(w, "ينات")) {
			return true
		}
	}
	return strings.HasSuffix(w, "ties") && numberWords[strings.TrimSuffix(w, "ies")+"y"]
}

// decades are the stems of the tens ("عشر" for العشرينيات … "تسع" for التسعينيات).
var decades = []string{"عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"}

// inReign reports "في عهد" or "خلال عهد" (in the reign of …): a time; "ولي العهد" (the crown prince) is none.
func inReign(toks []nlp.Token, i int) bool {
	w := nlp.BareWord(toks[i].Word)
	return (w == "عهد" || w == "العهد") && i > 0 && (toks[i-1].Word == "في" || toks[i-1].Word == "خلال")
}

// ageNumber reports a number or an ordinal after "سن" ("الخامسة", "25"): an age.
func ageNumber(t nlp.Token) bool {
	return isNumber(t) || ordinals[nlp.BareWord(t.Word)]
}

// ordinals are the ordinal numbers an age is given in ("في سن الرابعة"), feminine, normalised.
var ordinals = nlp.WordSet(`اولي ثانيه ثالثه رابعه خامسه سادسه سابعه ثامنه تاسعه عاشره حاديه عشره عشرين ثلاثين
	اربعين خمسين ستين سبعين ثمانين تسعين`)
