package nlp

import "strings"

// Arabic as people type it: the question words, particles, fillers, greetings and politeness formulas of Gulf,
// Levantine, Egyptian, Iraqi and Maghrebi Arabic next to Modern Standard Arabic. Most of what is dialectal in a
// short question comes from this closed set, so one table serves every dialect (dialect identification on a
// few words is unreliable, and not needed): each form is a stop word, never a topic, and a question word also
// says what it asks for (see DialectAsks).
//
// Sources: learner grammars and phrase lists collected in the project's research notes (Portland State's "From
// MSA to Colloquial Arabic", Peace Corps Morocco, Kuwaiti and Iraqi phrase lists, Versteegh's genitive
// exponents, Hallberg's Syrian politeness formulae). Forms are written as typed, in any spelling; they are
// normalised (hamza seats, ة, ى) when the table is read.
var dialectWords = []dialectWord{
	// what
	{"ماذا ما", AsksAnything, "MSA"}, {"ايه إيه اية", AsksAnything, "Egyptian"}, {"شو شوو", AsksAnything, "Levantine"},
	{"ايش إيش وش وشو شنو شنهو", AsksAnything, "Gulf"}, {"شنو شكو", AsksAnything, "Iraqi"},
	{"اشنو أشنو اش آش واش شنوا شنيا شنية شنوة شنوه", AsksAnything, "Maghrebi"},
	// who
	{"مين منو", AsksWho, "Egyptian, Levantine, Gulf, Iraqi"}, {"شكون اشكون", AsksWho, "Maghrebi"},
	// where, from where
	{"أين وين فين فينه وينه منين من_وين", AsksWhere, "MSA, Levantine, Gulf, Iraqi, Egyptian"},
	{"فاين فين", AsksWhere, "Maghrebi"},
	// when
	{"متى إمتى امتى امتا ايمتى إيمتى ايمتا", AsksWhen, "MSA, Egyptian, Levantine, Gulf"},
	{"شوكت شوقت", AsksWhen, "Iraqi"}, {"وقتاش امتاش", AsksWhen, "Maghrebi"},
	// how
	{"كيف كيفك", AsksAnything, "MSA, Levantine"}, {"ازاي إزاي", AsksAnything, "Egyptian"},
	{"شلون شلونك", AsksAnything, "Gulf, Iraqi"}, {"كيفاش", AsksAnything, "Maghrebi"},
	// how much, how many
	{"كم بكم", AsksCount, "MSA"}, {"كام بكام", AsksCount, "Egyptian"}, {"قديش قدّيش", AsksCount, "Levantine"},
	{"چم جم شكد", AsksCount, "Gulf, Iraqi"}, {"شحال بشحال قداش قدّاش", AsksCount, "Maghrebi"},
	// why
	{"لماذا لم_ذا", AsksAnything, "MSA"}, {"ليه", AsksAnything, "Egyptian"}, {"ليش", AsksAnything, "Levantine, Gulf, Iraqi"},
	{"علاش لاش", AsksAnything, "Maghrebi"},
	// which
	{"أي اي أيه انهي إنهي انهو", AsksAnything, "MSA, Egyptian"}, {"اينا إينا", AsksAnything, "Maghrebi"},
	// relative, possessive, demonstrative
	{"اللي اللى الي لي يلي ايلي", AsksAnything, "all dialects"},
	{"صحيح صح ياتري اوكي اوك اوكيه باختصار ضمن", AsksAnything, "framing"},
	{"بتاع بتاعت بتاعة تبع تبعت حق حقت مال ديال ديالو ديالها د_ تاع نتاع متاع", AsksAnything, "possessive"},
	{"ده دي دا هاد هادا هادي هاي هيدا هيدي هذي هاذا هاذي هدا", AsksAnything, "this"},
	// want, can, there is
	{"بدي بدك بدو بدها بدهم عايز عايزه عايزين عاوز عاوزه ابي أبي ابغى أبغى ابغا تبي تبين بغيت بغيتي نبغي", AsksAnything, "want"},
	{"ممكن يمكن تقدر تكدر تگدر اقدر", AsksAnything, "can"}, {"فيه في اكو أكو كاين كاينة ماكو", AsksAnything, "there is"},
	// negation, tense and aspect particles, now
	{"مش مو مب ماشي موش", AsksAnything, "negation"}, {"رح راح ح ه غادي غا", AsksAnything, "future"},
	{"عم قاعد قاعده دا كا", AsksAnything, "progressive"}, {"دلوقتي هلق هلأ هسا هسه هسة الحين دابا", AsksAnything, "now"},
	// happen, become, do, think, intend, say (verbs that frame a question rather than name its topic)
	{"صار صارت يصير تصير بيصير رح_يصير حصل حصلت بيحصل قامت انعقد انعقدت", AsksAnything, "happen"},
	{"سوا سوو سوى تسوي يسوي يسوو دار دارو دارت عملو عملوا انعمل انعملت اتعمل اتعملت اتعملو", AsksAnything, "do"},
	{"شايف شايفين بشوف يشوف شاف شافت رايو رأيو", AsksAnything, "think"}, {"ناوي ناويه ناويين نوى", AsksAnything, "intend"},
	{"حكى حكت حكيو بيحكي يحكي احكي", AsksSay, "Levantine say"},
	{"بقاله بقالها بقالهم بقالو", AsksAge, "Egyptian it has been"},
	{"داير دايره بغا بغات يبغى تبغى", AsksAnything, "want"},
	// fillers and connectors
	{"منشان مشان عشانك ويا وياهم وياه مع_بعض حته حتة الشي هالشي شي نفسها نفسه", AsksAnything, "filler"},
	{"ياتو ياتا ياتي انو انه", AsksAnything, "which, that (Sudanese, Levantine)"},
	{"يعني طيب طب بس برضو برضه بردو كمان زي متل مثل هيك كده كدا كذا عشان علشان لأن لان اصلا أصلا خلاص يا_جماعة يا_شباب", AsksAnything, "filler"},
	{"بالضبط بالظبط بالزبط تحديدا بالتحديد بالزبط", AsksAnything, "exactly"},
	// greetings, politeness, thanks
	{"السلام عليكم وعليكم سلام مرحبا مرحبتين اهلا أهلا هلا هلو هاي صباح مساء الخير", AsksAnything, "greeting"},
	{"حياك حياكم الله يعطيك العافية عافية كيف_حالك شلونك ازيك إزيك كيفك لاباس", AsksAnything, "greeting"},
	{"لو سمحت سمحتي سمحتوا من فضلك فضلك رجاء رجاءً معلش معليش بليز بليييز", AsksAnything, "please"},
	{"مقدما مسبقا مرسي مرسى ميرسي اخوانا اخواني اخوي اخوتي حبايب حبيبي", AsksAnything, "thanks, address"},
	{"شكرا شكراً مشكور مشكورة تسلم تسلمي يسلمو يسلموا كتر خيرك خيرك يعطيك يرحم والديك جزاك", AsksAnything, "thanks"},
	// asking about, telling
	{"اعرف أعرف نعرف تعرف بتعرف يعرف قولي قلي قلنا خبرني اخبرني أخبرني عرفني فهمني احكيلي احكي قول", AsksAnything, "tell me"},
	{"سؤال عندي استفسار", AsksAnything, "I have a question"},
}

