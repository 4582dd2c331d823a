package knowledge

import "unicode"

// DetectLang tells a text's language from its script: Arabic when it has at least as many Arabic letters as Latin
// ones. Persian and Urdu count as Arabic, which suits this bot. A text without letters ("2024؟", "??") is Arabic
// if it holds Arabic punctuation or digits, else English.
func DetectLang(text string) Lang {
	var ar, latin, arMarks int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			ar++
		case unicode.Is(unicode.Latin, r):
			latin++
		case r >= 0x0600 && r <= 0x06FF:
			arMarks++ // ؟ ، ؛ and Arabic-Indic digits
		}
	}
	switch {
	case ar+latin == 0 && arMarks > 0:
		return Arabic
	case ar > 0 && ar >= latin:
		return Arabic
	}
	return English
}
