package nlp

import "strings"

// Lang is the language of a text, a document or an answer: "ar" or "en".
type Lang string

// The two languages the bot reads and answers in.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// DetectLang tells a text's language from its script: Arabic when it has at least as many Arabic words as Latin
// ones, words counted as CountScripts counts them ("من هو Wang Yi؟" is an Arabic question about a name written in
// Latin letters). Persian and Urdu count as Arabic, which suits this bot. A text without Arabic or Latin letters
// ("2024؟", "??") is Arabic if it holds Arabic punctuation or digits, else English.
func DetectLang(text string) Lang {
	n := CountScripts(text)
	ar, latin := n[ScriptArabic], n[ScriptLatin]
	switch {
	case ar > 0 && ar >= latin:
		return Arabic
	case ar+latin == 0 && strings.ContainsFunc(text, inArabicBlock):
		return Arabic // ؟ ، ؛ and Arabic-Indic digits
	}
	return English
}

// inArabicBlock reports whether r is in Unicode's Arabic block (U+0600–U+06FF): letters, and also the Arabic
// question mark, comma and semicolon, Arabic-Indic digits and tashkeel.
func inArabicBlock(r rune) bool { return r >= 0x0600 && r <= 0x06FF }
