package rag

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge/nlp"
)

// query is a question prepared for retrieval: spelling corrected, analysed, and for a follow-up merged with the
// question it leans on.
type query struct {
	text     string // the corrected question
	lang     nlp.Lang
	kind     answerType
	list     bool
	weights  map[string]float64 // BM25 term weights: the question's own terms 1, a previous question's ½
	cover    map[string]float64 // coverage weight of each term: turn weight × IDF
	dense    string             // text embedded for the vector search
	followUp bool
	concepts map[int]bool // glossary entries the question names
	// namesPerson: the question names a person, so their role answers "who is …?"; namesBody: it names an
	// organisation or mechanism ("how old is the mechanism?" asks for its age, not a person's).
	namesPerson, namesBody bool
	// other: the question asks for another one than it names or than was said ("his other post", "منصبه
	// التاني", "who else").
	other bool
	// bearing: the question asks in which part of a place something is (see asksBearing); total: it asks how
	// many in all (see totalWords).
	bearing, total bool
	// belief: the question asks what someone believes, hopes, expects or wants (see beliefWords); last: it asks
	// for the last or final one ("his end goal", "الهدف الأخير", see lastWords).
	belief, last bool
	// whoIs: the question asks who someone is (see asksWhoIs); whatIs, who or what something is (see
	// asksWhatIs).
	whoIs, whatIs bool
	// locates: the question asks where something lies with a verb that locates ("أين تقع مصر؟").
	locates bool
	// describes: the question asks what something was called or should be ("وصف الأمانة بأنها شو؟", "بدو
	// الأمانة تكون شو؟"): a word in quotation marks is likely the answer.
	describes bool
	// amount: a count question asks an amount, not a number of things ("كم يبلغ الناتج المحلي؟", not "كم عدد
	// …؟" and not people): a number with its unit answers it.
	amount bool
	// counting holds the terms of what a count question counts ("how many countries", "كم دولة"), Arabic ones
	// also by their roots: a number that counts something else does not answer it. Nil when the question counts
	// nothing it names.
	counting []string
	// absent lists what the question names that no source holds: a glossary name or title, or a topic word
	// ("president", "budget"). Such a question is out of scope.
	absent []string
	// alt maps an Arabic term to its root term, which covers it in part (rootCredit).
	alt map[string]string
	// variants maps an Arabic term to the stems of other spellings of its word (see wordVariants), which cover
	// it nearly as well (variantCredit).
	variants map[string][]string
	// unknown holds the terms no source holds that name nothing either (see termUnknown); strange, those of them
	// that are no word of the language either (see termStrange).
	unknown, strange map[string]bool
	// asked is the language of a question in neither Arabic nor English, which its answer is to be written in:
	// a BCP 47 tag ("ru", "uz-Cyrl") or "und" when not named (see askedIn); "" for an Arabic or English question.
	// Such a question is read (lang) in English.
	asked string
	// ids are the index's ids of the terms in cover and alt (0 for a term no source holds), looked up once so
	// that coverage of every unit is a few binary searches.
	ids map[string]termID
}

// anyLang, as the language a model answer must be written in, accepts any (see checkModelText).
const anyLang nlp.Lang = ""

// answerLang is the language the question's answer must be written in: its own, or anyLang for a question in
// neither Arabic nor English, which a model answers in that language if it can.
func (q *query) answerLang() nlp.Lang {
	if q.asked != "" {
		return anyLang
	}
	return q.lang
}

