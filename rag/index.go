package rag

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// Index is the searchable form of a corpus: a BM25 index over analysed words and glossary concepts, and a
// chromem-go vector store, over the same passages. An original paragraph and its aligned translation form one
// unit (a group), found by a question in either language. An Index is read-only once built and safe for
// concurrent searches.
type Index struct {
	passages []knowledge.Passage
	lex      *lexicon
	spell    *nlp.Speller
	bm       *bm25
	store    *store
	emb      Embedder
	local    *LocalEmbedder // set when emb is the offline embedder: query vectors then get IDF weights
	idf      []float32
	groups   []group
	groupOf  []int           // passage index → group index
	vocab    *vocab          // the terms of every termSet below
	known    []bool          // by term id: some unit holds the term (see isKnown)
	words    map[string]bool // the sources' free words, without a leading article or conjunction (nlp.BareWord)
	// titleWords are the stems of words inside titles ("نائب" in "نائب وزير الخارجية"): not coverage terms,
	// but words the sources hold, so a question using one alone ("نائبه") is not asking about the unknown.
	titleWords map[string]bool
	synonyms   map[string]string // English stem no unit holds → a synonym's stem some unit does
	byID       map[string]int    // passage ID → passage index
	sents      [][]sentence      // per passage
	// groupTokens is the estimated size of each unit in a prompt: all its renderings and their header.
	groupTokens []int
	// speaker is, for a paragraph that goes on with "He added …", the person (glossary entry) named in the
	// paragraph before; -1 elsewhere.
	speaker []int
	log     *slog.Logger
}

// group is a retrieval unit: a paragraph (or part) and its renderings in the other language.
type group struct {
	key     string
	members []int   // passage indexes, original first
	free    termSet // coverage terms of all members
	// titles are the stems and roots of the words inside its titles, which free leaves out: a model answer
	// saying "خارجيتها" or "vice minister" uses the unit's words (see Index.grounded). nil when it has none.
	titles map[string]bool
}

// sentence is one sentence of a passage, analysed for extractive answers.
type sentence struct {
	text     string
	free     termSet
	concepts []int   // glossary entries named
	types    typeSet // times and numbers among its words
	dates    int     // words of calendar dates
	items    int     // distinct countries and people named: the length of a list it gives
	// counted holds the terms next to a number ("five countries": "countri"): what the sentence counts.
	counted termSet
	// continued: the sentence goes on about the previous one's subject ("They also expressed …").
	continued bool
	// opensOn: the sentence opens with a pronoun or a verb of saying (see continues).
	opensOn bool
}

// IndexOptions configure NewIndex.
type IndexOptions struct {
	// Dir is where vectors persist between runs ("" keeps everything in memory).
	Dir string
	// Embedder embeds passages and questions; nil means the offline LocalEmbedder.
	Embedder Embedder
	// Glossary is the bilingual names and terms list; nil means knowledge.Glossary().
	Glossary []knowledge.Entry
	Logger   *slog.Logger
}

