package nlp

import "strings"

// Root extracts the consonantal root of a normalised Arabic word without a root dictionary, after the ISRI
// stemmer (Taghva, Elkhoury and Coombs, "Arabic Stemming Without A Root Dictionary", ITCC 2005): strip the
// longest affixes, then match the word against the patterns of four-, five- and six-letter words. Words of other
// lengths, and words no pattern fits, come back with their affixes stripped only.
//
// Roots join words light stemming keeps apart ("احتفالا" celebration, "احتفلوا" they celebrated, "حفل" ceremony
// all give حفل) but also words that share nothing but a root, so they are a low-weight channel beside stems.
// Input is Normalize's form: ة is ه and ئ is ي.
func Root(w string) string {
	r := []rune(w)
	r = trimAffix(r, rootPrefixes3, 6, true)
	r = trimAffix(r, rootPrefixes2, 5, true)
	r = trimAffix(r, rootSuffixes3, 6, false)
	r = trimAffix(r, rootSuffixes2, 5, false)
	if s := string(r); strings.HasPrefix(s, "وو") {
		if rest, ok := CutAnd(s, 3); ok {
			r = []rune(rest) // the conjunction before a word of its own starting with و ("ووزير")
		}
	}
	switch len(r) {
	case 4:
		r = rootOf4(r)
	case 5:
		r = rootOf5(r)
	case 6:
		r = rootOf6(r)
	case 7:
		r = trimOne(r, rootSuffixes1, false)
		if len(r) == 7 {
			r = trimOne(r, rootPrefixes1, true)
		}
		if len(r) == 6 {
			r = rootOf6(r)
		}
	}
	return string(hollow(r))
}

// hollow writes a three-letter root's weak middle letter as و, so the forms of a hollow root meet: دار, يدير,
// مدير and إدارة all give دور; قال, يقول and قيل give قول. Which of ا, و and ي the middle is cannot be told
// without a dictionary; joining them costs a few unrelated pairs (دين, دون), which a low-weight channel bears.
func hollow(r []rune) []rune {
	if len(r) == 3 && in(r[1], "اوي") && !in(r[0], "اوي") && !in(r[2], "اوي") {
		return []rune{r[0], 'و', r[2]}
	}
	return r
}

var (
	rootPrefixes3 = []string{"كال", "بال", "ولل", "وال"}
	rootPrefixes2 = []string{"ال", "لل"}
	rootSuffixes3 = []string{"تمل", "همل", "تان", "تين", "كمل"}
	rootSuffixes2 = []string{"ون", "ات", "ان", "ين", "تن", "كم", "هن", "نا", "يا", "ها", "تم", "كن", "ني", "وا", "ما", "هم"}
	rootPrefixes1 = "لبفسويتنا"
	rootSuffixes1 = "هيكتان"
)

// trimAffix removes the first of affixes found at the word's start (prefix) or end, when the word has at least
// minLen letters.
func trimAffix(r []rune, affixes []string, minLen int, prefix bool) []rune {
	if len(r) < minLen {
		return r
	}
	s := string(r)
	for _, a := range affixes {
		if prefix && strings.HasPrefix(s, a) {
			return r[len([]rune(a)):]
		}
		if !prefix && strings.HasSuffix(s, a) {
			return r[:len(r)-len([]rune(a))]
		}
	}
	return r
}

// trimOne removes one letter of set from the word's start (prefix) or end.
func trimOne(r []rune, set string, prefix bool) []rune {
	switch {
	case prefix && strings.ContainsRune(set, r[0]):
		return r[1:]
	case !prefix && strings.ContainsRune(set, r[len(r)-1]):
		return r[:len(r)-1]
	}
	return r
}

func in(r rune, set string) bool { return strings.ContainsRune(set, r) }

// rootOf4: مفعل، فاعل، فعال/فعول/فعيل، فعلة.
func rootOf4(r []rune) []rune {
	switch {
	case in(r[0], "يت") && in(r[2], "وي") && !in(r[1], "اوي"): // يفول، تفيل: a hollow verb's present (يدير، تقول)
		return []rune{r[1], r[2], r[3]}
	case r[0] == 'ا' && r[2] == 'ا': // أفال: a hollow verb's past in form IV (أقام، أشار)
		return []rune{r[1], r[2], r[3]}
	case r[0] == 'م':
		return r[1:]
	case r[1] == 'ا':
		return []rune{r[0], r[2], r[3]}
	case in(r[2], "اوي"):
		return []rune{r[0], r[1], r[3]}
	case in(r[3], "هي"):
		return r[:3]
	}
	r = trimOne(r, rootSuffixes1, false)
	if len(r) == 4 {
		r = trimOne(r, rootPrefixes1, true)
	}
	return r
}