// Coverage weights of a question's terms. What a question names and the sources hold weighs by rarity: 1 + its
// IDF, between about 1.2 (a word every passage has) and 1 + ln(2N+2). A framing word ("title", "منصبه") weighs
// softWeight. A word no source holds weighs unknownWeight: a typo the speller could not mend, a dialect word, a
// paraphrase, a greeting; it lowers confidence a little but cannot by itself make a question "not covered".
// Only what the question names and the sources lack (see query.absent) does that.
const (
	softWeight    = 0.3
	unknownWeight = 0.3
	// rootCredit is the share of a term's weight a source earns by holding only its Arabic root.
	rootCredit = 0.6
	// variantCredit is the share a source earns by holding another spelling of the word (see wordVariants).
	variantCredit = 0.9
	// rootWeight is a root term's BM25 weight in the query, beside its stem's 1.
	rootWeight = 0.3
)

// termClass is what a question term is to the sources.
type termClass int

const (
	termKnown   termClass = iota // some source holds it (or it is a framing word)
	termAbsent                   // it names something no source holds
	termUnknown                  // no source holds it, and it names nothing: a typo, a dialect word, a paraphrase
	termStrange                  // no source holds it, and it is no word of the language: most likely a name
)

// termWeight is the coverage weight of question term t, typed as word, and its class.
func (ix *Index) termWeight(t, word string) (float64, termClass) {
	full := 1 + ix.bm.idf(t)
	switch {
	case nlp.IsFramingStem(t):
		return softWeight, termKnown
	case describingWords[word] && ix.isKnown(t):
		return min(full, describeWeight), termKnown
	case ix.isKnown(t), ix.titleWords[t] && !topicStems[t]:
		return full, termKnown
	case strings.HasPrefix(t, "§"):
		// A glossary name or title no source holds ("Prime Minister") is what the question is about.
		if namedKinds[ix.lex.entries[ix.lex.conceptIndex(t)].Kind] {
			return full, termAbsent
		}
	case topicStems[t] || nameStems[t] || countryWords[word]:
		if topicStems[t] && (!nameStems[t] || sameParticular[word] != nil) && ix.holdsWord(word) {
			return unknownWeight, termUnknown // held in another form or word ("توفي" for "مات"), not as this stem
		}
		return full, termAbsent
	case ix.afterSources(t):
		return full, termAbsent // "what did the secretariat achieve in 2025?" of a report from 2024
	case !nlp.IsArabic(t) && !nlp.IsDigits(t) && len(t) >= 4 && !nlp.IsCommonEnglish(word) && !nlp.IsCommonEnglish(t):
		// An unknown Latin word that is no English word (asked of the word as typed: a stem such as "bodi" is
		// none) is most likely a name the sources do not have.
		return full, termStrange
	case nlp.IsArabic(t) && utf8.RuneCountInString(nlp.Root(word)) >= 5:
		// Arabic morphology finds no root of three or four letters in it: most likely a foreign name
		// ("زيلينسكي", "نزارباييف"). It weighs little, like any unknown word, but cannot be overlooked.
		return unknownWeight, termStrange
	}
	return unknownWeight, termUnknown
}

// describingWords say what something is like, not what it is: "the new hospital", "أي حدث كبير". Rare in the
// sources, they would weigh by their rarity and pull in any sentence with "high hopes" (آمال كبيرة); they weigh
// less than a common word, still enough to tell the new hospital from the old.
var describingWords = nlp.WordSet(`new big large huge major جديد جديده الجديد الجديده كبير كبيره الكبير الكبيره ضخم`)

// describeWeight is the coverage weight of a describing word the sources hold (see describingWords).
const describeWeight = 0.5

// afterSources reports a year, as a question term no source holds, later than the newest dated source.
func (ix *Index) afterSources(t string) bool {
	y, err := strconv.Atoi(t)
	return err == nil && len(t) == 4 && ix.lastYear > 0 && y > ix.lastYear
}

// namedKinds are the glossary kinds that name a thing a question can be about.
var namedKinds = map[string]bool{"person": true, "place": true, "country": true, "region": true, "org": true,
	"role": true, "event": true}

