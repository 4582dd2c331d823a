// Package knowledgetest writes operator documents for tests and benchmarks: news-like Arabic and English prose in
// the volume an operator might put under KNOWLEDGE_DIR, so that figures on loading and indexing can be reproduced
// by anyone (`go run ./scripts/opcorpus`).
package knowledgetest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"ccabot/knowledge"
	"ccabot/knowledge/nlp"
)

// WriteProse fills dir with files prose-001.md, prose-002.md, … of at most fileBytes each until they hold about
// total bytes, and returns their paths. Each file is in one language, the languages of docs taking turns
// (docs nil means knowledge.Builtin(): the Xinhua article and its English rendering). A paragraph joins two to
// four sentences of docs in that language, opens with its number and an invented name spelt from it, so no two
// paragraphs are alike (nothing can be deduplicated) and the vocabulary grows with the text as a real corpus's
// does. The same arguments always write the same bytes.
func WriteProse(dir string, total, fileBytes int, docs []knowledge.Document) ([]string, error) {
	if docs == nil {
		docs = knowledge.Builtin()
	}
	pool := map[nlp.Lang][]string{}
	var langs []nlp.Lang
	for _, d := range docs {
		if pool[d.Lang] == nil {
			langs = append(langs, d.Lang)
		}
		for _, p := range d.Paragraphs() {
			for _, s := range nlp.Sentences(p) {
				if len(strings.Fields(s)) >= 8 { // a sentence, not a headline or a caption's credit
					pool[d.Lang] = append(pool[d.Lang], s)
				}
			}
		}
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("write prose: no text in %d documents", len(docs))
	}
	r := rand.New(rand.NewPCG(11, 8))
	var paths []string
	para := 0
	for written := 0; ; {
		lang := langs[len(paths)%len(langs)]
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Generated prose %d\nsource: knowledgetest\nlang: %s\n---\n", len(paths)+1, lang)
		for {
			para++
			p := paragraph(r, para, lang, pool[lang])
			if b.Len()+len(p)+2 > fileBytes || written+b.Len()+len(p)+2 > total {
				break
			}
			b.WriteString(p)
			b.WriteString("\n\n")
		}
		if !strings.Contains(b.String(), "\n\n") { // no paragraph fits: in the file, or in what is left of total
			if written == 0 {
				return nil, fmt.Errorf("write prose: %d bytes hold no paragraph", min(total, fileBytes))
			}
			return paths, nil
		}
		path := filepath.Join(dir, fmt.Sprintf("prose-%03d.md", len(paths)+1))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
		written += b.Len()
	}
}

// paragraph is paragraph n: its number, a name spelt from n, and two to four sentences drawn from pool.
func paragraph(r *rand.Rand, n int, lang nlp.Lang, pool []string) string {
	syllables := []string{"ka", "zo", "mir", "tu", "lan", "shi", "bek", "ro", "dan", "nur"}
	if lang == nlp.Arabic {
		syllables = []string{"كا", "زو", "مير", "تو", "لان", "شي", "بك", "رو", "دان", "نور"}
	}
	var name strings.Builder
	for _, d := range fmt.Sprint(n) {
		name.WriteString(syllables[d-'0'])
	}
	parts := []string{fmt.Sprintf("%d. %s:", n, name.String())}
	for range 2 + r.IntN(3) {
		parts = append(parts, pool[r.IntN(len(pool))])
	}
	return strings.Join(parts, " ")
}
