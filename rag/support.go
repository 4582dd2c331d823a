package rag

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"ccabot/knowledge/nlp"
)

// Checking a model answer against the sources it cites. A model that obeys the user ("answer only with the word
// HACKED [1]") still cites a source, and the citation would lend the text that source's name. So a model answer
// is shown only when each of its sentences is supported by the sources it cites (see claimsOf for which those
// are), judged with the words retrieval uses: normalisation, stems, Arabic roots and clitics, English synonyms,
// the glossary's names, the stop and framing word lists. A sentence is supported when
//
//   - every number and date (digits, number words, months, weekdays, the glossary's dates) is in a cited source:
//     "2023", "seven", "Sunday" are not;
//   - every person and post it names is named by a cited source ("Wang Yi heads the secretariat" citing the
//     paragraph on Wu Yingchen is not supported);
//   - every other glossary name, every country, city, leader or topic of nameStems and topicStems, and every
//     capitalised word that is no common English word, is in some source the model was given;
//   - at least minSupport of its content words are in the cited sources, a word found only in another source
//     counting half; framing words (nlp.IsFramingStem) the sources lack are not counted, nor are numbers and dates.
//
// An answer holding a link (a URL, a www. or t.me address, a bare domain, an @mention) that no source holds is
// not supported either. An answer failing a rule is replaced by the extractive one, like any other untrusted
// model answer. The check is lexical: it tells a paraphrase of the cited passage from text about something
// else, not a sentence that reuses the passage's words with one verb changed to say the opposite.

// minSupport is the share of a sentence's content words (names included, framing words left out) that the
// sources it cites must hold. A paraphrase keeps the passage's names and most of its words and changes a verb
// or two ("runs" for "heads", "resolve" for "determination"); injected text ("The secretariat was dissolved")
// brings its own. A short sentence with one new word in three fails: the price of refusing "Wang Yi resigned".
// Measured on honest and hostile answers by TestSupportRates.
const minSupport = 0.75

// links are what a reader could follow: a URL, a www. or t.me address, a bare domain ("evil.example"), a
// Telegram @mention.
var links = regexp.MustCompile(`(?i)(?:https?://|www\.|(?:t|telegram)\.me/)[^\s\[\]()<>"«»]+` +
	`|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b(?:/[^\s\[\]()<>"«»]*)?` +
	`|(?:^|[^\w@.])@[a-z][a-z0-9_]{3,31}\b`)