// isYesNo reports a yes/no question: "is it true that …", "was it …", "هل …", "واش …", "…, صح؟".
func isYesNo(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "هل", "واش", "ياتري", "صحيح", "صح", "is", "was", "were", "did", "does", "do", "are", "has", "have", "can",
		"isnt", "wasnt", "didnt":
		return true
	}
	switch words[len(words)-1] { // a statement to confirm: "so it was launched in Shanghai, right?"
	case "صح", "صحيح", "مظبوط", "مضبوط", "right", "correct", "true", "yeah", "yes":
		return len(words) > 2
	}
	return false
}

// addressContext are words that make "العنوان" an address: a seat, an office, a street.
var addressContext = nlp.WordSet(`مقر مقرها مقره شارع مكتب مكاتب موقع موقعها مبنى بنايه`)

// followUpWeight is how much a previous question's terms count in a follow-up.
const followUpWeight = 0.5

// prepare analyses a question. prev, when not nil, is the previous question of the same conversation; a short or
// pronoun-led question ("and the Tajik one?", "what did he say?", "وتركمانستان؟") is read together with it.
func (ix *Index) prepare(text string, prev *query) *query {
	toks := nlp.Tokenize(possessive.ReplaceAllString(text, "$1"))
	typed := make([]string, len(toks)) // as typed (normalised): question words are read from these first
	for i, t := range toks {
		typed[i] = t.Word
	}
	// In a question about who, a capital stands for its country ("who sent greetings from Ashgabat?", "Tashkent's
	// top diplomat"); elsewhere it is the city ("was it in Beijing?", "when was Astana founded?").
	yesNo := isYesNo(typed)
	kind := questionKind(typed)
	words := ix.readTokens(toks, typed, kind == whoAnswer && !yesNo)
	corrected := strings.Join(words, " ")
	a := ix.lex.analyzeTokens(toks, false)
	kind, absent := ix.readKind(kind, typed, words, yesNo)
	q := &query{
		text:     corrected,
		lang:     nlp.DetectLang(text),
		kind:     kind,
		absent:   absent,
		list:     (isListQuestion(typed) || isListQuestion(words)) && listsKind(kind),
		other:    slices.ContainsFunc(typed, func(w string) bool { return otherWords[w] }),
		weights:  map[string]float64{},
		cover:    map[string]float64{},
		concepts: map[int]bool{},
		alt:      map[string]string{},
		variants: map[string][]string{},
		unknown:  map[string]bool{},
		strange:  map[string]bool{},
	}
	q.readAsks(typed, yesNo)
	if kind == countAnswer {
		q.counting = ix.countedAfter(toks)
		people := slices.ContainsFunc(q.counting, func(t string) bool { return countedPeople[t] })
		if people {
			q.counting = append(q.counting, peopleTerm) // "كم عدد سكان …؟" is answered by "81 مليون نسمة"
		}
		q.amount = !people && !slices.ContainsFunc(toks, func(t nlp.Token) bool { return numberOfWords[t.Word] })
	}
	for _, e := range a.concepts {
		q.concepts[e] = true
		q.namesPerson = q.namesPerson || ix.lex.entries[e].Kind == "person"
		q.namesBody = q.namesBody || ix.lex.entries[e].Kind == "org"
	}
	// An English word no source holds reads as its synonym that some source does ("states" as "countries"),
	// outside glossary names ("top diplomat" stays a title).
	for i, t := range a.free {
		if syn, ok := ix.synonyms[t]; ok && !ix.isKnown(t) && !nlp.IsFramingStem(t) {
			a.free[i] = syn
			a.terms = append(a.terms, syn)
		}
	}
	for _, t := range a.terms {
		q.weights[t] = 1
	}
	ix.weigh(q, a, yesNo, cueWords(typed, words))
	for _, t := range negated(a) {
		delete(q.cover, t) // "the mechanism itself, not the secretariat": what it is not about
		delete(q.weights, t)
	}
	var canon []string
	for _, e := range a.concepts {
		entry := ix.lex.entries[e]
		canon = append(canon, entry.EN[0], entry.AR[0])
	}
	q.dense = strings.TrimSpace(corrected + " " + strings.Join(canon, " "))
	if prev != nil && isFollowUp(words, len(a.free), ix.spell) {
		q.followUp = true
		for t, w := range prev.weights {
			if _, own := q.weights[t]; !own {
				q.weights[t] = w * followUpWeight
			}
		}
		for t, w := range prev.cover {
			if _, own := q.cover[t]; !own {
				q.cover[t] = w * followUpWeight
				if prev.unknown[t] {
					q.unknown[t], q.strange[t] = true, prev.strange[t]
				}
			}
		}
		for t, r := range prev.alt {
			if _, own := q.alt[t]; !own {
				q.alt[t] = r
			}
		}
		for t, vs := range prev.variants {
			if _, own := q.variants[t]; !own {
				q.variants[t] = vs
			}
		}
		if q.kind == anyAnswer && prev.kind != titleAnswer {
			q.kind = prev.kind
		}
		q.list = q.list || prev.list && len(a.free) == 0
		q.dense += " " + prev.dense
	}
	return q.resolve(ix.vocab)
}

