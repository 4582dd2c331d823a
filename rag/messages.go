package rag

import (
	"fmt"
	"strings"
	"time"

	"ccabot/knowledge/nlp"
)

// Fixed texts of the offline answers, in both languages. The bot has its own texts for Telegram matters (rate
// limits, non-text messages); these are about the knowledge itself.

// Examples are questions the sources answer, offered when the bot cannot help.
var examples = map[nlp.Lang][]string{
	nlp.English: {"Which countries take part in the mechanism?", "Who is the executive director of the secretariat?",
		"What is the secretariat's main responsibility?"},
	nlp.Arabic: {"ما الدول المشاركة في الآلية؟", "من المدير التنفيذي للأمانة؟", "ما المسؤولية الأساسية للأمانة؟"},
}

// notCoveredText is the reply to a question the sources do not answer: said plainly, with what the bot can do.
func notCoveredText(lang nlp.Lang) string {
	if lang == nlp.Arabic {
		return "لا أجد إجابة عن هذا في مصادري، ولا أريد أن أخمّن.\n" + scopeText(lang)
	}
	return "I can't find that in my sources, and I won't guess.\n" + scopeText(lang)
}

// refusalText is the reply to a question refused for reason r (see decide), in lang: help for a message with
// nothing to look up, else that the sources do not answer it. A question in neither Arabic nor English gets
// languageText instead.
func refusalText(r Reason, lang nlp.Lang) string {
	if r == ReasonNoContent {
		return helpText(lang)
	}
	return notCoveredText(lang)
}

// hedgedText marks an answer the sources only come close to: the passage is shown, plainly as not certain.
func hedgedText(lang nlp.Lang, closest string) string {
	if lang == nlp.Arabic {
		return "لا تذكر مصادري ذلك مباشرة، وأقرب ما تقوله: " + closest
	}
	return "My sources don't say that directly; the closest they come is: " + closest
}

// helpText is the reply to a message with nothing to look up ("hi", "?").
func helpText(lang nlp.Lang) string {
	if lang == nlp.Arabic {
		return "أهلاً! اسألني سؤالاً.\n" + scopeText(lang)
	}
	return "Hello! Ask me a question.\n" + scopeText(lang)
}

func scopeText(lang nlp.Lang) string {
	ex := examples[lang]
	if lang == nlp.Arabic {
		return "أجيب عن آلية التعاون بين الصين ودول آسيا الوسطى (كازاخستان وقيرغيزستان وطاجيكستان وتركمانستان وأوزبكستان) " +
			"وإطلاق أمانتها في شيآن يوم 30 مارس 2024. جرّب مثلاً: «" + strings.Join(ex, "» أو «") + "»"
	}
	return "I answer questions about the China–Central Asia cooperation mechanism (China, Kazakhstan, Kyrgyzstan, " +
		"Tajikistan, Turkmenistan, Uzbekistan) and the launch of its secretariat in Xi'an on 30 March 2024. Try: \"" +
		strings.Join(ex, "\", \"") + "\""
}

// sourceLine cites a passage in the reader's language: publisher, date, title, and passage ID, marking an English
// rendering of an Arabic original as a translation.
func sourceLine(s Source, lang nlp.Lang) string {
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if d := FormatDate(s.Date, lang); d != "" {
		parts = append(parts, d)
	}
	if s.Title != "" {
		parts = append(parts, "«"+s.Title+"»")
	}
	if lang == nlp.Arabic {
		line := "المصدر: " + strings.Join(parts, "، ") + "، الفقرة " + s.ID
		if s.Translation {
			line += " (ترجمة)"
		}
		return line
	}
	line := "Source: " + strings.Join(parts, ", ") + ", passage " + s.ID
	if s.Translation {
		line += " (our English translation)"
	}
	return line
}

var arabicMonths = [...]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
	"أكتوبر", "نوفمبر", "ديسمبر"}

// FormatDate renders a YYYY-MM-DD date as "30 March 2024" or "30 مارس 2024"; other strings pass through.
func FormatDate(date string, lang nlp.Lang) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	if lang == nlp.Arabic {
		return fmt.Sprintf("%d %s %d", t.Day(), arabicMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}
