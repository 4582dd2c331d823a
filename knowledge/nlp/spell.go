package nlp

import "strings"

// Speller corrects a misspelt word to the nearest word of a vocabulary (for the bot: the words of the sources and
// the glossary, so "forign" → "foreign", "قيرغستان" → "قيرغيزستان"), so a typo neither misses its passage nor
// counts as a topic the sources lack. Words are corrected only within a small edit distance that grows with
// length, and never when short.
//
// A Speller is filled with Add and then only read: Correct, Knows and KnowsStem are safe for concurrent use,
// Add is not safe together with anything else.
type Speller struct {
	known map[string]int   // normalised word → frequency
	stems map[string]bool  // stems of known words
	byLen map[int][]string // known words by rune length
	// byKey holds the known Latin words that are no English word (names, mostly) by their latinKey.
	byKey  map[string][]string
	minLen int
}

// NewSpeller returns a speller that knows no word yet.
func NewSpeller() *Speller {
	return &Speller{known: map[string]int{}, stems: map[string]bool{}, byLen: map[int][]string{},
		byKey: map[string][]string{}, minLen: 4}
}

// Add adds a word of the vocabulary (a stop word is not added); a word added more often wins a tie.
func (s *Speller) Add(t Token) {
	if t.Stop {
		return
	}
	if s.known[t.Word] == 0 {
		// Kept for good: a copy, not a piece of the normalised text it was cut from.
		t.Word, t.Stem = strings.Clone(t.Word), strings.Clone(t.Stem)
		s.byLen[len([]rune(t.Word))] = append(s.byLen[len([]rune(t.Word))], t.Word)
		if k := latinKey(t.Word); k != "" && !IsCommonEnglish(t.Word) {
			s.byKey[k] = append(s.byKey[k], t.Word)
		}
	}
	s.known[t.Word]++
	if !s.stems[t.Stem] && s.known[t.Stem] == 0 {
		// Stems are candidates too: "تظهر" is one edit from the stem of "ويظهر", not from the word.
		s.byLen[len([]rune(t.Stem))] = append(s.byLen[len([]rune(t.Stem))], t.Stem)
	}
	s.stems[t.Stem] = true
}

// Knows reports whether w was added.
func (s *Speller) Knows(w string) bool { return s.known[w] > 0 }

// KnowsStem reports whether a word with stem was added.
func (s *Speller) KnowsStem(stem string) bool { return s.stems[stem] }

