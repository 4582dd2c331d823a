package nlp

import "strings"

// Stop words: function words and the chat filler people wrap questions in ("pls tell me about …", "شو بتعرف عن …").
// They carry no topic, so they are neither indexed nor required to be covered by a source. Lists are of
// normalised forms (see Normalize); Arabic entries cover Modern Standard Arabic and the common dialects.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{englishStop, arabicStop} {
		for _, w := range strings.Fields(list) {
			m[Normalize(w)] = true
		}
	}
	for w := range dialectForms {
		m[w] = true
	}
	return m
}()

const englishStop = `a an the and or but if then else of to in on at by for with from into onto about above below over
under between among through during before after again further once here there when where why how what which who whom
whose this that these those is are was were be been being am do does did doing done have has had having i me my mine
myself we us our ours you your yours u ur he him his she her hers it its they them their theirs what's whats who's
whos where's wheres when's whens how's hows there's theres it's its isn't wasn't aren't weren't don't doesn't didn't
can could would should will shall may might must not no nor so than too very just also only own same such both each
few more most other some any all as up down out off yes yeah ok okay please pls plz thanks thank thx hi hello hey
tell know knows knew say says said saying told ask asked answer question bot let lets like give show explain describe
mean means meant called name named get got one ones thing things something anything kind sort much many lot really
actually exactly anyone someone somebody anybody happen happened happens take took taken make made go went going come
came want wanted need needed does do kindly hmm um uh headline headlines according per regarding concerning besides except via
http https www com org net html amp lt gt quot nbsp whats whos wheres hows thats its abt wat wut wht hw pls plz u r ur ya yo bro im ive id dont doesnt didnt cant
wont isnt arent wasnt also else itself themselves himself herself ourselves yourself whatever whoever
whichever wherever whenever therefore thus hence ever never maybe perhaps sure guess think thx ty exactly precisely basically anyway btw idk tbh wanna gonna gotta kinda lemme gimme
located location based headquarters headquartered hq seat
whered whatd whod howd whend itd itll theyd theyll youd hed wholl whatll whatre theyre youre smth sth smthg somethin
acc acc. abt bc bcs cuz coz rn tho thru btw fyi good`

const arabicStop = `من مين منو منين مين هو هي هم هن انا انت انتم نحن هذا هذه ذلك تلك هؤلاء اولئك الذي التي الذين اللذين
اللتين اللي اللى الي إلى الى في فى على عن مع عند لدى لدي حتى منذ مذ ثم او أو أم ام و ف ب ل ك لا لم لن ما ماذا لماذا ليش مادا لمادا بمادا الدي التى اللدي ماهو ماهي ماهى ماهيه ماهم ماهما ماهوا
ليه متى امتى إمتى امتا ايمتى وقتاش اين أين وين فين فينه وينه كيف كيفاش ازاي إزاي شلون كم كام قديش اي أي ايش إيش ايه إيه
شو شنو شنهو وش واش اش هل اذا إذا ان إن أن كان كانت يكون تكون كانوا قد لقد هناك هنا هنالك كل بعض غير سوى بين قبل بعد
فوق تحت ايضا أيضا كذلك جدا بس فقط يا ممكن لو سمحت رجاء رجاءا من فضلك فضلك شكرا مرحبا اهلا أهلا السلام عليكم سلام
قل قولي قلي قول قال قالت قالوا يقول تقول اخبرني أخبرني خبرني عرفني اعرف أعرف بتعرف تعرف يعرف ابغى أبغى ابغا بدي عايز
عاوز اريد أريد نريد اسم اسمه اسمها سؤال جواب اجب أجب اشرح وضح دي ده دا هاد هادا هاي هذي هاذا هيك كده كدا كذا عشان
علشان لان لأن يعني طيب طب بالضبط بالظبط تحديدا حول بخصوص بشأن عليه عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم
به بها بهم اللي الليه تم يتم انهي انهو انهى اني ايوه كمان برضه برضو بردو رح راح ح حسب وفق وفقا بالنسبه
بالنسبة كما هما همه احنا انتو انتوا معاهم معاه معاها معها معهم ولا والا او يعني موجود موجوده موجودة واش شنو شنهي اشنو علاش كيفاش فاش تاع ديال ديالو نتاع عندو عنده عندها عندهم انو اني هلق هلا
هسه هسا بدي بدك بدو تبع تبعت حق حقت بتاع بتاعت بتاعة اللي اصلا أصلا ياخي يا خي طيب عاد زي مثل متل شي شو شلون وشلون
كيف ليش ليه لماذا غير كمان برضو بس فقط تحديدا بالظبط بالضبط بالزبط يعني اي ايه إيه فـ ف في علي عالـ علـ
عنوان العنوان مانشيت انه انها انهم انهن بانه بانها بانهم كلام لازم ممكن يمكن عايزه عايزين حد بعض اللى ياترى هيك اي شي شيء شي حاجه حاجة مقر مقرها موقع يقع تقع
إذ اذ بشكل خلال عبر بفضل جانب كون كونه كونها نعم عندما حينما بينما`

