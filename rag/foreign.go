package rag

import (
	"strings"

	"ccabot/knowledge/nlp"
)

// What the bot says to a question in neither Arabic nor English, whose language nlp.AskedIn names. The name
// tells the model which language to answer in; the fixed texts are the offline reply ("I answer in Arabic and
// English only") and the note under a model answer ("my sources are in Arabic and English").

// foreignTexts are what the bot says in the languages it does not answer in, by code (see nlp.LanguageOf): only,
// the offline reply ("I answer questions in Arabic and English only; please ask in one of them."), and note,
// the note under a model answer ("Note: my sources are in Arabic and English."). The Central Asian languages
// and Chinese have them, written with care by hand; Russian, the common language of Central Asia, first.
var foreignTexts = map[string]struct{ only, note string }{
	"ru": {
		only: "Я отвечаю на вопросы только на арабском и английском языках; пожалуйста, задайте вопрос на одном из них.",
		note: "Примечание: мои источники — на арабском и английском языках."},
	"kk": {
		only: "Мен сұрақтарға тек араб және ағылшын тілдерінде жауап беремін; өтінемін, сұрағыңызды солардың бірінде қойыңыз.",
		note: "Ескерту: дереккөздерім араб және ағылшын тілдерінде."},
	"ky": {
		only: "Мен суроолорго араб жана англис тилдеринде гана жооп берем; суранам, суроону ошол тилдердин биринде бериңиз.",
		note: "Эскертүү: булактарым араб жана англис тилдеринде."},
	"uz": {
		only: "Men savollarga faqat arab va ingliz tillarida javob beraman; iltimos, savolingizni shulardan birida bering.",
		note: "Eslatma: manbalarim arab va ingliz tillarida."},
	"uz-Cyrl": {
		only: "Мен саволларга фақат араб ва инглиз тилларида жавоб бераман; илтимос, саволингизни шулардан бирида беринг.",
		note: "Эслатма: манбаларим араб ва инглиз тилларида."},
	"tg": {
		only: "Ман ба саволҳо танҳо ба забонҳои арабӣ ва англисӣ ҷавоб медиҳам; лутфан, ба яке аз ин забонҳо пурсед.",
		note: "Эзоҳ: манбаъҳои ман ба забонҳои арабӣ ва англисӣ мебошанд."},
	"tk": {
		only: "Men soraglara diňe arap we iňlis dillerinde jogap berýärin; haýyş edýärin, soragyňyzy şol dilleriň birinde beriň.",
		note: "Bellik: çeşmelerim arap we iňlis dillerinde."},
	"zh": {
		only: "我只用阿拉伯语和英语回答问题，请用其中一种语言提问。",
		note: "注：我的资料来源为阿拉伯语和英语。"},
}

// languageName is how the model's prompt names the language of code: "Russian", or "the language of the
// question" when the bot cannot name it.
func languageName(code string) string {
	if l, ok := nlp.LanguageOf(code); ok {
		return l.Name
	}
	return "the language of the question"
}

// onlyLines are the offline reply to a question in another language, in English and Arabic.
const (
	onlyEnglish = "I answer questions in Arabic and English only; please ask in one of them."
	onlyArabic  = "أجيب عن الأسئلة بالعربية والإنجليزية فقط؛ من فضلك اسأل بإحداهما."
)

// languageText is the offline reply to a question asked in language asked by a user whose Telegram language is
// userLang: which languages the bot answers in, said in the question's language and the user's when the bot has
// the words, then in English and Arabic.
func languageText(asked, userLang string) string {
	var lines []string
	seen := map[string]bool{}
	add := func(code string) {
		l, ok := nlp.LanguageOf(code)
		if !ok || foreignTexts[l.Code].only == "" {
			return
		}
		lang, _, _ := strings.Cut(l.Code, "-")
		if !seen[lang] {
			seen[lang] = true
			lines = append(lines, foreignTexts[l.Code].only)
		}
	}
	add(asked)
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(userLang)), "-")
	add(primary)
	return strings.Join(append(lines, onlyEnglish, onlyArabic), "\n")
}

// sourcesNote says, under a model answer to a question in another language, that the sources are Arabic and
// English: in the question's language when the bot has the words, else in English.
func sourcesNote(asked string) string {
	if l, ok := nlp.LanguageOf(asked); ok && foreignTexts[l.Code].note != "" {
		return foreignTexts[l.Code].note
	}
	return "Note: my sources are in Arabic and English."
}

// foreignLang is the language a question in another language is read in: English, which the model renders it
// into for retrieval.
const foreignLang = nlp.English