// dialectWord is one row of the table: space-separated forms ("_" joins a two-word form, whose words are each
// listed as stop words), the answer kind they ask for, and where they are said (the dialects, or what the
// words do when every dialect says them); TestEveryDialectAsks holds the table to the dialects it names.
type dialectWord struct {
	forms   string
	asks    Asks
	dialect string
}

// Asks is what a question word asks for, as far as the word alone tells.
type Asks int

// What dialect question words ask for.
const (
	AsksAnything Asks = iota // "what", "how", "which", and words that ask for nothing
	AsksWho
	AsksWhen
	AsksWhere
	AsksCount // how many, how much
	AsksSay   // what someone said
	AsksAge   // how long it has been
)

// dialectForms are the table's forms, normalised, each once.
var dialectForms = func() map[string]Asks {
	m := map[string]Asks{}
	for _, row := range dialectWords {
		for _, f := range strings.Fields(row.forms) {
			parts := strings.Split(f, "_")
			for _, w := range parts {
				if w = Normalize(w); w != "" {
					// A word of a two-word form asks nothing alone: "من" of "من وين" is also "who" and "from".
					if _, seen := m[w]; !seen || row.asks != AsksAnything && len(parts) == 1 {
						m[w] = row.asks
						if len(parts) > 1 {
							m[w] = AsksAnything
						}
					}
				}
			}
		}
	}
	return m
}()

// DialectAsks is what a normalised word asks for when it is a question word of the table ("وين": where, "قديش":
// how many, "شكون": who); AsksAnything for every other word.
func DialectAsks(w string) Asks { return dialectForms[w] }
