package rag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// Naming the language of a question in neither Arabic nor English, and what the bot says in it. The name tells
// the model which language to answer in; the fixed texts are the offline reply ("I answer in Arabic and English
// only") and the note under a model answer ("my sources are in Arabic and English").

// tongue is a language the bot can name, with its texts when it has them.
type tongue struct {
	code    string   // the BCP 47 tag the bot uses for it: "ru", "uz-Cyrl"
	name    string   // English name, for the model's prompt
	scripts []script // the scripts it is written in
	// letters are letters of its alphabet that the others of its script here lack or share with few; words are
	// short function and question words; lacks are letters its alphabet does not have. They name the language
	// of a question when Telegram does not.
	letters, words, lacks string
	// only: "I answer questions in Arabic and English only; please ask in one of them."; note: "Note: my sources
	// are in Arabic and English." Empty when not translated.
	only, note string
}

// tongues are the languages named. The Central Asian ones and Chinese have the bot's texts, written with care
// by hand; Russian, the common language of Central Asia, first.
var tongues = []tongue{
	{code: "ru", name: "Russian", scripts: []script{scriptCyrillic},
		lacks: "әғқңөұүһіўӣӯҳҷ",
		words: `что кто где когда как какой какая какие какое каком какую какого каков какова каково сколько
			почему зачем ли это был была было были в на и с по о об из для от у к не его её их он она они
			расскажите расскажи скажите скажи пожалуйста такой такая такое есть`,
		only: "Я отвечаю на вопросы только на арабском и английском языках; пожалуйста, задайте вопрос на одном из них.",
		note: "Примечание: мои источники — на арабском и английском языках."},
	{code: "kk", name: "Kazakh", scripts: []script{scriptCyrillic}, letters: "әғқңөұүһі", lacks: "ўӣӯҳҷ",
		words: `кім не қашан қайда қалай қандай қанша неше неге және мен бұл ол туралы қай ма ме ба бе па пе деді`,
		only:  "Мен сұрақтарға тек араб және ағылшын тілдерінде жауап беремін; өтінемін, сұрағыңызды солардың бірінде қойыңыз.",
		note:  "Ескерту: дереккөздерім араб және ағылшын тілдерінде."},
	{code: "ky", name: "Kyrgyz", scripts: []script{scriptCyrillic}, letters: "ңөү", lacks: "әғқұһіўӣӯҳҷ",
		words: `ким эмне качан кайда кантип кандай канча нече эмнеге жана менен бул ал жөнүндө кайсы деди`,
		only:  "Мен суроолорго араб жана англис тилдеринде гана жооп берем; суранам, суроону ошол тилдердин биринде бериңиз.",
		note:  "Эскертүү: булактарым араб жана англис тилдеринде."},
	{code: "uz", name: "Uzbek", scripts: []script{scriptLatin}, letters: "ʻ‘", lacks: "wäöüçşıňýžñéə",
		words: `kim nima qachon qayerda qaysi qancha nechta bilan uchun haqida edi emas va bu ham dedi`,
		only:  "Men savollarga faqat arab va ingliz tillarida javob beraman; iltimos, savolingizni shulardan birida bering.",
		note:  "Eslatma: manbalarim arab va ingliz tillarida."},
	{code: "uz-Cyrl", name: "Uzbek (in Cyrillic script)", scripts: []script{scriptCyrillic}, letters: "ўғқҳ",
		lacks: "ыщәңөұүһіӣӯҷ",
		words: `ким нима қачон қаерда қандай қанча нечта нега ва билан бу у ҳақида қайси деди`,
		only:  "Мен саволларга фақат араб ва инглиз тилларида жавоб бераман; илтимос, саволингизни шулардан бирида беринг.",
		note:  "Эслатма: манбаларим араб ва инглиз тилларида."},
	{code: "tg", name: "Tajik", scripts: []script{scriptCyrillic}, letters: "ғӣқӯҳҷ", lacks: "цщыьәңөұүһіў",
		words: `кӣ чӣ кай куҷо чанд чаро ва дар аз бо ба ин он кадом аст буд шуд гуфт кист чист мекунад мешавад`,
		only:  "Ман ба саволҳо танҳо ба забонҳои арабӣ ва англисӣ ҷавоб медиҳам; лутфан, ба яке аз ин забонҳо пурсед.",
		note:  "Эзоҳ: манбаъҳои ман ба забонҳои арабӣ ва англисӣ мебошанд."},
	{code: "tk", name: "Turkmen", scripts: []script{scriptLatin}, letters: "äňýž", lacks: "qxığə",
		words: `kim näme haçan nirede haýsy näçe bilen üçin barada nädip diýdi hem`,
		only:  "Men soraglara diňe arap we iňlis dillerinde jogap berýärin; haýyş edýärin, soragyňyzy şol dilleriň birinde beriň.",
		note:  "Bellik: çeşmelerim arap we iňlis dillerinde."},
	{code: "zh", name: "Chinese", scripts: []script{scriptHan},
		only: "我只用阿拉伯语和英语回答问题，请用其中一种语言提问。",
		note: "注：我的资料来源为阿拉伯语和英语。"},
	{code: "tr", name: "Turkish", scripts: []script{scriptLatin}, letters: "ığ", lacks: "qwxäňýžə",
		words: `ve bir ne kim nerede hangi kaç zaman için ile mi mı mu mü nedir kimdir nasıl neden nereye dedi`},
	{code: "az", name: "Azerbaijani", scripts: []script{scriptLatin}, letters: "ə", words: `və nə harada hansı`},
	{code: "fr", name: "French", scripts: []script{scriptLatin}, letters: "èêàùôîœ",
		words: `le la les du des un une et est qui que quoi où quand sur dans par au aux ce cette il elle ils sont été
			avec comment combien quel quelle quels pourquoi dit`},
	{code: "de", name: "German", scripts: []script{scriptLatin}, letters: "ß",
		words: `der das dem ein eine und ist wer wie wo wann warum welche welcher welches sind zum zur vom mit von
			hat wurde gibt nicht`},
	{code: "es", name: "Spanish", scripts: []script{scriptLatin}, letters: "ñ¿¡",
		words: `el la los las del una es qué quién quiénes dónde cuándo cómo cuántos cuántas cuál por para se su sus
			está`},
	{code: "pt", name: "Portuguese", scripts: []script{scriptLatin}, letters: "ãõ",
		words: `os dos é quem onde quando quantos quantas qual`},
	{code: "it", name: "Italian", scripts: []script{scriptLatin}, words: `chi dove quanti sono della dello degli`},
	{code: "uk", name: "Ukrainian", scripts: []script{scriptCyrillic}, letters: "їєґ"},
	{code: "be", name: "Belarusian", scripts: []script{scriptCyrillic}},
	{code: "bg", name: "Bulgarian", scripts: []script{scriptCyrillic}},
	{code: "sr", name: "Serbian", scripts: []script{scriptCyrillic, scriptLatin}},
	{code: "mn", name: "Mongolian", scripts: []script{scriptCyrillic}},
	{code: "ja", name: "Japanese", scripts: []script{scriptKana, scriptHan}},
	{code: "ko", name: "Korean", scripts: []script{scriptHangul}},
	{code: "pl", name: "Polish", scripts: []script{scriptLatin}},
	{code: "nl", name: "Dutch", scripts: []script{scriptLatin}},
	{code: "id", name: "Indonesian", scripts: []script{scriptLatin}},
	{code: "ms", name: "Malay", scripts: []script{scriptLatin}},
	{code: "vi", name: "Vietnamese", scripts: []script{scriptLatin}},
	{code: "el", name: "Greek", scripts: []script{scriptOther}},
	{code: "he", name: "Hebrew", scripts: []script{scriptOther}},
	{code: "hi", name: "Hindi", scripts: []script{scriptOther}},
	{code: "th", name: "Thai", scripts: []script{scriptOther}},
}

