package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// A measure question asks for a quantity in units ("ما مساحة مصر؟", "كم تبلغ قيمة التمويل؟", "what is the length
// of the border?"): it is answered by a number with its unit ("1.002.000 كيلومتر مربع", "16 مليون جنيه", "1115
// كم"), not by a number that counts the measure's own word, which no source writes ("ثلاث مساحات").

// measureNouns name a quantity measured in units.
var measureNouns = nlp.WordSet(`area length height depth width weight price cost value distance size population total
	مساحه طول ارتفاع عمق عرض وزن سعر ثمن تكلفه كلفه قيمه مسافه حجم مبلغ نسبه سرعه اجمالي مجموع`)

// measureLinks stand between a question word and the measure it asks: "كم تبلغ مساحة مصر؟", "what's the area".
var measureLinks = nlp.WordSet(`is was are the its what whats how تبلغ يبلغ بلغت بلغ تقدر يقدر قدرت تساوي يساوي`)

// asksMeasure reports a question whose first word after its question word (and a linking verb) is a measure noun.
func asksMeasure(words []string) bool {
	for _, w := range words {
		bare := nlp.BareWord(w)
		switch {
		case measureNouns[w] || measureNouns[bare]:
			return true
		case measureLinks[w] || nlp.DialectAsks(nlp.BareQuestionWord(w)) != nlp.AsksAnything || nlp.IsStop(w):
			continue
		}
		return false
	}
	return false
}

// unitWords are the words that give a number a unit of measure, in normalised form.
var unitWords = nlp.WordSet(`km kilometers kilometres kilometer kilometre miles mile meters metres meter metre feet
	square kg kilograms tons tonnes dollars dollar usd euros euro pounds percent million millions billion billions
	كم كيلومتر كيلومترا كيلومترات كلم متر مترا امتار ميل اميال كيلوغرام كيلوجرام كغ طن اطنان دولار دولارا جنيه
	جنيها يورو ريال دينار درهم ليره مليون ملايين مليار مليارات الف الاف بالمئه بالمائه المئه المائه نسمه هكتار`)

// measured reports a number with a unit in toks: a unit word next to a number ("16 مليون جنيه", "1115 كم").
func measured(toks []nlp.Token, number func(i int) bool) bool {
	for i, t := range toks {
		w := strings.TrimSuffix(t.Word, "ا") // the accusative alef: "27895 طناً", "140 كيلومترا"
		if (unitWords[t.Word] || unitWords[nlp.BareWord(t.Word)] || unitWords[w]) && (number(i-1) || number(i+1)) {
			return true
		}
	}
	return false
}
