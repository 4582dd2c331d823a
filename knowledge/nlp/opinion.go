package nlp

import (
	"slices"
	"strings"
)

// opinionCues ask for the bot's own opinion ("what's your opinion", "رأيك الشخصي"), which no source holds. "Do
// you think it will run smoothly?" is not among them: it asks what the sources say, in a chatty way.
var opinionCues = []string{"your opinion", "ur opinion", "your personal", "your own view", "your view",
	"your take", "what do you think", "what do u think", "wdyt", "your feelings", "رايك", "برايك", "رايكم",
	"وجهه نظرك", "انت شو بتشوف", "انت ايش تشوف", "انت شنو تشوف", "شو بتحس", "احساسك",
	// A judgement the sources do not make: "is it a good idea?", "good or bad?", "فكرة حلوة؟". Not "is it good
	// (for)": "is it good for Kazakhstan?" asks what it brings, which a source may say.
	"good idea", "bad idea", "good decision", "bad decision", "good move", "bad move", "good thing", "bad thing",
	"a mistake", "worth it", "good or bad", "bad or good", "a good city", "فكره حلوه", "فكره جيده", "فكره كويسه",
	"فكره منيحه", "فكره زينه", "قرار صائب", "قرار صح", "قرار غلط", "قرار خاطئ", "كويس ولا وحش", "منيح ولا عاطل",
	"زين ولا شين", "جيد ام سيء", "جيد او سيء", "حلو ولا وحش"}

// AsksOpinion reports whether a question (its normalised words) asks for the bot's own opinion: a cue phrase, or
// "your" a word or two before "opinion" ("ur honest opinion", "your personal view").
func AsksOpinion(words []string) bool {
	for i, w := range words {
		if opinionNouns[w] && slices.ContainsFunc(words[max(0, i-3):i], func(w string) bool { return yours[w] }) {
			return true
		}
	}
	return containsPhrase(words, opinionPhrases)
}

var (
	opinionNouns = WordSet(`opinion opinions view views take thoughts feelings`)
	yours        = WordSet(`your ur yours`)
)

// careerCues ask what someone did before the post the sources give them ("before becoming director", "قبل ما
// يبقى مدير"): a news report of one event does not tell a career.
var careerCues = []string{"before becoming", "before he became", "before she became", "before he was",
	"before taking", "previously worked", "used to work", "قبل ما يبقى", "قبل ما يصير", "قبل ما يصبح", "قبل ان يصبح",
	"قبل ما صار", "قبل ما بقى", "قبل توليه", "قبل ما يتولى", "قبل تعيينه", "قبل ما يتعين", "his previous job",
	"what was his job before", "كان شغله قبل", "شو كان شغله", "وش كان شغله", "شنو كان شغله", "كان يشتغل قبل"}

// asideCues ask what a report of one event does not tell: what happened after it ("what happened after the
// ceremony?", "شو صار بعد الاحتفال؟") or whether someone was there in person ("did Wang Yi attend in person?").
var asideCues = []string{"after the ceremony", "after the launch", "after the event", "afterwards", "after that",
	"بعد الاحتفال", "بعد الحفل", "بعد الاطلاق", "بعد المراسم", "بعد الحفله", "بعد هيك", "بعد كذا", "in person",
	"شخصيا", "بنفسه", "بنفسها", "بشحمه ولحمه"} // not "himself": "what did Wang Yi himself say?"

// AsksAside reports whether a question (its normalised words) asks what happened after the event reported or
// who was there in person (see asideCues).
func AsksAside(words []string) bool { return containsPhrase(words, asidePhrases) }

// The cues normalised and padded once, as containsPhrase looks them up.
var opinionPhrases, careerPhrases, asidePhrases = phrases(opinionCues), phrases(careerCues), phrases(asideCues)

// phrases normalises cues and pads each with a space either side.
func phrases(cues []string) []string {
	out := make([]string, len(cues))
	for i, c := range cues {
		out[i] = " " + Normalize(c) + " "
	}
	return out
}

// taskVerbs ask the bot to do something with text rather than say what the sources say: "translate it into
// Kyrgyz", "ترجم لي الخبر". Only as the request's first word: "what did Garnett translate?" and "هل ترجم جبرا
// هاملت؟" ask about a translation.
var taskVerbs = WordSet(`translate ترجم ترجملي ترجمي ترجملنا ترجمو`)

// politeOpeners may come before a request's verb: "pls translate", "can you translate", "لو سمحت ترجم".
var politeOpeners = WordSet(`please pls plz can could would you u kindly hey hi hello
	لو سمحت ممكن من فضلك رجاء بدي ابي ابغى عايز يا`)

// AsksTask reports whether a question (its normalised words) asks the bot to do something with text, such as
// translating it, which no source answers.
func AsksTask(words []string) bool {
	for _, w := range words {
		if !politeOpeners[w] {
			return taskVerbs[w]
		}
	}
	return false
}

// AsksCareer reports whether a question (its normalised words) asks what someone did before their present post.
func AsksCareer(words []string) bool { return containsPhrase(words, careerPhrases) }

// containsPhrase reports whether words (normalised) hold one of phrases (see phrases) as whole words.
func containsPhrase(words, phrases []string) bool {
	joined := " " + strings.Join(words, " ") + " "
	for _, p := range phrases {
		if strings.Contains(joined, p) {
			return true
		}
	}
	return false
}
