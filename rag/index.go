package rag

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// Index is the searchable form of a corpus: a BM25 index over analysed words and glossary concepts, and a
// chromem-go vector store, over the same passages. An original paragraph and its aligned translation form one
// unit (a group), found by a question in either language. It reads questions (prepare) and ranks units for them
// (search); choosing the answer sentence, checking a model's answer and writing prompts are done elsewhere
// (extractor, supportCheck, buildPrompt) from what it built, which they share. An Index is read-only once built
// and safe for concurrent searches.
type Index struct {
	units // the passages and the retrieval units they form
	lex   *lexicon
	spell *nlp.Speller
	bm    *bm25
	store *store
	emb   Embedder
	local *localEmbedder // set when emb is the offline embedder: query vectors then get IDF weights
	idf   []float32
	vocab *vocab          // the terms of every termSet below
	known []bool          // by term id: some unit holds the term (see isKnown)
	words map[string]bool // the sources' free words, without a leading article or conjunction (nlp.BareWord)
	bases map[string]bool // the same words without an ending of number, gender or possession (nlp.InflectedBase)
	// titleWords are the stems of words inside titles ("نائب" in "نائب وزير الخارجية"): not coverage terms,
	// but words the sources hold, so a question using one alone ("نائبه") is not asking about the unknown.
	titleWords map[string]bool
	// nameWords are the words of the glossary's forms ("دونغ" of "سون وي دونغ"), for names spelt with another
	// letter for the same sound (see gVariant).
	nameWords map[string]bool
	synonyms  map[string]string // English stem no unit holds → a synonym's stem some unit does
	// lastYear is the year of the newest dated source: a year after it the sources cannot report on.
	lastYear int
	byID     map[string]int // passage ID → passage index
	sents    [][]sentence   // per passage: read by ranking (kindFit) and by the extractor
	// speaker is, for a paragraph that goes on with "He added …", the person (glossary entry) named in the
	// paragraph before; -1 elsewhere.
	speaker []int
	log     *slog.Logger
}

// IndexOptions configure NewIndex.
type IndexOptions struct {
	// Dir is where vectors persist between runs ("" keeps everything in memory).
	Dir string
	// Embedder embeds passages and questions; nil means the offline embedder (hashed character n-grams, no
	// model or network).
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
		opts.Embedder = localEmbedder{Dim: defaultLocalDim}
	}
	if opts.Glossary == nil {
		opts.Glossary = knowledge.Glossary()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	ix := &Index{
		units:      units{passages: corpus.Passages, groupOf: make([]int, len(corpus.Passages))},
		lex:        newLexicon(opts.Glossary),
		spell:      nlp.NewSpeller(),
		emb:        opts.Embedder,
		byID:       make(map[string]int, len(corpus.Passages)),
		sents:      make([][]sentence, len(corpus.Passages)),
		speaker:    make([]int, len(corpus.Passages)),
		vocab:      newVocab(),
		words:      map[string]bool{},
		bases:      map[string]bool{},
		titleWords: map[string]bool{},
		nameWords:  map[string]bool{},
		log:        opts.Logger,
	}
	if l, ok := opts.Embedder.(localEmbedder); ok {
		ix.local = &l
	}
	ix.lex.dropLooseTitles(corpus.Passages)
	for _, p := range corpus.Passages {
		if y, err := strconv.Atoi(p.Date[:min(4, len(p.Date))]); err == nil {
			ix.lastYear = max(ix.lastYear, y)
		}
	}
	for _, e := range opts.Glossary {
		for _, f := range e.Forms() {
			for _, t := range nlp.Tokenize(f) {
				ix.spell.Add(t)
				ix.nameWords[t.Word] = true
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
		ix.inheritTopic(i)
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
		ix.sents[i][j] = sentenceOf(text, as[j], ix.lex, ix.vocab)
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
				ix.bases[strings.Clone(nlp.InflectedBase(w))] = true
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