// readKind settles the kind of answer a question asks for, from its words as typed and as read (kind is what
// the typed words' cues said), and lists what it asks that no source can hold: the bot's opinion, a career,
// what happened afterwards, an address.
func (ix *Index) readKind(kind answerType, typed, words []string, yesNo bool) (answerType, []string) {
	if kind == anyAnswer {
		kind = questionKind(words)
	}
	var absent []string
	if nlp.AsksOpinion(typed) {
		absent = append(absent, "opinion") // the bot's own opinion: no source holds it
	}
	if nlp.AsksTask(typed) {
		absent = append(absent, "task") // "translate it into Kyrgyz": a task, not what the sources say
	}
	if nlp.AsksCareer(typed) {
		absent = append(absent, "career") // what someone did before: a report of one event does not say
	}
	if nlp.AsksAside(typed) {
		absent = append(absent, "aside") // what happened after it, who was there in person: not reported
	}
	if kind == titleAnswer && slices.ContainsFunc(typed, func(w string) bool { return addressContext[nlp.BareWord(w)] }) {
		// "العنوان" of a headquarters is its address, not a headline.
		kind = whereAnswer
		if !ix.words["عنوان"] {
			absent = append(absent, "عنوان")
		}
	}
	if kind == whoAnswer && slices.ContainsFunc(typed, func(w string) bool { return countryStems[nlp.Stem(w)] }) {
		kind = anyAnswer // "شكون هوما الدول ديال آسيا الوسطى؟": which countries, not which person
	}
	if (kind == anyAnswer || kind == countAnswer) && asksMeasure(typed) {
		kind = measureAnswer // "ما مساحة مصر؟", "كم تبلغ قيمة التمويل؟": a number with its unit
	}
	if kind == anyAnswer && asksBearing(typed, kind, yesNo) {
		kind = whereAnswer // "which part of China is Xi'an in?", "is Xi'an in the south?"
	}
	if kind == anyAnswer && yesNo && slices.ContainsFunc(words, func(w string) bool { return cityStems[nlp.Stem(w)] }) {
		kind = whereAnswer // "so it was launched in Shanghai, right?": the answer says where it was
	}
	return kind, absent
}

// notWords say what a question is not about when a noun follows ("الآلية نفسها مش الأمانة", "the mechanism,
// not the secretariat").
var notWords = nlp.WordSet(`not مش مو موش ليس ليست وليس وليست مهوش`)

// negated is the glossary names right after a negation in a ("not the secretariat"); a verb after one ("did
// not send") is left alone.
func negated(a analysis) []string {
	var out []string
	for i := 0; i+1 < len(a.toks); i++ {
		if !notWords[a.toks[i].Word] {
			continue
		}
		j := i + 1
		if a.toks[j].Word == "the" || a.toks[j].Word == "its" {
			j++
		}
		for _, sp := range a.spans {
			if sp.start == j {
				out = append(out, conceptTerm(sp.entry))
			}
		}
	}
	return out
}

