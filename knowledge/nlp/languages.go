package nlp

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Naming the language of a question in neither Arabic nor English: Telegram's language of the user when the
// question is written in its script, else the script when one language here alone uses it, else the letters
// and short function words the question holds.

// Language is a language the bot can name.
type Language struct {
	Code    string   // the BCP 47 tag the bot uses for it: "ru", "uz-Cyrl"
	Name    string   // English name: "Russian"
	Scripts []Script // the scripts it is written in, the usual one first
	// letters are letters of its alphabet that the others of its script here lack or share with few; words are
	// short function and question words; lacks are letters its alphabet does not have. They name the language
	// of a question when Telegram does not.
	letters, words, lacks string
}

// languages are the languages named: Russian, the common language of Central Asia, first, then the Central
// Asian ones and Chinese, then others people may write in.
var languages = []Language{
	{Code: "ru", Name: "Russian", Scripts: []Script{ScriptCyrillic},
		lacks: "әғқңөұүһіўӣӯҳҷ",
		words: `что кто где когда как какой какая какие какое каком какую какого каков какова каково сколько
			почему зачем ли это был была было были в на и с по о об из для от у к не его её их он она они
			расскажите расскажи скажите скажи пожалуйста такой такая такое есть`},
	{Code: "kk", Name: "Kazakh", Scripts: []Script{ScriptCyrillic}, letters: "әғқңөұүһі", lacks: "ўӣӯҳҷ",
		words: `кім не қашан қайда қалай қандай қанша неше неге және мен бұл ол туралы қай ма ме ба бе па пе деді`},
	{Code: "ky", Name: "Kyrgyz", Scripts: []Script{ScriptCyrillic}, letters: "ңөү", lacks: "әғқұһіўӣӯҳҷ",
		words: `ким эмне качан кайда кантип кандай канча нече эмнеге жана менен бул ал жөнүндө кайсы деди`},
	{Code: "uz", Name: "Uzbek", Scripts: []Script{ScriptLatin}, letters: "ʻ‘", lacks: "wäöüçşıňýžñéə",
		words: `kim nima qachon qayerda qaysi qancha nechta bilan uchun haqida edi emas va bu ham dedi`},
	{Code: "uz-Cyrl", Name: "Uzbek (in Cyrillic script)", Scripts: []Script{ScriptCyrillic}, letters: "ўғқҳ",
		lacks: "ыщәңөұүһіӣӯҷ",
		words: `ким нима қачон қаерда қандай қанча нечта нега ва билан бу у ҳақида қайси деди`},
	{Code: "tg", Name: "Tajik", Scripts: []Script{ScriptCyrillic}, letters: "ғӣқӯҳҷ", lacks: "цщыьәңөұүһіў",
		words: `кӣ чӣ кай куҷо чанд чаро ва дар аз бо ба ин он кадом аст буд шуд гуфт кист чист мекунад мешавад`},
	{Code: "tk", Name: "Turkmen", Scripts: []Script{ScriptLatin}, letters: "äňýž", lacks: "qxığə",
		words: `kim näme haçan nirede haýsy näçe bilen üçin barada nädip diýdi hem`},
	{Code: "zh", Name: "Chinese", Scripts: []Script{ScriptHan}},
	{Code: "tr", Name: "Turkish", Scripts: []Script{ScriptLatin}, letters: "ığ", lacks: "qwxäňýžə",
		words: `ve bir ne kim nerede hangi kaç zaman için ile mi mı mu mü nedir kimdir nasıl neden nereye dedi`},
	{Code: "az", Name: "Azerbaijani", Scripts: []Script{ScriptLatin}, letters: "ə", words: `və nə harada hansı`},
	{Code: "fr", Name: "French", Scripts: []Script{ScriptLatin}, letters: "èêàùôîœ",
		words: `le la les du des un une et est qui que quoi où quand sur dans par au aux ce cette il elle ils sont été
			avec comment combien quel quelle quels pourquoi dit`},
	{Code: "de", Name: "German", Scripts: []Script{ScriptLatin}, letters: "ß",
		words: `der das dem ein eine und ist wer wie wo wann warum welche welcher welches sind zum zur vom mit von
			hat wurde gibt nicht`},
	{Code: "es", Name: "Spanish", Scripts: []Script{ScriptLatin}, letters: "ñ¿¡",
		words: `el la los las del una es qué quién quiénes dónde cuándo cómo cuántos cuántas cuál por para se su sus
			está`},
	{Code: "pt", Name: "Portuguese", Scripts: []Script{ScriptLatin}, letters: "ãõ",
		words: `os dos é quem onde quando quantos quantas qual`},
	{Code: "it", Name: "Italian", Scripts: []Script{ScriptLatin}, words: `chi dove quanti sono della dello degli`},
	{Code: "uk", Name: "Ukrainian", Scripts: []Script{ScriptCyrillic}, letters: "їєґ"},
	{Code: "be", Name: "Belarusian", Scripts: []Script{ScriptCyrillic}},
	{Code: "bg", Name: "Bulgarian", Scripts: []Script{ScriptCyrillic}},
	{Code: "sr", Name: "Serbian", Scripts: []Script{ScriptCyrillic, ScriptLatin}},
	{Code: "mn", Name: "Mongolian", Scripts: []Script{ScriptCyrillic}},
	{Code: "ja", Name: "Japanese", Scripts: []Script{ScriptKana, ScriptHan}},
	{Code: "ko", Name: "Korean", Scripts: []Script{ScriptHangul}},
	{Code: "pl", Name: "Polish", Scripts: []Script{ScriptLatin}},
	{Code: "nl", Name: "Dutch", Scripts: []Script{ScriptLatin}},
	{Code: "id", Name: "Indonesian", Scripts: []Script{ScriptLatin}},
	{Code: "ms", Name: "Malay", Scripts: []Script{ScriptLatin}},
	{Code: "vi", Name: "Vietnamese", Scripts: []Script{ScriptLatin}},
	{Code: "el", Name: "Greek", Scripts: []Script{ScriptOther}},
	{Code: "he", Name: "Hebrew", Scripts: []Script{ScriptOther}},
	{Code: "hi", Name: "Hindi", Scripts: []Script{ScriptOther}},
	{Code: "th", Name: "Thai", Scripts: []Script{ScriptOther}},
}