// tongueWords are the words of tongues, each with the languages it belongs to.
var tongueWords = func() map[string][]int {
	m := map[string][]int{}
	for i, t := range tongues {
		for _, w := range strings.Fields(t.words) {
			m[nlp.Normalize(w)] = append(m[nlp.Normalize(w)], i)
		}
	}
	return m
}()

// otherFunctionWords are the function words of the Latin-script languages of tongues (Uzbek, Turkmen, Turkish,
// French, German, Spanish, …): words the bot's English word lists lack, and too short to count otherwise ("Wer
// leitet das Sekretariat?"). Words English has too ("die", "was", "we", "den", "con", "pour") are in no list.
var otherFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for w, ts := range tongueWords {
		for _, i := range ts {
			if tongues[i].scripts[0] == scriptLatin {
				m[w] = true
			}
		}
	}
	return m
}()

// undetermined is the BCP 47 tag of a language not named.
const undetermined = "und"

// tongueOf is the entry of code, or nil.
func tongueOf(code string) *tongue {
	for i := range tongues {
		if strings.EqualFold(tongues[i].code, code) {
			return &tongues[i]
		}
	}
	return nil
}

// mainScript is the script most of text's words are written in, Arabic aside; a non-Latin one wins a tie.
func mainScript(text string) script {
	n := scriptCounts(text)
	best := scriptLatin
	for s := scriptCyrillic; s < numScripts; s++ {
		if n[s] > 0 && n[s] >= n[best] {
			best = s
		}
	}
	if best == scriptHan && n[scriptKana] > 0 {
		best = scriptKana // Japanese mixes the two
	}
	return best
}