// possessive is an English "'s" ("wu's title"): the name is what the sources hold ("wus" stems as itself).
var possessive = regexp.MustCompile(`(?i)([a-z])['’‘ʼ]s\b`)

// countedAfter is the terms of what a count question counts: the content word right after its "how many",
// "number of" or dialect "كم", or the glossary name it begins ("how many ppl work there" counts people, not
// work).
func (ix *Index) countedAfter(toks []nlp.Token) []string {
	// "The number of X" names what is counted wherever it stands ("بكم يقدر عدد سكان العراق؟": inhabitants, not
	// "estimated"); else the word after "how many" or "كم".
	for _, cue := range []func(i int) bool{
		func(i int) bool { return numberOf(toks, i) },
		func(i int) bool {
			w := toks[i].Word
			return w == "many" || w == "much" || kindAsked[nlp.DialectAsks(nlp.BareQuestionWord(w))] == countAnswer
		},
	} {
		for i := range toks {
			if cue(i) {
				return ix.countedAt(toks, i+1)
			}
		}
	}
	return nil
}

// numberOfWords say that a count counts things: "عدد", "number".
var numberOfWords = nlp.WordSet(`عدد بعدد وعدد لعدد العدد number`)

// numberOf reports whether toks[i] ends "number of" or is the Arabic "عدد" (with a clitic: "بعدد", "وعدد").
func numberOf(toks []nlp.Token, i int) bool {
	switch toks[i].Word {
	case "عدد", "بعدد", "وعدد", "لعدد", "العدد":
		return true
	case "عد": // "كم عد اقاليم الهند؟": عدد with a letter dropped
		return i > 0 && kindAsked[nlp.DialectAsks(toks[i-1].Word)] == countAnswer
	case "of":
		return i > 0 && toks[i-1].Word == "number"
	}
	return false
}

// countedAt is the terms of the counted word at toks[i]: the glossary name it begins, its synonym the sources
// hold, or its stem (and Arabic root); nil for a stop word or none.
func (ix *Index) countedAt(toks []nlp.Token, i int) []string {
	// "How many of the ministers", "قديش واحد من الوزرا": past "one" and "of" to what is counted.
	for skip := 0; skip < 2 && i < len(toks) && (toks[i].Stop || countValue(toks[i].Word) == 1 || measureLinks[toks[i].Word]); skip++ {
		i++
	}
	end := i
	for end < len(toks) && end < i+2 && !toks[end].Stop {
		end++
	}
	if end == i {
		return nil
	}
	a := ix.lex.analyzeTokens(toks[i:end], false)
	first := toks[i]
	for _, sp := range a.spans {
		if sp.start == 0 {
			return []string{conceptTerm(sp.entry), first.Stem}
		}
	}
	if syn, ok := ix.synonyms[first.Stem]; ok && !ix.isKnown(first.Stem) {
		return []string{syn} // "how many nations" counts what "the six countries" does
	}
	if r := rootTerm(first); r != "" {
		return []string{first.Stem, r} // "كم دولة" counts what "الدول الخمس" does
	}
	return []string{first.Stem}
}

// resolve returns q with the ids of its terms in v looked up anew (a copy when q had them): analysing clauses
// while answering may add terms to the vocabulary.
func (q *query) resolve(v *vocab) *query {
	if q.ids != nil {
		c := *q
		q = &c
	}
	q.ids = make(map[string]termID, len(q.cover)+len(q.alt))
	for t := range q.cover {
		q.ids[t] = v.id(t)
	}
	for _, t := range q.counting {
		q.ids[t] = v.id(t)
	}
	for _, r := range q.alt {
		q.ids[r] = v.id(r)
	}
	for _, vs := range q.variants {
		for _, s := range vs {
			q.ids[s] = v.id(s)
		}
	}
	return q
}