// rootOf5 matches the five-letter patterns with three-letter roots, then those with four-letter roots.
func rootOf5(r []rune) []rune {
	var out []rune
	switch {
	case r[0] == 'ا' && r[2] == 'ا' && r[4] == 'ه': // افالة: a hollow root's verbal noun (إدارة، إقامة، إشارة)
		out = []rune{r[1], r[2], r[3]}
	case in(r[2], "ات") && r[0] == 'ا': // افتعل، افاعل
		out = []rune{r[1], r[3], r[4]}
	case in(r[3], "ايو") && r[0] == 'م': // مفعول، مفعال، مفعيل
		out = []rune{r[1], r[2], r[4]}
	case in(r[0], "اتم") && r[4] == 'ه': // مفعلة، تفعلة، افعلة
		out = []rune{r[1], r[2], r[3]}
	case in(r[0], "ميت") && r[2] == 'ت': // مفتعل، يفتعل، تفتعل
		out = []rune{r[1], r[3], r[4]}
	case in(r[0], "مت") && r[2] == 'ا': // مفاعل، تفاعل
		out = []rune{r[1], r[3], r[4]}
	case in(r[2], "او") && r[4] == 'ه': // فعولة، فعالة
		out = []rune{r[0], r[1], r[3]}
	case in(r[0], "ام") && r[1] == 'ن': // انفعل، منفعل
		out = []rune{r[2], r[3], r[4]}
	case r[3] == 'ا' && r[0] == 'ا': // افعال
		out = []rune{r[1], r[2], r[4]}
	case r[4] == 'ن' && r[3] == 'ا': // فعلان
		out = []rune{r[0], r[1], r[2]}
	case r[3] == 'ي' && r[0] == 'ت': // تفعيل
		out = []rune{r[1], r[2], r[4]}
	case r[3] == 'و' && r[1] == 'ا': // فاعول
		out = []rune{r[0], r[2], r[4]}
	case r[2] == 'ا' && r[1] == 'و': // فواعل
		out = []rune{r[0], r[3], r[4]}
	case r[3] == 'ي' && r[2] == 'ا': // فعائل
		out = []rune{r[0], r[1], r[4]}
	case r[4] == 'ه' && r[1] == 'ا': // فاعلة
		out = []rune{r[0], r[2], r[3]}
	case r[4] == 'ي' && r[2] == 'ا': // فعالي
		out = []rune{r[0], r[1], r[3]}
	default:
		out = trimOne(r, rootSuffixes1, false)
		if len(out) == 5 {
			out = trimOne(out, rootPrefixes1, true)
		}
	}
	switch len(out) {
	case 4:
		return rootOf4(out)
	case 5:
		return rootOf5as4(out)
	}
	return out
}

// rootOf5as4: تفعلل، افعلل، مفعلل، فعللة، فعالل.
func rootOf5as4(r []rune) []rune {
	switch {
	case in(r[0], "اتم"):
		return r[1:]
	case r[4] == 'ه':
		return r[:4]
	case r[2] == 'ا':
		return []rune{r[0], r[1], r[3], r[4]}
	}
	return r
}

// rootOf6: استفعل/مستفعل، مفعالة، افتعال، افعوعل، تفاعيل; then افعلال، متفعلل.
func rootOf6(r []rune) []rune {
	s := string(r)
	var out []rune
	switch {
	case strings.HasPrefix(s, "است") || strings.HasPrefix(s, "مست"):
		out = r[3:]
	case r[0] == 'م' && r[3] == 'ا' && r[5] == 'ه':
		out = []rune{r[1], r[2], r[4]}
	case r[0] == 'ا' && r[2] == 'ت' && r[4] == 'ا':
		out = []rune{r[1], r[3], r[5]}
	case r[0] == 'ا' && r[3] == 'و' && r[2] == r[4]:
		out = []rune{r[1], r[4], r[5]}
	case r[0] == 'ت' && r[2] == 'ا' && r[4] == 'ي':
		out = []rune{r[1], r[3], r[5]}
	default:
		out = trimOne(r, rootSuffixes1, false)
		if len(out) == 6 {
			out = trimOne(out, rootPrefixes1, true)
		}
	}
	switch len(out) {
	case 5:
		return rootOf5(out)
	case 6:
		switch {
		case out[0] == 'ا' && out[4] == 'ا':
			return []rune{out[1], out[2], out[3], out[5]}
		case strings.HasPrefix(string(out), "مت"):
			return out[2:]
		}
	}
	return out
}