// languageWords are the words of languages, each with the languages it belongs to.
var languageWords = func() map[string][]int {
	m := map[string][]int{}
	for i, t := range languages {
		for _, w := range strings.Fields(t.words) {
			m[Normalize(w)] = append(m[Normalize(w)], i)
		}
	}
	return m
}()

// otherFunctionWords are the function words of the Latin-script languages here (Uzbek, Turkmen, Turkish, French,
// German, Spanish, …): words the English word lists lack, and too short to count otherwise ("Wer leitet das
// Sekretariat?"). Words English has too ("die", "was", "we", "den", "con", "pour") are in no list.
var otherFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for w, ts := range languageWords {
		for _, i := range ts {
			if languages[i].Scripts[0] == ScriptLatin {
				m[w] = true
			}
		}
	}
	return m
}()

// IsForeignFunctionWord reports whether a normalised word is a function word of a Latin-script language other
// than English ("le", "der", "kim", "ve"): a sign that a Latin-script question is not English.
func IsForeignFunctionWord(w string) bool { return otherFunctionWords[w] }

// Undetermined is the BCP 47 tag of a language not named.
const Undetermined = "und"

// userTongue is the language of a Telegram language_code ("ru", "uz", "zh-hans", "pt-br") written in s, or nil
// when the bot does not know the language or it is not written in s.
func userTongue(userLang string, s Script) *Language {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(userLang)), "-")
	if primary == "" {
		return nil
	}
	for i := range languages {
		t := &languages[i]
		code, _, _ := strings.Cut(t.Code, "-")
		if code != primary {
			continue
		}
		for _, ts := range t.Scripts {
			if ts == s {
				return t // "uz" in Cyrillic is uz-Cyrl
			}
		}
	}
	return nil
}

// AskedIn names the language of a question already found foreign: the user's Telegram language when the
// question is written in its script; else the script when only one language here uses it (Han: Chinese; kana:
// Japanese; Hangul: Korean); else the language whose letters and function words the question holds most, when
// one does ("Кто …" is Russian, "… қашан …" Kazakh); else Undetermined ("und").
func AskedIn(text, userLang string) string {
	s := MainScript(text)
	if t := userTongue(userLang, s); t != nil {
		return t.Code
	}
	switch s {
	case ScriptHan:
		return "zh"
	case ScriptKana:
		return "ja"
	case ScriptHangul:
		return "ko"
	case ScriptOther:
		return Undetermined
	}
	score := make([]int, len(languages))
	lower := strings.ToLower(text)
	// Names in Latin letters are written with a capital and in any alphabet ("Wang Yi nima dedi?"): the letters
	// a language lacks are looked for in the other words.
	common := lower
	if s == ScriptLatin {
		var b strings.Builder
		for _, w := range wordPattern.FindAllString(text, -1) {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
				b.WriteString(w + " ")
			}
		}
		common = b.String()
	}
	for i, t := range languages {
		if t.Scripts[0] != s || t.lacks != "" && strings.ContainsAny(common, t.lacks) {
			score[i] = -1 // never named
			continue
		}
		for _, l := range t.letters {
			if strings.ContainsRune(lower, l) {
				score[i]++
			}
		}
	}
	for _, w := range Words(Normalize(text)) {
		for _, i := range languageWords[w] {
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
		return Undetermined
	}
	return languages[best].Code
}

// LanguageOf is the language of code ("ru", "uz-cyrl": letter case does not matter), or false when the bot does
// not name it. Its Scripts are a copy.
func LanguageOf(code string) (Language, bool) {
	for _, l := range languages {
		if strings.EqualFold(l.Code, code) {
			l.Scripts = slices.Clone(l.Scripts)
			return l, true
		}
	}
	return Language{}, false
}