// declitic reads an Arabic question word the sources lack without the clitic or dialect prefix it carries
// ("بكلمه" → "كلمه", "بتظهر" → "تظهر", "اسمو" → "اسم"): the bare form if it is a stop word, a framing word, a
// word the sources hold or the start of a glossary name.
func (ix *Index) declitic(t nlp.Token) (string, bool) {
	if !nlp.IsArabic(t.Word) || ix.isKnown(t.Stem) || ix.lex.forms[t.Stem] != nil {
		return "", false
	}
	for _, v := range append(nlp.CliticVariants(t.Word), nisbaBase(t.Word)...) {
		st := nlp.Stem(v)
		if nlp.IsStop(v) || nlp.IsFramingStem(st) || ix.isKnown(st) || ix.lex.forms[st] != nil {
			return v, true
		}
	}
	return "", false
}

// nisbaBase is an Arabic adjective of relation without its ending, when four letters remain ("التركمانستاني" →
// "تركمانستان", "الكازاخستانية" → "كازاخستان"): the country or place it is of.
func nisbaBase(w string) []string {
	w = nlp.BareWord(w)
	for _, e := range []string{"يين", "يون", "يه", "ي"} {
		if r, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(r) >= 4 {
			return []string{r}
		}
	}
	return nil
}

// gVariant reads an Arabic word the sources lack as the word of a glossary name it is with another letter for
// the "g" of a foreign name (غ، ق، ج، ك، گ): "دونق" and "دونغ" (Dong), "جينبينق". Arabic words have too many
// neighbours for this beyond the glossary's names.
func (ix *Index) gVariant(w string) (string, bool) {
	if !nlp.IsArabic(w) || ix.spell.Knows(w) {
		return "", false
	}
	r := []rune(w)
	for i, c := range r {
		if !strings.ContainsRune(gLetters, c) {
			continue
		}
		for _, g := range gLetters {
			if g == c {
				continue
			}
			r[i] = g
			if v := string(r); ix.nameWords[v] {
				return v, true
			}
		}
		r[i] = c
	}
	return "", false
}

// gLetters are the letters Arabic writes the "g" of a foreign name with.
const gLetters = "غقجكگ"

// nameBehindClitic reads an Arabic word the sources lack as the world name or capital it holds behind a
// one-letter proclitic ("ببكين" → "بكين", "لموسكو" → "موسكو").
func (ix *Index) nameBehindClitic(t nlp.Token) (string, bool) {
	if !nlp.IsArabic(t.Word) || ix.isKnown(t.Stem) || nameStems[t.Stem] {
		return "", false
	}
	for _, v := range nlp.CliticVariants(t.Word) {
		if _, capital := capitals[v]; capital || nameStems[nlp.Stem(v)] {
			return v, true
		}
	}
	return "", false
}

// substantive reports whether the question names anything beyond framing words ("date", "exact", "title").
func (q *query) substantive() bool {
	for t := range q.cover {
		if !nlp.IsFramingStem(t) {
			return true
		}
	}
	return false
}

// kindOnly reports a question that names nothing but the time or place it wants ("when?", "what was the exact
// date of it?"): it asks about the event the sources report.
func (q *query) kindOnly() bool {
	switch q.kind {
	case whenAnswer, dateAnswer, whereAnswer, ageAnswer, weekdayAnswer, hourAnswer, yearAnswer:
		return !q.substantive()
	}
	return false // "who?" or "how many?" alone is too vague to answer
}