// NewIndex analyses and embeds the corpus's passages. Vectors saved under opts.Dir are reused for passages whose
// content is unchanged; new and changed passages are embedded, and the file is rewritten. A failure to write the
// file is returned as a non-nil error together with a usable Index, so the caller may warn and continue.
func NewIndex(ctx context.Context, corpus knowledge.Corpus, opts IndexOptions) (*Index, IndexStats, error) {
	if opts.Embedder == nil {
		opts.Embedder = LocalEmbedder{Dim: DefaultLocalDim}
	}
	if opts.Glossary == nil {
		opts.Glossary = knowledge.Glossary()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	ix := &Index{
		passages:   corpus.Passages,
		lex:        newLexicon(opts.Glossary),
		spell:      nlp.NewSpeller(),
		emb:        opts.Embedder,
		groupOf:    make([]int, len(corpus.Passages)),
		byID:       make(map[string]int, len(corpus.Passages)),
		sents:      make([][]sentence, len(corpus.Passages)),
		speaker:    make([]int, len(corpus.Passages)),
		vocab:      newVocab(),
		words:      map[string]bool{},
		titleWords: map[string]bool{},
		log:        opts.Logger,
	}
	if l, ok := opts.Embedder.(LocalEmbedder); ok {
		ix.local = &l
	}
	for _, e := range opts.Glossary {
		for _, f := range e.Forms() {
			for _, t := range nlp.Tokenize(f) {
				ix.spell.Add(t)
			}
		}
	}
	// Vectors first: they are most of what the index keeps, and with them in place the analysis below, which
	// allocates ten times what it keeps, is collected in fewer, larger steps.
	st, stats, err := openStore(ctx, opts.Dir, opts.Embedder, corpus.Passages)
	if stats.Unreadable != "" {
		ix.log.Warn("saved index unreadable; every passage embedded again", "embedder", opts.Embedder.ID(),
			"passages", stats.Passages, "reason", stats.Unreadable)
	}
	if st == nil {
		return nil, stats, fmt.Errorf("build vector index: %w", err)
	}
	ix.store = st
	if ix.local != nil {
		ix.idf = bucketIDF(st.vectors, ix.local.Dim)
	}
	terms := make([][]termID, len(corpus.Passages)) // BM25's terms of each passage, with repeats
	titles := map[int]map[int]bool{}                // person → the titles and countries named with them
	groupIdx := map[string]int{}
	for i, p := range corpus.Passages {
		ix.byID[p.ID] = i
		g, ok := groupIdx[p.Group]
		if !ok {
			g = len(ix.groups)
			groupIdx[p.Group] = g
			ix.groups = append(ix.groups, group{key: p.Group})
		}
		ix.groupOf[i] = g
		ix.groups[g].members = append(ix.groups[g].members, i)
	}
	// Passages are analysed in parallel, a batch at a time; each batch's analyses are merged in passage order
	// (so the index does not depend on timing) and then dropped, so only a batch of them is ever held.
	const batch = 128
	var keep keeper
	for lo := 0; lo < len(corpus.Passages); lo += batch {
		analysed := make([][]analysis, min(batch, len(corpus.Passages)-lo))
		parallel(len(analysed), func(k int) { analysed[k] = ix.analyzePassage(lo + k) })
		for k, as := range analysed {
			ix.mergePassage(lo+k, as, terms, titles, &keep)
		}
	}
	for i := range corpus.Passages {
		ix.inheritSpeaker(i, terms)
	}
	ix.applyTitles(titles, terms)
	ix.bm = newBM25(terms, ix.vocab)
	ix.unitTerms(&keep)
	ix.known = make([]bool, ix.vocab.size())
	for _, g := range ix.groups {
		for _, t := range g.free {
			ix.known[t] = true
		}
	}
	ix.groupTokens = make([]int, len(ix.groups))
	for g, gr := range ix.groups {
		first := corpus.Passages[gr.members[0]]
		ix.groupTokens[g] = estimateTokens(first.Title+first.Source+first.Date) + 8 // "[n] title (…)" line
		for _, m := range gr.members {
			ix.groupTokens[g] += estimateTokens(corpus.Passages[m].Text) + 4 // "English translation: "
		}
	}
	// Topic words are never read as a synonym: "president" must stay a thing the sources lack.
	ix.synonyms = nlp.EnglishSynonyms(ix.isKnown, func(t string) int { return len(ix.bm.postingsOf(t)) },
		func(t string) bool { return topicStems[t] })
	return ix, stats, err
}

func (g *group) addTitle(term string) {
	if g.titles == nil {
		g.titles = map[string]bool{}
	}
	g.titles[strings.Clone(term)] = true
}

// isKnown reports whether some unit holds term t (as a coverage term).
func (ix *Index) isKnown(t string) bool {
	id := ix.vocab.id(t)
	return int(id) < len(ix.known) && ix.known[id]
}

// analyzePassage analyses passage i sentence by sentence, once (no glossary form spans a sentence end), and
// records its sentences. It touches nothing shared but the vocabulary, so passages can be analysed in parallel.
func (ix *Index) analyzePassage(i int) []analysis {
	p := ix.passages[i]
	texts := nlp.Sentences(p.Text)
	as := make([]analysis, len(texts))
	ix.sents[i] = make([]sentence, len(texts))
	for j, text := range texts {
		as[j] = ix.lex.analyzeSource(text)
		ix.sents[i][j] = ix.sentenceOf(text, as[j])
	}
	if p.Para == 1 && p.Text == strings.Join(strings.Fields(p.Title), " ") {
		for j := range ix.sents[i] {
			ix.sents[i][j].types |= isTitle
		}
	}
	return as
}

// mergePassage adds the analyses of passage i's sentences to what the index knows of all passages: its index
// terms, its unit's coverage terms, the words the speller and the question reader know, the titles named with
// each person.
func (ix *Index) mergePassage(i int, as []analysis, terms [][]termID, titles map[int]map[int]bool, keep *keeper) {
	ix.sents[i] = keep.sentences(ix.sents[i])
	var all []string
	for _, a := range as {
		all = append(all, a.terms...)
	}
	terms[i] = ix.vocab.intern(all...)
	for _, a := range as {
		for _, t := range a.toks {
			ix.spell.Add(t)
		}
		for _, w := range a.words {
			if !ix.words[w] {
				ix.words[strings.Clone(w)] = true // not the sentence it was cut from
			}
		}
		for _, sp := range a.spans {
			if ix.lex.entries[sp.entry].Kind == "role" {
				for _, t := range a.toks[sp.start:sp.end] {
					ix.titleWords[strings.Clone(t.Stem)] = true
					ix.groups[ix.groupOf[i]].addTitle(t.Stem)
					if r := rootTerm(t); r != "" {
						ix.groups[ix.groupOf[i]].addTitle(r)
					}
				}
			}
		}
		ix.collectTitles(a, titles)
	}
}

// inheritSpeaker links a paragraph that continues the previous one's speaker ("He added that …", "وأضاف أنه …")
// to the people and posts named there, so "what did Sun hope about its duties?" finds the paragraph that only
// says "He expressed the hope …". Within a paragraph, a sentence that goes on the same way ("They also expressed
// the hope …") inherits from the sentence before.
func (ix *Index) inheritSpeaker(i int, terms [][]termID) {
	ix.speaker[i] = -1
	sents := ix.sents[i]
	for j := 1; j < len(sents); j++ {
		if ix.continues(sents[j]) {
			sents[j].continued = true
			for _, c := range ix.speakers(sents[j-1 : j]) {
				ix.addConcept(&sents[j], c)
			}
		}
	}
	p := ix.passages[i]
	if i == 0 || len(sents) == 0 || ix.passages[i-1].DocID != p.DocID || !ix.continues(sents[0]) {
		return
	}
	inherited := ix.speakers(ix.sents[i-1])
	for _, c := range inherited {
		if ix.lex.entries[c].Kind == "person" {
			ix.speaker[i] = c
			break
		}
	}
	if ix.speaker[i] < 0 {
		return
	}
	for _, c := range inherited {
		terms[i] = append(terms[i], ix.vocab.intern(conceptTerm(c))...)
		for j := range sents {
			ix.addConcept(&sents[j], c)
		}
	}
}

// collectTitles records, for each person a sentence names, the titles and countries just before the name
// ("Chinese Foreign Minister Wang Yi", "وزير الخارجية الصيني وانغ يي") and the title just after it ("Wu Yingchen,
// Executive Director of the Secretariat"): news text names someone in full once, then by name alone.
func (ix *Index) collectTitles(a analysis, titles map[int]map[int]bool) {
	for k, sp := range a.spans {
		if ix.lex.entries[sp.entry].Kind != "person" {
			continue
		}
		link := func(e int) {
			if titles[sp.entry] == nil {
				titles[sp.entry] = map[int]bool{}
			}
			titles[sp.entry][e] = true
		}
		// Before: the run of titles and countries ending at most two words before the name.
		end := sp.start
		for j := k - 1; j >= 0; j-- {
			kind := ix.lex.entries[a.spans[j].entry].Kind
			if end-a.spans[j].end > 2 || kind != "role" && kind != "country" {
				break
			}
			link(a.spans[j].entry)
			end = a.spans[j].start
		}
		// After: a title (not a country: that would be the next person's) at most one word after the name.
		if k+1 < len(a.spans) && a.spans[k+1].start-sp.end <= 1 && ix.lex.entries[a.spans[k+1].entry].Kind == "role" {
			link(a.spans[k+1].entry)
		}
	}
}

// applyTitles lets every sentence and unit that names a person also speak of their titles: "what did the Chinese
// foreign minister praise?" finds "Wang praised …".
func (ix *Index) applyTitles(titles map[int]map[int]bool, terms [][]termID) {
	for i := range ix.passages {
		for j := range ix.sents[i] {
			s := &ix.sents[i][j]
			for _, c := range slices.Clone(s.concepts) {
				for t := range titles[c] {
					if s.free.has(ix.vocab.id(conceptTerm(t))) {
						continue
					}
					ix.addConcept(s, t)
					terms[i] = append(terms[i], ix.vocab.intern(conceptTerm(t))...)
				}
			}
		}
	}
}

// keeper holds the arenas the index's per-sentence and per-unit data is kept in (see arena).
type keeper struct {
	ids   arena[termID]
	ints  arena[int]
	sents arena[sentence]
}

// sentences copies sents, and the sets and concepts of each, into the arenas.
func (k *keeper) sentences(sents []sentence) []sentence {
	sents = k.sents.copy(sents)
	for j := range sents {
		s := &sents[j]
		s.free, s.counted, s.concepts = k.ids.copy(s.free), k.ids.copy(s.counted), k.ints.copy(s.concepts)
	}
	return sents
}

// unitTerms sets each unit's coverage terms: the union of its sentences'.
func (ix *Index) unitTerms(keep *keeper) {
	var scratch []termID
	for g := range ix.groups {
		scratch = scratch[:0]
		for _, i := range ix.groups[g].members {
			for _, s := range ix.sents[i] {
				scratch = append(scratch, s.free...)
			}
		}
		slices.Sort(scratch)
		ix.groups[g].free = keep.ids.copy(slices.Compact(scratch))
	}
}

// addConcept records that s speaks of glossary entry c (and so of its broader entries).
func (ix *Index) addConcept(s *sentence, c int) {
	s.concepts = append(s.concepts, c)
	s.free = s.free.union(ix.conceptSet(c))
}

// conceptSet is the concept terms of glossary entry c and of its broader entries.
func (ix *Index) conceptSet(c int) termSet {
	terms := []string{conceptTerm(c)}
	for _, b := range ix.lex.broader[c] {
		terms = append(terms, conceptTerm(b))
	}
	return ix.vocab.set(terms...)
}

// continues reports whether a sentence goes on about someone named before: it names no person or post and
// opens (after words like "also", "كما") with a pronoun or a verb of saying.
func (ix *Index) continues(s sentence) bool {
	for _, c := range s.concepts {
		if k := ix.lex.entries[c].Kind; k == "person" || k == "role" {
			return false
		}
	}
	return s.opensOn
}

// opensOn reports whether toks open (after words like "also", "كما") with a pronoun or a verb of saying.
func opensOn(toks []nlp.Token) bool {
	for _, t := range toks {
		if continuationPronouns[t.Word] || speechWords[t.Word] {
			return true
		}
		if !t.Stop {
			return false
		}
	}
	return false
}

// speakers are the people and posts the sentences name.
func (ix *Index) speakers(sents []sentence) []int {
	var out []int
	for _, s := range sents {
		for _, c := range s.concepts {
			if k := ix.lex.entries[c].Kind; k == "person" || k == "role" {
				out = append(out, c)
			}
		}
	}
	return out
}

// continuationPronouns open a sentence whose subject was named before.
var continuationPronouns = map[string]bool{"he": true, "she": true, "they": true}

// clausesOf analyses the clauses of a sentence too long to quote whole, or returns nil. It runs when an answer
// is cut (a few clauses, tens of microseconds), not when the index is built: there, a record for every clause of
// every long sentence took a fifth of the time and a tenth of the memory of 16 MiB of operator text.
func (ix *Index) clausesOf(text string) []sentence {
	if utf8.RuneCountInString(text) <= trimAbove {
		return nil
	}
	clauses := nlp.Clauses(text)
	if len(clauses) < 2 {
		return nil
	}
	out := make([]sentence, len(clauses))
	for i, c := range clauses {
		out[i] = ix.sentenceOf(c, ix.lex.analyzeSource(c))
	}
	return out
}

// sentenceOf builds the sentence record of text from its analysis a.
func (ix *Index) sentenceOf(text string, a analysis) sentence {
	s := sentence{text: text, free: ix.vocab.set(a.free...)}
	s.types, s.dates = wordTypes(a)
	s.counted = ix.vocab.set(countedTerms(a)...)
	s.opensOn = opensOn(a.toks)
	if strings.ContainsAny(text, "\"«»“”") {
		s.types |= hasQuote
	}
	s.concepts = a.concepts
	seen := map[int]bool{}
	for _, e := range a.concepts {
		switch ix.lex.entries[e].Kind {
		case "country", "person":
			if !seen[e] {
				seen[e] = true
				s.items++
			}
		}
	}
	return s
}

// parallel calls fn(0) … fn(n-1) on as many goroutines as there are CPUs and returns when all have returned.
// Building the index is CPU-bound: on two cores this halves the time 16 MiB of operator text takes.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}
