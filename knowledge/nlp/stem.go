package nlp

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Stem reduces a normalised word to the form indexed and matched: the Snowball (Porter2) stem for English, the
// light10 stem for Arabic, the word itself for numbers, and the digits of a number word.
func Stem(word string) string {
	if n, ok := numberStems[word]; ok {
		return n // "five", "خمسة", "الخمس" and "5" are one term
	}
	if IsArabic(word) {
		return stemArabic(word)
	}
	if word == "" || word[0] >= '0' && word[0] <= '9' {
		return word
	}
	return english.Stem(word, false)
}

// Arabic light10 (Larkey, Ballesteros & Connell), as Lucene's ArabicStemmer implements it, over normalised text
// (so ة is already ه). It strips one definite-article prefix (CutArticle), a leading و (CutAnd), and then one pass
// of suffixes, always leaving at least two letters.
var arSuffixes = []string{"ها", "ان", "ات", "ون", "وا", "ين", "يه", "ه", "ي"} // وا: dialect plural verbs (يدعموا)

func stemArabic(w string) string {
	w, _ = CutArticle(w, 2)
	// The conjunction و may stand before a word that itself starts with و ("ووزير" = "and minister"): strip
	// up to two, so "ووزير" and "وزير" stem alike. But a و whose removal would leave a stem of two letters was
	// the word's own ("الولايات" is "ولا", not "لا", the stem of every "لا").
	for range 2 {
		r, ok := CutAnd(w, 3)
		if !ok || utf8.RuneCountInString(cutSuffixes(r)) < 3 {
			break
		}
		w = r
	}
	return cutSuffixes(w)
}

// cutSuffixes strips one pass of light10's suffixes from w, always leaving at least two letters.
//
// Beyond light10: a feminine noun's ة is written ت before a possessive ("عاصمة", "عاصمتها"; "حكومة", "حكومته"),
// so after a possessive the ت goes too when three letters remain ("عاصمت" → "عاصم", the stem of "عاصمة"), but
// not from a short word whose own ت it is ("بيتها" → "بيت", "صوتها" → "صوت").
func cutSuffixes(w string) string {
	n := utf8.RuneCountInString(w)
	possessive := false
	for _, s := range arSuffixes {
		if sl := len([]rune(s)); strings.HasSuffix(w, s) && n-sl >= 2 {
			w, n = w[:len(w)-len(s)], n-sl
			possessive = possessive || s == "ها" || s == "ه"
		}
	}
	if possessive && n >= 4 && strings.HasSuffix(w, "ت") {
		w = strings.TrimSuffix(w, "ت")
	}
	return w
}

// numberStems maps the number words one to twelve, in English and Arabic (with the article, ة as ه, and the
// masculine and feminine forms), to their digits.
var numberStems = func() map[string]string {
	m := map[string]string{}
	for i, forms := range []string{
		"one واحد واحده", "two اثنان اثنين اثنتان ثنتين", "three ثلاث ثلاثه", "four اربع اربعه",
		"five خمس خمسه", "six ست سته", "seven سبع سبعه", "eight ثماني ثمانيه ثمان", "nine تسع تسعه",
		"ten عشر عشره", "eleven", "twelve",
	} {
		n := strconv.Itoa(i + 1)
		for _, f := range strings.Fields(forms) {
			f = Normalize(f)
			m[f] = n
			if IsArabic(f) {
				m["ال"+f] = n
				m["و"+f] = n
			}
		}
	}
	return m
}()