// userTongue is the entry for a Telegram language_code ("ru", "uz", "zh-hans", "pt-br") written in s, or nil
// when the bot does not know the language or it is not written in s.
func userTongue(userLang string, s script) *tongue {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(userLang)), "-")
	if primary == "" {
		return nil
	}
	for i := range tongues {
		t := &tongues[i]
		code, _, _ := strings.Cut(t.code, "-")
		if code != primary {
			continue
		}
		for _, ts := range t.scripts {
			if ts == s {
				return t // "uz" in Cyrillic is uz-Cyrl
			}
		}
	}
	return nil
}

// askedIn names the language of a question already found foreign: the user's Telegram language when the
// question is written in its script; else the script when only one language here uses it (Han: Chinese; kana:
// Japanese; Hangul: Korean); else the language whose letters and function words the question holds most, when
// one does ("Кто …" is Russian, "… қашан …" Kazakh); else undetermined ("und").
func askedIn(text, userLang string) string {
	s := mainScript(text)
	if t := userTongue(userLang, s); t != nil {
		return t.code
	}
	switch s {
	case scriptHan:
		return "zh"
	case scriptKana:
		return "ja"
	case scriptHangul:
		return "ko"
	case scriptOther:
		return undetermined
	}
	score := make([]int, len(tongues))
	lower := strings.ToLower(text)
	// Names in Latin letters are written with a capital and in any alphabet ("Wang Yi nima dedi?"): the letters
	// a language lacks are looked for in the other words.
	common := lower
	if s == scriptLatin {
		var b strings.Builder
		for _, w := range wordPattern.FindAllString(text, -1) {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
				b.WriteString(w + " ")
			}
		}
		common = b.String()
	}
	for i, t := range tongues {
		if t.scripts[0] != s || t.lacks != "" && strings.ContainsAny(common, t.lacks) {
			score[i] = -1 // never named
			continue
		}
		for _, l := range t.letters {
			if strings.ContainsRune(lower, l) {
				score[i]++
			}
		}
	}
	for _, w := range nlp.Words(nlp.Normalize(text)) {
		for _, i := range tongueWords[w] {
			if score[i] >= 0 {
				score[i]++
			}
		}
	}
	best, tie := -1, false
	for i, n := range score {
		switch {
		case n <= 0:
		case best < 0 || n > score[best]:
			best, tie = i, false
		case n == score[best]:
			tie = true
		}
	}
	if best < 0 || tie {
		return undetermined
	}
	return tongues[best].code
}

// languageName is how the model's prompt names the language of code: "Russian", or "the language of the
// question" when the bot cannot name it.
func languageName(code string) string {
	if t := tongueOf(code); t != nil {
		return t.name
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
	add := func(t *tongue) {
		if t == nil || t.only == "" {
			return
		}
		lang, _, _ := strings.Cut(t.code, "-")
		if !seen[lang] {
			seen[lang] = true
			lines = append(lines, t.only)
		}
	}
	add(tongueOf(asked))
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(userLang)), "-")
	add(tongueOf(primary))
	return strings.Join(append(lines, onlyEnglish, onlyArabic), "\n")
}

// sourcesNote says, under a model answer to a question in another language, that the sources are Arabic and
// English: in the question's language when the bot has the words, else in English.
func sourcesNote(asked string) string {
	if t := tongueOf(asked); t != nil && t.note != "" {
		return t.note
	}
	return "Note: my sources are in Arabic and English."
}

// foreignLang is the language a question in another language is read in: English, which the model renders it
// into for retrieval.
const foreignLang = nlp.English