// framingWords frame a question more than they name its topic ("what is his job title", "شو منصبه"): a source
// need not contain them, so retrieval counts them for little. Topic words ("president", "budget") are not among
// them: a question about one is a question the sources may not answer.
var framingWords = WordSet(`title position post job role office capacity view opinion think thoughts plans plan
	planning mean meaning means purpose feel feels felt feeling react reaction word words quote quotes quoted quotation
	marks phrase refer refers referred name named label called call calls other another besides
	sort kind much involved involve involves total overall altogether thing things stuff part parts member
	mentioned mention mentions internal supposed supposedly actual actually real really exact happen happens happened going brings bring expect expects expected want wants
	wanted hope hopes hoped part date day week time year month details detail info information story news article
	report describe described description picture photo image pic run runs running do does hold holds holding
	become becomes became put role kind type sort appear appears appearing shown seen join joined joining called
	منصب منصبه منصبها وظيفه وظيفته وظيفتها دور دوره دورها رأي رايه رايك خطط خطه خططها تفاصيل معلومات خبر الخبر
	يوم اليوم تاريخ تاريخه وقت اسبوع بالاسبوع شهر سنه عام وصف يوصف وصفها متوقع يتوقع توقعات عايز يبغى يريد تكون يكون
	المذكور مذكور المذكوره ذكر الخبر خبر بالخبر كامله كاملة كلها كله عددهالي عددهم عددها
	كلمه كلمة الكلمه كلمات علامات تنصيص اقتباس معنى معني المقصود يقصد تعريف مفهوم وصف وصفها سماها اسم منصب تاني ثاني اخر آخر شغل شغلها الشغل
	monday tuesday wednesday thursday friday saturday sunday السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه سبت احد جمعه
	guy guys person man woman lady dude fella someone الراجل الزلمه الرجل شخص واحد
	يبلغ تبلغ بلغ بلغت يصل تصل وصل وصلت amount amounts
	approximately roughly about around exactly تقريبا حوالي يعني
	comment comments commented commenting remark remarked stated state talked talk spoke speak speaking mentioned
	علق علقوا تكلم اتكلم تحدث صرح حكوا
	المشاركه مشاركه المشاركين مشاركين تذكر يذكر اهم الاهم حدث الحدث مرفق المرفقه حط حطها قوسين قوس
	total overall مجموع بالمجموع المجموع اجمالا نهائي النهائي
	place places north south east west northern southern شمال جنوب شرق غرب
	full complete official officially weekday exist exists existed existence around
	صفه الصفه صفته صفتها الرسمي الرسميه الكامل
	use used uses using استخدم استخدمه استعمل استعمله
	old age aged عمر عمره عمرها now currently today الحين هلق دلوقتي حاليا الان
	ظاهرين يظهر ظاهر الصوره صوره اتاخدت اتعملت اتعمل اتعمل تابعه تابع تابعة مستقبل بمستقبل
	يشغل تشغل يتولى تتولى يتقلد حقيبة يرى ترى يعتقد تعتقد يعتبر تعتبر تريد يريدون تتوقع يبدو تبدو التقطت الملتقطة
	أقيم أقيمت عقدت جرى جرت يجري
	event events occasion occasions مناسبه المناسبه`)

// framingStems are the stems of framingWords.
var framingStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range framingWords {
		m[Stem(w)] = true
	}
	return m
}()

// IsFramingStem reports whether stem is the stem of a word that frames a question rather than names its topic
// ("title", "details", "exact", "منصبه", "تفاصيل"). A source need not hold such a word, nor a model answer's
// sources.
func IsFramingStem(stem string) bool { return framingStems[stem] }

// WordSet is the set of the normalised forms of the space-separated words of s: how a word list written as
// typed, in any spelling, is looked up in normalised text.
func WordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[Normalize(w)] = true
	}
	return m
}

// followUpCues open a question that leans on the previous one ("and the Tajik one?", "what about …", "وتركمانستان؟").
var followUpCues = []string{"and", "what about", "how about", "and what", "also", "same for", "then",
	"ماذا عن", "وماذا", "وشو", "وايش", "طيب", "طب", "وبالنسبه", "بالنسبه", "وكمان", "و"}

// OpensFollowUp reports whether a question's normalised words open with a cue that it leans on the previous
// question: "and …", "what about …", "وماذا …", "طيب …".
func OpensFollowUp(words []string) bool {
	joined := strings.Join(words, " ") + " "
	for _, c := range followUpCues {
		if strings.HasPrefix(joined, c+" ") {
			return true
		}
	}
	return false
}

// IsPronoun reports a normalised pronoun or demonstrative that, in a short question, points back at the previous
// one ("what did he say?", "شو قال هو؟").
func IsPronoun(w string) bool { return pronouns[w] }

// pronouns point back at what was said before.
var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "him": true, "his": true,
	"her": true, "its": true, "their": true, "them": true, "that": true, "this": true, "there": true, "those": true,
	"هو": true, "هي": true, "هم": true, "ذلك": true, "هذا": true, "هذه": true, "هناك": true, "ده": true, "دي": true}