// readTokens reads a question's words as the sources would spell them, in place: chat shorthand as the word it
// stands for, a capital the sources lack as its country (when capitalsAsCountries), a word with a clitic or
// dialect prefix the sources lack without it, a typo as the sources' word, a misspelt question or function word
// as that word. It returns the words as read.
func (ix *Index) readTokens(toks []nlp.Token, typed []string, capitalsAsCountries bool) []string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Word
		if w := nlp.Shorthand(typed, i); w != "" {
			words[i], toks[i] = w, nlp.TokenOf(w)
			continue
		}
		if name, ok := ix.nameBehindClitic(t); ok {
			t = nlp.TokenOf(name) // "ببكين" is "بكين", a world name, behind the preposition ب
			words[i], toks[i] = name, t
		}
		if country, ok := capitals[t.Word]; ok && capitalsAsCountries && !ix.words[t.Word] {
			words[i], toks[i] = country, nlp.TokenOf(country)
			continue
		}
		if t.Word == "اباد" && i > 0 && typed[i-1] == "عشق" && words[i-1] != typed[i-1] {
			toks[i].Stop = true // "عشق آباد": the first word stood for the country
			continue
		}
		if t.Stop || nlp.IsFramingStem(t.Stem) || nameStems[t.Stem] || topicStems[t.Stem] {
			continue // a world name or topic word is read as typed: "بينغ" (Xi Jinping) is not "ب" + "ينغ"
		}
		if v, ok := ix.declitic(t); ok {
			words[i], toks[i] = v, nlp.TokenOf(v)
			continue
		}
		if c := ix.spell.Correct(t.Word); c != t.Word {
			words[i], toks[i] = c, nlp.TokenOf(c)
		} else if v, ok := ix.gVariant(t.Word); ok {
			words[i], toks[i] = v, nlp.TokenOf(v) // "دونق" is "دونغ"
		} else if qw := nlp.QuestionWordTypo(t.Word); qw != "" && standsForQuestionWord(typed, i) {
			words[i], toks[i] = qw, nlp.Token{Word: qw, Stem: qw, Stop: true} // "wher", "and whta"
		} else if nlp.StopTypo(t.Word) {
			toks[i].Stop = true // "acording", "betwen": a misspelt function word is still one
		}
	}
	return words
}

// framedConcepts are the glossary concepts a question names only in framing words ("event", "المناسبة"): the
// article's ceremony, to the glossary, but in other sources just a way of asking.
func framedConcepts(a analysis) map[string]bool {
	out := map[string]bool{}
	for _, s := range a.spans {
		if !slices.ContainsFunc(a.toks[s.start:s.end], func(t nlp.Token) bool { return !t.Stop && !nlp.IsFramingStem(t.Stem) }) {
			out[conceptTerm(s.entry)] = true
		}
	}
	return out
}

// weigh sets the coverage weight of each of the question's terms and sorts out what it names that the sources
// lack (absent), what it says in words they do not hold (unknown) and the Arabic roots that stand in for those.
// A word of the question's cue phrase the sources lack ("long" in "how long has it existed") says what kind of
// answer is wanted, not what it is about: it is left out.
func (ix *Index) weigh(q *query, a analysis, yesNo bool, cues map[string]bool) {
	typed := map[string]string{} // stem → the question's word for it
	named := map[string]bool{}   // stems right after a name particle ("ابن بطوطة"): part of a name
	framed := framedConcepts(a)
	for i, t := range a.toks {
		if !t.Stop {
			typed[t.Stem] = nlp.BareWord(t.Word)
		}
		if i > 0 && nameParticles[a.toks[i-1].Word] {
			named[t.Stem] = true
		}
	}
	for _, t := range a.free {
		w, class := ix.termWeight(t, typed[t])
		if class == termUnknown && named[t] {
			w, class = 1+ix.bm.idf(t), termAbsent // "متى توفي ابن بطوطة؟": someone the sources never name
		}
		if class == termUnknown && cues[typed[t]] {
			continue
		}
		if word, ok := typed[t]; ok && (topicStems[t] || nameStems[t] || countryWords[word]) && !ix.holdsWord(word) {
			w, class = 1+ix.bm.idf(t), termAbsent
		}
		if framed[t] && class == termAbsent {
			w, class = softWeight, termKnown // "what event …?" in sources that hold no ceremony
		}
		if yesNo && cityStems[t] && class == termAbsent {
			w, class = softWeight, termKnown // "was it in Beijing?": the answer says where it was
		}
		q.cover[t] = w
		switch class {
		case termAbsent:
			q.absent = append(q.absent, t)
		case termUnknown:
			q.unknown[t] = true
		case termStrange:
			q.unknown[t], q.strange[t] = true, true
		}
		if r := a.roots[t]; r != "" {
			q.alt[t] = r
			if !ix.isKnown(t) {
				q.weights[r] = rootWeight
			}
		}
		if vs := a.variants[t]; len(vs) > 0 {
			q.variants[t] = vs
			if k := slices.IndexFunc(vs, ix.isKnown); class == termUnknown && k >= 0 {
				// "تحد" no source holds, "يحد" one does: the question's verb, not a word it merely lacks.
				q.cover[t] = 1 + ix.bm.idf(vs[k])
				delete(q.unknown, t)
				delete(q.strange, t)
			}
		}
	}
}

