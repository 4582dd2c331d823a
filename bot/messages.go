package bot

import (
	"fmt"
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// Texts the bot says on its own (not answers). Answers come from the Answerer, in the question's language.

const welcome = `مرحباً! أجيب عن أسئلة حول آلية التعاون بين الصين ودول آسيا الوسطى وإطلاق أمانتها في شيآن يوم 30 مارس 2024، بالعربية أو بالإنجليزية.
جرّب مثلاً:
• من المدير التنفيذي للأمانة؟
• ما الدول الخمس في آسيا الوسطى؟

Hello! I answer questions about the China–Central Asia cooperation mechanism and the launch of its secretariat in Xi'an on 30 March 2024, in Arabic or English.
Try:
• Who is the executive director of the secretariat?
• When was the secretariat launched?

/help · /sources`

// descriptions are what Telegram shows of the bot before anyone writes to it, set at start for English (the
// default, language_code "") and Arabic: short is the profile page and shared links (at most 120 characters),
// long the empty chat's "What can this bot do?" (at most 512). TestStartupDescribesTheBot holds them to the
// limits through bottest, which refuses longer texts like Telegram.
var descriptions = []struct{ lang, short, long string }{
	{"", "Answers in Arabic or English about the China–Central Asia cooperation mechanism, from Xinhua's report, citing sources.",
		"I answer questions about the China–Central Asia cooperation mechanism (China, Kazakhstan, Kyrgyzstan, " +
			"Tajikistan, Turkmenistan, Uzbekistan) and the launch of its secretariat in Xi'an on 30 March 2024, in " +
			"Arabic or English, whichever you write in. My answers come from a Xinhua news article and any documents " +
			"my operator adds, and each names its source; when they do not say, I tell you rather than guess. " +
			"Type a question, or see /help."},
	{"ar", "يجيب بالعربية أو بالإنجليزية عن آلية التعاون بين الصين ودول آسيا الوسطى وأمانتها، من خبر لوكالة شينخوا، مع ذكر المصدر.",
		"أجيب عن أسئلة حول آلية التعاون بين الصين ودول آسيا الوسطى (الصين وكازاخستان وقيرغيزستان وطاجيكستان " +
			"وتركمانستان وأوزبكستان) وإطلاق أمانتها في شيآن يوم 30 مارس 2024، بالعربية أو بالإنجليزية، بلغة سؤالك. " +
			"أجيب من خبر لوكالة شينخوا ومن أي وثائق يضيفها مشغّل البوت، وأذكر مصدر كل إجابة؛ وإن لم تذكر المصادر " +
			"الجواب أخبرتك بدل التخمين. اكتب سؤالك، أو انظر /help."},
}

var helpText = map[nlp.Lang]string{
	nlp.English: `Ask me a question in English or Arabic, for example "Who is Kyrgyzstan's foreign minister?". ` +
		`I answer from my sources only and name them under each answer; if they do not say, I tell you.
In groups, mention me (@%[1]s question), reply to one of my messages, or use /ask question.
In any chat, type @%[1]s question to share an answer (inline mode).
/sources lists what I know.`,
	nlp.Arabic: `اسألني بالعربية أو بالإنجليزية، مثلاً «من وزير خارجية قيرغيزستان؟». أجيب من مصادري فقط وأذكرها تحت كل إجابة؛ ` +
		`وإن لم تذكر المصادر الجواب أخبرتك.
في المجموعات: اذكرني (@%[1]s سؤالك)، أو رُدّ على إحدى رسائلي، أو استخدم /ask سؤالك.
في أي محادثة اكتب @%[1]s سؤالك لمشاركة إجابة.
/sources يعرض مصادري.`,
}

var (
	nonTextNote = "أقرأ النصوص فقط، فاكتب سؤالك من فضلك.\nI can only read text: please type your question."
	unknownCmd  = map[nlp.Lang]string{
		nlp.English: "I don't know that command. Just type your question, or see /help.",
		nlp.Arabic:  "لا أعرف هذا الأمر. اكتب سؤالك مباشرة، أو انظر /help.",
	}
	askUsage = map[nlp.Lang]string{
		nlp.English: "Ask like this: /ask Who heads the secretariat?",
		nlp.Arabic:  "اسأل هكذا: \u200e/ask من يرأس الأمانة؟",
	}
	rateLimited = map[nlp.Lang]string{
		nlp.English: "You're asking faster than I can keep up. Please wait a minute, then ask again.",
		nlp.Arabic:  "أسئلتك أسرع مما أستطيع. انتظر دقيقة من فضلك ثم اسأل مجدداً.",
	}
	tooLong = map[nlp.Lang]string{
		nlp.English: "Your question is %d characters long; please keep it under %d.",
		nlp.Arabic:  "سؤالك طويل (%d حرفاً)؛ اجعله أقل من %d حرف من فضلك.",
	}
	failed = map[nlp.Lang]string{
		nlp.English: "Sorry, something went wrong while answering. Please try again.",
		nlp.Arabic:  "عذراً، حدث خطأ أثناء الإجابة. حاول مرة أخرى من فضلك.",
	}
	noSpeech = map[nlp.Lang]string{
		nlp.English: "I can't listen to voice questions here: they need a speech model, which isn't set up. Please type your question.",
		nlp.Arabic:  "لا أستطيع سماع الأسئلة الصوتية هنا: فهي تحتاج إلى نموذج للكلام غير مُعدّ. اكتب سؤالك من فضلك.",
	}
	unheard = map[nlp.Lang]string{
		nlp.English: "I couldn't make out the question. Please say it again clearly, or type it.",
		nlp.Arabic:  "لم أتمكن من فهم السؤال. أعد قوله بوضوح من فضلك، أو اكتبه.",
	}
	voiceTooLong = map[nlp.Lang]string{
		nlp.English: "Your voice message is %d seconds long; please keep voice questions under %d seconds, or type it.",
		nlp.Arabic:  "رسالتك الصوتية مدتها %d ثانية؛ اجعل السؤال الصوتي أقل من %d ثانية من فضلك، أو اكتبه.",
	}
	voiceTooBig = map[nlp.Lang]string{
		nlp.English: "Your voice message is about %d MB; I take up to %d MB. Please send a shorter one, or type it.",
		nlp.Arabic:  "حجم رسالتك الصوتية نحو %d ميغابايت؛ والحد %d ميغابايت. أرسل رسالة أقصر من فضلك، أو اكتب سؤالك.",
	}
	voiceRateLimited = map[nlp.Lang]string{
		nlp.English: "That's a lot of voice messages. Please wait a minute, or type your question.",
		nlp.Arabic:  "هذه رسائل صوتية كثيرة. انتظر دقيقة من فضلك، أو اكتب سؤالك.",
	}
	thanks = map[nlp.Lang]string{nlp.English: "Thanks for the feedback!", nlp.Arabic: "شكراً على رأيك!"}
	stale  = map[nlp.Lang]string{
		nlp.English: "This button is no longer active.",
		nlp.Arabic:  "هذا الزر لم يعد فعّالاً.",
	}
)

// sourcesText lists the documents the bot knows.
func sourcesText(docs []knowledge.Document, lang nlp.Lang) string {
	var b strings.Builder
	if lang == nlp.Arabic {
		b.WriteString("مصادري:\n")
	} else {
		b.WriteString("My sources:\n")
	}
	for _, d := range docs {
		fmt.Fprintf(&b, "• %s — %s", d.Title, d.Source)
		if d.Date != "" {
			fmt.Fprintf(&b, ", %s", d.Date)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// footer is the compact source list under an answer: one line per source, numbered as the answer cites them.
func footer(r Reply) string {
	if r.Refused || len(r.Sources) == 0 {
		return ""
	}
	label := "Source: "
	if r.Lang == string(nlp.Arabic) {
		label = "المصدر: "
	}
	var lines []string
	for _, s := range r.Sources {
		var parts []string
		for _, p := range []string{s.Publisher, s.Date, s.ID} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		line := strings.Join(parts, " · ")
		if s.Ref > 0 {
			line = fmt.Sprintf("[%d] %s", s.Ref, line)
		}
		lines = append(lines, line)
	}
	if len(lines) == 1 && r.Sources[0].Ref == 0 {
		return label + lines[0]
	}
	return strings.Join(lines, "\n")
}
