package nlp

// English chat shorthand, read as the word it stands for before spelling correction, so that "how many ppl
// work there" asks about people. Only abbreviations with one reading are listed: "fm" (foreign minister or
// radio) and "pm" (prime minister or afternoon) are not. Shorthand for function words ("abt", "pls", "u") is
// among the stop words instead.
var shorthand = map[string]string{
	"ppl": "people", "ppls": "people", "peeps": "people", "govt": "government", "govts": "governments",
	"gov": "government", "msg": "message", "msgs": "messages", "info": "information", "yr": "year",
	"yrs": "years", "hrs": "hours", "tmrw": "tomorrow", "tmr": "tomorrow", // not "mins": "foreign mins"
	"bday": "birthday", "intl": "international", "natl": "national", "dept": "department", "mgr": "manager",
	"prez": "president", "ctry": "country", "cntry": "country",
	"mtg": "meeting", "anniv": "anniversary", "approx": "approximately", "prc": "china",
	"smth": "something", "sth": "something", "smthg": "something", "gonna": "going", "wanna": "want",
	"gotta": "got", "kinda": "kind", "dunno": "know",
	// question words as chat types them (they are stop words too, but a cue such as "what year" needs them)
	"wat": "what", "wut": "what", "wht": "what", "hw": "how", "whn": "when", "whr": "where",
}

// Shorthand is the word that the normalised word at i of words stands for, or "": English chat shorthand
// ("ppl" → "people"), and "us" after "the" ("did the us say anything") for the United States.
func Shorthand(words []string, i int) string {
	if words[i] == "us" && i > 0 && words[i-1] == "the" {
		return "usa"
	}
	return shorthand[words[i]]
}