// maxEdits is the number of edits tolerated in a word of n runes.
func maxEdits(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// Correct returns the known word closest to w, or w itself when w is known, too short, or nothing is close.
func (s *Speller) Correct(w string) string {
	r := []rune(w)
	if len(r) < s.minLen || s.known[w] > 0 || s.stems[Stem(w)] || IsDigits(w) {
		return w
	}
	// A common English word is what the user meant, not a typo: "funding" must not become "founding".
	if !IsArabic(w) && IsCommonEnglish(w) {
		return w
	}
	// Dialect verb prefixes: Egyptian and Levantine ب before a present tense (بتظهر), ح/ه for the future
	// (حتنفذ). Try the verb without it.
	if len(r) >= 5 && strings.ContainsRune("بحه", r[0]) && strings.ContainsRune("يتنا", r[1]) {
		if c := s.Correct(string(r[1:])); c != string(r[1:]) || s.known[c] > 0 || s.stems[Stem(c)] {
			return c
		}
	}
	// An Arabic article does not make a word longer for this purpose ("المشاركه" is a 6-letter word), and
	// short Arabic words have too many neighbours to correct at all: "سكان" (inhabitants) is one letter from
	// "سيان" (Xi'an).
	limit := maxEdits(len(r))
	if IsArabic(w) {
		n := len(r)
		if strings.HasPrefix(w, "ال") {
			n -= 2
		}
		limit = maxEdits(n)
		if n < 5 {
			limit = 0
		}
	}
	best, bestDist, bestFreq := w, limit+1, 0
	for n := len(r) - limit; n <= len(r)+limit; n++ {
		for _, cand := range s.byLen[n] {
			d := editDistance(r, []rune(cand), limit)
			if d > limit {
				continue
			}
			if d < bestDist || d == bestDist && s.known[cand] > bestFreq {
				best, bestDist, bestFreq = cand, d, s.known[cand]
			}
		}
	}
	if best == w && !IsArabic(w) {
		best = s.soundAlike(w)
	}
	if best == w {
		// A name transliterated another way ("jeenbek", "kulubayev", "mukhriddin"): the one known name with
		// the same consonant skeleton, about as long and with the same first vowel ("muradov" is not "meredov").
		if same := s.byKey[latinKey(w)]; len(same) == 1 && abs(len(same[0])-len(w)) <= 2 &&
			firstVowel(same[0]) == firstVowel(w) {
			return same[0]
		}
	}
	return best
}

// soundFold writes the letters English spells one sound with alike: "foto" and "photo", "sekretariat" and
// "secretariat", "uzbek" and "usbek".
var soundFold = strings.NewReplacer("ph", "f", "ck", "k", "c", "k", "q", "k", "z", "s").Replace

// soundAlike is the most frequent known word written exactly as w once both are written by sound (see
// soundFold), or w. Only exactly: a name one letter off once folded ("ziad", "zhou") is another name, not a typo
// of "sian" or "show".
func (s *Speller) soundAlike(w string) string {
	fw := soundFold(w)
	n := len([]rune(fw))
	best, bestFreq := w, 0
	for _, l := range []int{n, n + 1, n + 2} { // "ph" and "ck" are one letter once folded
		for _, cand := range s.byLen[l] {
			if !IsArabic(cand) && s.known[cand] > bestFreq && soundFold(cand) == fw {
				best, bestFreq = cand, s.known[cand]
			}
		}
	}
	return best
}

func firstVowel(w string) byte {
	if i := strings.IndexAny(w, "aeiou"); i >= 0 {
		return w[i]
	}
	return 0
}

func abs(n int) int { return max(n, -n) }

// latinKey is the consonant skeleton of a Latin word of five letters or more, folding what transliterations
// of the same name vary on: zh, dzh, dj and j; kh and h; ph and f; q and k; w and v; vowels and y (after the
// first letter); doubled letters. "" for other words.
func latinKey(w string) string {
	if len(w) < 5 || IsArabic(w) || IsDigits(w) {
		return ""
	}
	r := strings.NewReplacer("dzh", "j", "zh", "j", "dj", "j", "kh", "h", "ph", "f", "ck", "k", "q", "k", "w", "v").Replace(w)
	var b strings.Builder
	var last byte
	for i := 0; i < len(r); i++ {
		c := r[i]
		if i > 0 && strings.IndexByte("aeiouy", c) >= 0 || c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between a and
// b, or limit+1 as soon as it must exceed limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// latinStops are the English stop words of five letters or more, the ones long enough to tell a typo of from
// another word.
var latinStops = func() []string {
	var out []string
	for w := range stopWords {
		if !IsArabic(w) && len(w) >= 5 {
			out = append(out, w)
		}
	}
	return out
}()

// questionWords are the English question words a four-letter typo is read as ("wher", "whta").
var questionWords = []string{"what", "where", "when", "which", "whose", "how", "who"}

// QuestionWordTypo is the English question word one edit from w ("wher" → "where"), or "".
func QuestionWordTypo(w string) string {
	if IsArabic(w) || len(w) < 3 || len(w) > 6 || stopWords[w] || IsCommonEnglish(w) {
		return ""
	}
	r := []rune(w)
	for _, q := range questionWords {
		if editDistance(r, []rune(q), 1) <= 1 {
			return q
		}
	}
	return ""
}

// StopTypo reports an unknown Latin word one edit from an English stop word ("acording", "betwen").
func StopTypo(w string) bool {
	if IsArabic(w) || len(w) < 5 || IsCommonEnglish(w) {
		return false
	}
	r := []rune(w)
	for _, s := range latinStops {
		if editDistance(r, []rune(s), 1) <= 1 {
			return true
		}
	}
	return false
}