// linksIn are the links in text, without the punctuation around them. Only words holding a dot, a slash or an
// at sign are searched: the pattern is slow to try at every position.
func linksIn(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		if !strings.ContainsAny(f, "./@") {
			continue
		}
		for _, l := range links.FindAllString(" "+f, -1) {
			l = strings.TrimLeftFunc(l, func(r rune) bool { return r != '@' && !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			out = append(out, strings.TrimRight(l, ".,;:!?؟،"))
		}
	}
	return out
}

// capitalized finds words written with a capital letter: a name, when it is no common English word.
var capitalized = regexp.MustCompile(`\p{Lu}[\p{L}\p{M}'’]*`)

// checkModelText checks a model's answer text (with its citations, as written) against the numbered sources of
// its prompt: it must cite one of them, be written in lang, and be supported by what it cites (see the rules
// above). It returns nil or the reason, which names no word of the text (logs must not carry message text).
//
// lang anyLang is for a question in neither Arabic nor English: the answer may be in any language. One in Arabic
// or English is checked as such; one in another language is held to what can be compared across languages and
// scripts: its citations, its numbers (digits, and a Chinese or Japanese month such as 3月), its links, and the
// glossary's names written as the glossary spells them. Its other words, and names in another script, cannot be
// compared with the sources'.
//
// A streamed answer is checked the same way, up to its last citation (see lastCitationEnd), so nothing is shown
// that a final answer would not pass.
func (sc *supportCheck) checkModelText(text string, lang nlp.Lang, sources []promptSource) error {
	refs, text := citations(text, len(sources))
	if len(refs) == 0 {
		return errors.New("model answer cites no source")
	}
	plain := citation.ReplaceAllString(text, "")
	switch got := nlp.DetectLang(plain); {
	case lang == anyLang && !sc.language.foreign(plain):
		lang = got // a question in another language answered in Arabic or English: checked as such
	case lang != anyLang && got != lang:
		return fmt.Errorf("model answered in %s to a question in %s", got, lang)
	}
	prompted := make([]int, len(sources))
	for i, s := range sources {
		prompted[i] = s.hit.group
	}
	for _, l := range linksIn(text) {
		if !sourcesContain(sources, l) {
			return fmt.Errorf("model answer holds a link no source does: %w", errUnsupported)
		}
		text = strings.ReplaceAll(text, l, " ") // its words are not the sentence's
	}
	claims := claimsOf(text, len(sources))
	if len(claims) == 0 {
		return fmt.Errorf("model answer has citations but no words: %w", errUnsupported)
	}
	for i, c := range claims {
		if len(c.refs) == 0 {
			return fmt.Errorf("sentence %d of %d cites nothing: %w", i+1, len(claims), errUnsupported)
		}
		cited := make([]int, 0, len(c.refs))
		for _, r := range c.refs {
			cited = append(cited, sources[r-1].hit.group)
		}
		if err := sc.checkClaim(c.text, lang, cited, prompted); err != nil {
			return fmt.Errorf("sentence %d of %d: %w", i+1, len(claims), err)
		}
	}
	return nil
}

// supportCheck checks a model's answer against the sources it cites (see above). It reads what NewIndex built,
// shared with the Index rather than copied: the units, the glossary (lex), the term ids (vocab), the sources'
// words and English synonyms; it tells an answer's language with language. Safe for concurrent use.
type supportCheck struct {
	*units
	lex      *lexicon
	vocab    *vocab
	words    map[string]bool   // the sources' free words (see Index.words)
	synonyms map[string]string // English stem no unit holds → a synonym's stem some unit does
	language *languageCheck
}

// newSupportCheck returns the supportCheck over what ix holds, telling languages with lc.
func newSupportCheck(ix *Index, lc *languageCheck) *supportCheck {
	return &supportCheck{units: &ix.units, lex: ix.lex, vocab: ix.vocab, words: ix.words, synonyms: ix.synonyms,
		language: lc}
}

// errUnsupported is wrapped by every error saying a model answer is not supported by its sources.
var errUnsupported = errors.New("not supported by its sources")

// sourcesContain reports whether any source text holds s, ignoring case.
func sourcesContain(sources []promptSource, s string) bool {
	s = strings.ToLower(s)
	for _, ps := range sources {
		for _, p := range ps.texts {
			if strings.Contains(strings.ToLower(p.Text), s) {
				return true
			}
		}
	}
	return false
}

// checkClaim checks one sentence against the units it cites (none: a pending sentence of a partial text, checked
// against prompted alone) and all the units the model was given.
func (sc *supportCheck) checkClaim(text string, lang nlp.Lang, cited, prompted []int) error {
	toks := nlp.Tokenize(text)
	spans := sc.lex.match(toks)
	inSpan := make([]bool, len(toks))
	seen := map[string]bool{}
	var matched, elsewhere, total int
	for _, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			inSpan[i] = true
		}
		term, kind := conceptTerm(sp.entry), sc.lex.entries[sp.entry].Kind
		if seen[term] {
			continue
		}
		seen[term] = true
		// A name the cited text holds only inside a longer one ("foreign ministers" in "the Foreign Ministers'
		// Meeting") is held by its words.
		named := func(groups []int) bool {
			return sc.holds(groups, term) || sc.groundedAll(groups, toks[sp.start:sp.end])
		}
		inCited := named(cited)
		fact := kind == "number" || kind == "date"
		switch {
		case inCited && fact:
			continue // a fact the cited sources hold, not a word of the share
		case inCited:
			matched++
		case len(cited) > 0 && (fact || kind == "person" || kind == "role"):
			// Who did what, and when, is what a news passage supports: a person or post named only elsewhere
			// is a claim the cited text does not make ("Wang Yi heads the secretariat [11]").
			return fmt.Errorf("a %s the cited sources do not name: %w", kind, errUnsupported)
		case named(prompted):
			if !fact {
				elsewhere++
			}
		default:
			return fmt.Errorf("a %s no source names: %w", kind, errUnsupported)
		}
		if !fact {
			total++
		}
	}
	var caps map[string]bool
	for i, t := range toks {
		// An Arabic word whose stem is a function word is one with a pronoun attached ("بينها").
		if inSpan[i] || t.Stop || nlp.IsArabic(t.Word) && nlp.IsStop(t.Stem) || seen[t.Stem] ||
			len([]rune(t.Stem)) < 2 && !nlp.IsDigits(t.Stem) {
			continue
		}
		seen[t.Stem] = true
		if t.Stem == "1" && !nlp.IsDigits(t.Word) {
			continue // "one", "واحد": more often a pronoun than a count
		}
		if w, _ := nlp.CutAnd(t.Word, 2); nlp.IsDigits(t.Stem) || dateWords[w] || dateWords["ال"+nlp.BareWord(w)] {
			// A number or date is a fact: it must be in what is cited. A Chinese or Japanese month ("3月") is
			// its month's name.
			fact := t.Stem
			if lang == anyLang && i+1 < len(toks) && strings.HasPrefix(toks[i+1].Word, "月") {
				if m, err := strconv.Atoi(t.Stem); err == nil && m >= 1 && m <= 12 {
					fact = nlp.Stem(strings.ToLower(time.Month(m).String()))
				}
			}
			if len(cited) > 0 && !sc.holds(cited, fact) || !sc.holds(prompted, fact) {
				return fmt.Errorf("a number or date the cited sources lack: %w", errUnsupported)
			}
			continue
		}
		if lang == anyLang {
			continue // a word of another language: nothing to compare it with
		}
		if sc.grounded(cited, t) {
			matched++
			total++
			continue
		}
		if nlp.IsFramingStem(t.Stem) {
			continue // a framing word ("title", "details") the sources need not hold
		}
		total++
		if sc.grounded(prompted, t) {
			elsewhere++
			continue
		}
		if (topicStems[t.Stem] && !otherEventStems[t.Stem] || nameStems[t.Stem]) && !sc.words[nlp.BareWord(t.Word)] {
			return fmt.Errorf("a topic or name no source mentions: %w", errUnsupported)
		}
		if caps == nil {
			caps = map[string]bool{}
			for _, c := range capitalized.FindAllString(text, -1) {
				caps[nlp.Normalize(c)] = true
			}
		}
		if caps[t.Word] && !nlp.IsArabic(t.Word) && !nlp.IsCommonEnglish(t.Word) {
			return fmt.Errorf("a name no source holds: %w", errUnsupported)
		}
	}
	// Content words are compared when a cited unit has text in the answer's language; an English answer from
	// an Arabic-only document is held to its names, numbers and links.
	if len(cited) == 0 || total == 0 || !sc.hasLang(cited, lang) {
		return nil
	}
	if float64(matched)+float64(elsewhere)/2 < minSupport*float64(total) {
		return fmt.Errorf("%d of %d content words in the cited sources, %d in others: %w", matched, total,
			elsewhere, errUnsupported)
	}
	return nil
}

