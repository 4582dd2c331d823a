package nlp

import "unicode"

// Lang is the language of a text, a document or an answer: "ar" or "en".
type Lang string

// The two languages the bot reads and answers in.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// DetectLang tells a text's language from its script: Arabic when it has at least as many Arabic words as Latin
// ones ("من هو Wang Yi؟" is an Arabic question about a name written in Latin letters). Persian and Urdu count as
// Arabic, which suits this bot. A text without letters ("2024؟", "??") is Arabic if it holds Arabic punctuation
// or digits, else English.
func DetectLang(text string) Lang {
	var ar, latin, arMarks int
	prev := 0 // script of the previous rune: 1 Arabic letter, 2 Latin letter
	for _, r := range text {
		cur := 0
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			cur = 1
		case unicode.Is(unicode.Latin, r):
			cur = 2
		case r >= 0x0600 && r <= 0x06FF:
			arMarks++ // ؟ ، ؛ and Arabic-Indic digits
		}
		if cur != prev {
			switch cur {
			case 1:
				ar++
			case 2:
				latin++
			}
		}
		prev = cur
	}
	switch {
	case ar+latin == 0 && arMarks > 0:
		return Arabic
	case ar > 0 && ar >= latin:
		return Arabic
	}
	return English
}
