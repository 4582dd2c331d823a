package rag

import (
	"strings"
	"unicode/utf8"
)

// Arabic as people type it: the question words, particles, fillers, greetings and politeness formulas of Gulf,
// Levantine, Egyptian, Iraqi and Maghrebi Arabic next to Modern Standard Arabic. Most of what is dialectal in a
// short question comes from this closed set, so one table serves every dialect (dialect identification on a
// few words is unreliable, and not needed): each form is a stop word, never a topic, and a question word also
// says what kind of answer is wanted.
//
// Sources: learner grammars and phrase lists collected in the project's research notes (Portland State's "From
// MSA to Colloquial Arabic", Peace Corps Morocco, Kuwaiti and Iraqi phrase lists, Versteegh's genitive
// exponents, Hallberg's Syrian politeness formulae). Forms are written as typed, in any spelling; they are
// normalised (hamza seats, ة, ى) when the table is read.
var dialectWords = []dialectWord{
	// what
	{"ماذا ما", anyAnswer, "MSA"}, {"ايه إيه اية", anyAnswer, "Egyptian"}, {"شو شوو", anyAnswer, "Levantine"},
	{"ايش إيش وش وشو شنو شنهو", anyAnswer, "Gulf"}, {"شنو شكو", anyAnswer, "Iraqi"},
	{"اشنو أشنو اش آش واش شنوا شنيا شنية شنوة شنوه", anyAnswer, "Maghrebi"},
	// who
	{"مين منو", whoAnswer, "Egyptian, Levantine, Gulf, Iraqi"}, {"شكون اشكون", whoAnswer, "Maghrebi"},
	// where, from where
	{"أين وين فين فينه وينه منين من_وين", whereAnswer, "MSA, Levantine, Gulf, Egyptian"},
	{"فاين فين", whereAnswer, "Maghrebi"},
	// when
	{"متى إمتى امتى امتا ايمتى إيمتى ايمتا", whenAnswer, "MSA, Egyptian, Levantine"},
	{"شوكت شوقت", whenAnswer, "Iraqi"}, {"وقتاش امتاش", whenAnswer, "Maghrebi"},
	// how
	{"كيف كيفك", anyAnswer, "MSA, Levantine"}, {"ازاي إزاي", anyAnswer, "Egyptian"},
	{"شلون شلونك", anyAnswer, "Gulf, Iraqi"}, {"كيفاش", anyAnswer, "Maghrebi"},
	// how much, how many
	{"كم بكم", countAnswer, "MSA"}, {"كام بكام", countAnswer, "Egyptian"}, {"قديش قدّيش", countAnswer, "Levantine"},
	{"چم جم شكد", countAnswer, "Gulf, Iraqi"}, {"شحال بشحال قداش قدّاش", countAnswer, "Maghrebi"},
	// why
	{"لماذا لم_ذا", anyAnswer, "MSA"}, {"ليه", anyAnswer, "Egyptian"}, {"ليش", anyAnswer, "Levantine, Gulf, Iraqi"},
	{"علاش لاش", anyAnswer, "Maghrebi"},
	// which
	{"أي اي أيه انهي إنهي انهو", anyAnswer, "MSA, Egyptian"}, {"اينا إينا", anyAnswer, "Maghrebi"},
	// relative, possessive, demonstrative
	{"اللي اللى الي لي يلي ايلي", anyAnswer, "all dialects"},
	{"صحيح صح ياتري اوكي اوك اوكيه باختصار ضمن", anyAnswer, "framing"},
	{"بتاع بتاعت بتاعة تبع تبعت حق حقت مال ديال ديالو ديالها د_ تاع نتاع متاع", anyAnswer, "possessive"},
	{"ده دي دا هاد هادا هادي هاي هيدا هيدي هذي هاذا هاذي هدا", anyAnswer, "this"},
	// want, can, there is
	{"بدي بدك بدو بدها بدهم عايز عايزه عايزين عاوز عاوزه ابي أبي ابغى أبغى ابغا تبي تبين بغيت بغيتي نبغي", anyAnswer, "want"},
	{"ممكن يمكن تقدر تكدر تگدر اقدر", anyAnswer, "can"}, {"فيه في اكو أكو كاين كاينة ماكو", anyAnswer, "there is"},
	// negation, tense and aspect particles, now
	{"مش مو مب ماشي موش", anyAnswer, "negation"}, {"رح راح ح ه غادي غا", anyAnswer, "future"},
	{"عم قاعد قاعده دا كا", anyAnswer, "progressive"}, {"دلوقتي هلق هلأ هسا هسه هسة الحين دابا", anyAnswer, "now"},
	// happen, become, do, think, intend, say (verbs that frame a question rather than name its topic)
	{"صار صارت يصير تصير بيصير رح_يصير حصل حصلت بيحصل قامت انعقد انعقدت", anyAnswer, "happen"},
	{"سوا سوو سوى تسوي يسوي يسوو دار دارو دارت عملو عملوا", anyAnswer, "do"},
	{"شايف شايفين بشوف يشوف شاف شافت رايو رأيو", anyAnswer, "think"}, {"ناوي ناويه ناويين نوى", anyAnswer, "intend"},
	{"حكى حكت حكيو بيحكي يحكي احكي", sayAnswer, "Levantine say"},
	{"بقاله بقالها بقالهم بقالو", ageAnswer, "Egyptian it has been"},
	{"داير دايره بغا بغات يبغى تبغى", anyAnswer, "want"},
	// fillers and connectors
	{"منشان مشان عشانك ويا وياهم وياه مع_بعض حته حتة الشي هالشي شي نفسها نفسه", anyAnswer, "filler"},
	{"ياتو ياتا ياتي انو انه", anyAnswer, "which, that (Sudanese, Levantine)"},
	{"يعني طيب طب بس برضو برضه بردو كمان زي متل مثل هيك كده كدا كذا عشان علشان لأن لان اصلا أصلا خلاص يا_جماعة يا_شباب", anyAnswer, "filler"},
	{"بالضبط بالظبط بالزبط تحديدا بالتحديد بالزبط", anyAnswer, "exactly"},
	// greetings, politeness, thanks
	{"السلام عليكم وعليكم سلام مرحبا مرحبتين اهلا أهلا هلا هلو هاي صباح مساء الخير", anyAnswer, "greeting"},
	{"حياك حياكم الله يعطيك العافية عافية كيف_حالك شلونك ازيك إزيك كيفك لاباس", anyAnswer, "greeting"},
	{"لو سمحت سمحتي سمحتوا من فضلك فضلك رجاء رجاءً معلش معليش بليز بليييز", anyAnswer, "please"},
	{"مقدما مسبقا مرسي مرسى ميرسي اخوانا اخواني اخوي اخوتي حبايب حبيبي", anyAnswer, "thanks, address"},
	{"شكرا شكراً مشكور مشكورة تسلم تسلمي يسلمو يسلموا كتر خيرك خيرك يعطيك يرحم والديك جزاك", anyAnswer, "thanks"},
	// asking about, telling
	{"اعرف أعرف نعرف تعرف بتعرف يعرف قولي قلي قلنا خبرني اخبرني أخبرني عرفني فهمني احكيلي احكي قول", anyAnswer, "tell me"},
	{"سؤال عندي استفسار", anyAnswer, "I have a question"},
}