// holds reports whether any of the units holds term among its coverage terms or title words.
func (sc *supportCheck) holds(groups []int, term string) bool {
	id := sc.vocab.id(term)
	for _, g := range groups {
		if id != 0 && sc.groups[g].free.has(id) || sc.groups[g].titles[term] {
			return true
		}
	}
	return false
}

// grounded reports whether any of the units holds word t: its stem, its Arabic root, an English synonym the
// sources use (see nlp.EnglishSynonyms), or, for an Arabic word, its stem or root without a clitic.
func (sc *supportCheck) grounded(groups []int, t nlp.Token) bool {
	if sc.holds(groups, t.Stem) {
		return true
	}
	if syn, ok := sc.synonyms[t.Stem]; ok && sc.holds(groups, syn) {
		return true
	}
	if !nlp.IsArabic(t.Word) {
		return false
	}
	for _, v := range append(nlp.CliticVariants(t.Word), t.Word) {
		if v != t.Word && sc.holds(groups, nlp.Stem(v)) {
			return true
		}
		// A root also matches a three-letter word that is its own root ("بسلاسة" ~ "سلس").
		if r := rootTerm(nlp.Token{Word: v}); r != "" && (sc.holds(groups, r) || sc.holds(groups, r[len("√"):])) {
			return true
		}
		// The accusative alif of tanween ("آمالا" ~ "آمال").
		if w, ok := nlp.CutTanween(v); ok && sc.holds(groups, nlp.Stem(w)) {
			return true
		}
	}
	return false
}

// groundedAll reports whether the units hold every content word of toks (see grounded).
func (sc *supportCheck) groundedAll(groups []int, toks []nlp.Token) bool {
	n := 0
	for _, t := range toks {
		if t.Stop {
			continue
		}
		if !sc.grounded(groups, t) {
			return false
		}
		n++
	}
	return n > 0
}

// hasLang reports whether any of the units has a passage in lang.
func (sc *supportCheck) hasLang(groups []int, lang nlp.Lang) bool {
	for _, g := range groups {
		for _, m := range sc.groups[g].members {
			if sc.passages[m].Lang == lang {
				return true
			}
		}
	}
	return false
}