// standsForQuestionWord reports whether typed[i], one letter from a question word, stands for one: when the question
// has no other question word ("hi wher was it held", "any idea wen it started"), or opens it. A question rarely
// asks twice: in "wu ying chen promised what" and "who is chen", "chen" is a name.
func standsForQuestionWord(typed []string, i int) bool {
	return i == 0 || !slices.ContainsFunc(typed, func(w string) bool { return enQuestionWords[w] })
}

// enQuestionWords are the English question words a misspelt one may stand for.
var enQuestionWords = nlp.WordSet(`what where when which who whom whose how`)

// nameParticles stand before a name: "ابن بطوطة", "أبو العلاء", "آل سعود".
var nameParticles = nlp.WordSet(`ابن بن ابو أبو ام أم بنت ال آل`)

// listsKind reports the kinds a question may want a whole list of: "which countries", "who sent messages", "where";
// not a count, a time or an amount ("منذ متى المغرب عضو في جامعة الدول العربية؟" names دول, and wants a date).
func listsKind(k answerType) bool {
	return k == anyAnswer || k == whoAnswer || k == whereAnswer || k == sayAnswer || k == roleAnswer
}

// holdsWord reports whether the sources hold bare word w itself or another form of it ("ولاية" for "ولايات",
// "ابنته" for "ابنتي"), not only a word that stems alike ("الرئيسية", main, for "رئيس", president).
func (ix *Index) holdsWord(w string) bool {
	if ix.words[w] || ix.bases[nlp.InflectedBase(w)] {
		return true
	}
	// "عن أي عمر مات أرطغرل؟" asks what a source saying "توفي" holds.
	for _, same := range sameParticular[w] {
		if ix.words[same] || ix.bases[nlp.InflectedBase(same)] {
			return true
		}
	}
	return false
}

// hasContent reports whether the question names anything to look up (it is not just "hi" or "?").
func (q *query) hasContent() bool { return len(q.cover) > 0 }

// isFollowUp reports whether a question leans on the previous one: it opens with a follow-up cue ("and …",
// "what about …", a leading Arabic و on an unknown word), or it names at most two things, or it points back
// with a pronoun.
func isFollowUp(words []string, contentTerms int, sp *nlp.Speller) bool {
	if len(words) == 0 {
		return false
	}
	if nlp.OpensFollowUp(words) {
		return true
	}
	if _, ok := nlp.CutAnd(words[0], 2); ok && len(words) <= 4 && !sp.Knows(words[0]) {
		return true
	}
	if contentTerms <= 2 {
		return true
	}
	for _, w := range words {
		if nlp.IsPronoun(w) {
			return contentTerms <= 3
		}
	}
	return false
}