// dialectWord is one row of the table: space-separated forms ("_" joins a two-word form, whose words are each
// listed as stop words), the answer kind they ask for, and where they are said.
type dialectWord struct {
	forms   string
	kind    answerType
	dialect string
}

// dialectForms are the table's forms, normalised, each once.
var dialectForms = func() map[string]answerType {
	m := map[string]answerType{}
	for _, row := range dialectWords {
		for _, f := range strings.Fields(row.forms) {
			for _, w := range strings.Split(f, "_") {
				if w = Normalize(w); w != "" {
					if _, seen := m[w]; !seen || row.kind != anyAnswer {
						m[w] = row.kind
					}
				}
			}
		}
	}
	return m
}()

// Arabic clitics and dialect verb prefixes a word may carry in a question but not in the sources: a preposition
// or conjunction (ب ل ك ف و: "بكلمة"), the present-tense ب/بي/بت/بن of Egyptian and Levantine ("بتظهر"),
// the future ح/ه/رح ("حتنفذ"), and object or possessor suffixes the light stemmer leaves (هم كم هن نا و:
// "ردهم", "اسمو").
var (
	arabicProclitics = []string{"ب", "ل", "ك", "ف", "و", "بي", "بت", "بن", "ح", "ه"}
	arabicEnclitics  = []string{"هم", "كم", "هن", "نا", "و", "ك"}
)

// cutPrefix takes prefix p off the front of w when at least minRunes letters remain: the one rule for taking a
// conjunction, preposition or article off an Arabic word, counting letters (not bytes).
func cutPrefix(w, p string, minRunes int) (string, bool) {
	r, ok := strings.CutPrefix(w, p)
	if !ok || utf8.RuneCountInString(r) < minRunes {
		return w, false
	}
	return r, true
}

// cliticVariants are the forms of an Arabic word (or stem) without one proclitic, without one enclitic, and
// without both, each keeping at least three letters.
func cliticVariants(w string) []string {
	var out []string
	heads := []string{w}
	for _, p := range arabicProclitics {
		if r, ok := cutPrefix(w, p, 3); ok {
			heads = append(heads, r)
		}
	}
	for _, h := range heads {
		if h != w {
			out = append(out, h)
		}
		for _, e := range arabicEnclitics {
			if r, ok := strings.CutSuffix(h, e); ok && len([]rune(r)) >= 3 {
				out = append(out, r)
			}
		}
	}
	return out
}
