package rag

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"unicode/utf8"

	"ccabot/knowledge"
)

// Index is the searchable form of a corpus: a BM25 index over analysed words and glossary concepts, and a
// chromem-go vector store, over the same passages. An original paragraph and its aligned translation form one
// unit (a group), found by a question in either language. An Index is read-only once built and safe for
// concurrent searches.
type Index struct {
	passages []knowledge.Passage
	lex      *lexicon
	spell    *speller
	bm       *bm25
	store    *store
	emb      Embedder
	local    *LocalEmbedder // set when emb is the offline embedder: query vectors then get IDF weights
	idf      []float32
	groups   []group
	groupOf  []int           // passage index → group index
	known    map[string]bool // every coverage term some unit holds
	words    map[string]bool // the sources' free words, without a leading article or conjunction (bareWord)
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
	members []int           // passage indexes, original first
	free    map[string]bool // coverage terms of all members
	// titles are the stems and roots of the words inside its titles, which free leaves out: a model answer
	// saying "خارجيتها" or "vice minister" uses the unit's words (see Index.grounded).
	titles map[string]bool
}

// sentence is one sentence of a passage, analysed for extractive answers.
type sentence struct {
	text     string
	free     map[string]bool
	concepts []int   // glossary entries named
	types    typeSet // times and numbers among its words
	dates    int     // words of calendar dates
	items    int     // distinct countries and people named: the length of a list it gives
	// counted holds the terms next to a number ("five countries": "countri"): what the sentence counts.
	counted map[string]bool
	// continued: the sentence goes on about the previous one's subject ("They also expressed …").
	continued bool
	// clauses of a sentence too long to quote whole, analysed once here rather than per question.
	clauses []sentence
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
		spell:      newSpeller(),
		emb:        opts.Embedder,
		groupOf:    make([]int, len(corpus.Passages)),
		byID:       make(map[string]int, len(corpus.Passages)),
		sents:      make([][]sentence, len(corpus.Passages)),
		speaker:    make([]int, len(corpus.Passages)),
		words:      map[string]bool{},
		titleWords: map[string]bool{},
		log:        opts.Logger,
	}
	if l, ok := opts.Embedder.(LocalEmbedder); ok {
		ix.local = &l
	}
	for _, e := range opts.Glossary {
		for _, f := range e.Forms() {
			for _, t := range tokenize(f) {
				ix.spell.add(t)
			}
		}
	}
	terms := make([][]string, len(corpus.Passages))
	titles := map[int]map[int]bool{} // person → the titles and countries named with them
	groupIdx := map[string]int{}
	for i, p := range corpus.Passages {
		ix.byID[p.ID] = i
		g, ok := groupIdx[p.Group]
		if !ok {
			g = len(ix.groups)
			groupIdx[p.Group] = g
			ix.groups = append(ix.groups, group{key: p.Group, free: map[string]bool{}, titles: map[string]bool{}})
		}
		ix.groupOf[i] = g
		ix.groups[g].members = append(ix.groups[g].members, i)
		// A passage is analysed sentence by sentence, once: its index terms are its sentences' (no glossary
		// form spans a sentence end).
		for _, text := range knowledge.Sentences(p.Text) {
			a := ix.lex.analyzeSource(text)
			terms[i] = append(terms[i], a.terms...)
			for _, t := range a.toks {
				ix.spell.add(t)
			}
			for _, w := range a.words {
				ix.words[w] = true
			}
			for _, sp := range a.spans {
				if ix.lex.entries[sp.entry].Kind == "role" {
					for _, t := range a.toks[sp.start:sp.end] {
						ix.titleWords[t.stem] = true
						ix.groups[g].titles[t.stem] = true
						if r := rootTerm(t); r != "" {
							ix.groups[g].titles[r] = true
						}
					}
				}
			}
			for _, t := range a.free {
				ix.groups[g].free[t] = true
			}
			ix.sents[i] = append(ix.sents[i], ix.sentenceOf(text, a))
			ix.collectTitles(a, titles)
		}
		if p.Para == 1 && p.Text == strings.Join(strings.Fields(p.Title), " ") {
			for j := range ix.sents[i] {
				ix.sents[i][j].types |= isTitle
			}
		}
	}
	for i := range corpus.Passages {
		ix.inheritSpeaker(i, terms)
	}
	ix.applyTitles(titles, terms)
	ix.known = map[string]bool{}
	for _, g := range ix.groups {
		for t := range g.free {
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
	ix.bm = newBM25(terms)
	ix.synonyms = englishSynonyms(ix.known, func(t string) int { return len(ix.bm.postings[t]) })
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
	return ix, stats, err
}

// inheritSpeaker links a paragraph that continues the previous one's speaker ("He added that …", "وأضاف أنه …")
// to the people and posts named there, so "what did Sun hope about its duties?" finds the paragraph that only
// says "He expressed the hope …". Within a paragraph, a sentence that goes on the same way ("They also expressed
// the hope …") inherits from the sentence before.
func (ix *Index) inheritSpeaker(i int, terms [][]string) {
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
	g := &ix.groups[ix.groupOf[i]]
	for _, c := range inherited {
		terms[i] = append(terms[i], conceptTerm(c))
		g.free[conceptTerm(c)] = true
		for _, b := range ix.lex.broader[c] {
			g.free[conceptTerm(b)] = true
		}
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
func (ix *Index) applyTitles(titles map[int]map[int]bool, terms [][]string) {
	for i := range ix.passages {
		g := &ix.groups[ix.groupOf[i]]
		for j := range ix.sents[i] {
			s := &ix.sents[i][j]
			for _, c := range slices.Clone(s.concepts) {
				for t := range titles[c] {
					if s.free[conceptTerm(t)] {
						continue
					}
					ix.addConcept(s, t)
					terms[i] = append(terms[i], conceptTerm(t))
					g.free[conceptTerm(t)] = true
					for _, b := range ix.lex.broader[t] {
						g.free[conceptTerm(b)] = true
					}
				}
			}
		}
	}
}

// addConcept records that s speaks of glossary entry c (and so of its broader entries).
func (ix *Index) addConcept(s *sentence, c int) {
	s.concepts = append(s.concepts, c)
	s.free[conceptTerm(c)] = true
	for _, b := range ix.lex.broader[c] {
		s.free[conceptTerm(b)] = true
	}
}

// continues reports whether a sentence goes on about someone named before: it names no person or post and
// opens (after words like "also", "كما") with a pronoun or a verb of saying.
func (ix *Index) continues(s sentence) bool {
	for _, c := range s.concepts {
		if k := ix.lex.entries[c].Kind; k == "person" || k == "role" {
			return false
		}
	}
	for _, t := range tokenize(s.text) {
		if continuationPronouns[t.word] || speechWords[t.word] {
			return true
		}
		if !t.stop {
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

func (ix *Index) analyzeSentence(text string) sentence {
	return ix.sentenceOf(text, ix.lex.analyzeSource(text))
}

// sentenceOf builds the sentence record of text from its analysis a.
func (ix *Index) sentenceOf(text string, a analysis) sentence {
	s := sentence{text: text, free: make(map[string]bool, len(a.free))}
	for _, t := range a.free {
		s.free[t] = true
	}
	s.types, s.dates = wordTypes(a)
	s.counted = countedTerms(a)
	if strings.ContainsAny(text, "\"«»“”") {
		s.types |= hasQuote
	}
	if utf8.RuneCountInString(text) > trimAbove {
		if clauses := knowledge.Clauses(text); len(clauses) > 1 {
			for _, c := range clauses {
				s.clauses = append(s.clauses, ix.analyzeSentence(c))
			}
		}
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
