package knowledge

import (
	"fmt"
	"strings"
)

// Entry is one glossary concept: a name, place or term with its spellings in both scripts. EN[0] and AR[0] are
// the canonical spellings; the rest are variants, demonyms and synonyms that mean the same thing for this subject.
type Entry struct {
	Kind string // country, region, place, person, org, role, event, term, date
	EN   []string
	AR   []string
	// Broader names entries (by canonical English form) this one is a kind of: a text about a "foreign
	// minister" also answers a question about "ministers", but not the other way round.
	Broader []string
}

// Forms returns every spelling of the entry in both languages.
func (e Entry) Forms() []string { return append(append([]string(nil), e.EN...), e.AR...) }

// Glossary returns the built-in bilingual glossary of the subject's names and terms.
func Glossary() []Entry {
	raw, err := builtinFS.ReadFile("builtin/glossary.txt")
	if err != nil {
		panic(fmt.Sprintf("read embedded glossary: %v", err))
	}
	entries, err := ParseGlossary(string(raw))
	if err != nil {
		panic(fmt.Sprintf("parse embedded glossary: %v", err))
	}
	return entries
}

// ParseGlossary reads glossary lines of the form "kind | English forms | Arabic forms [| broader entries]", forms
// separated by ";". Blank lines and lines starting with # are skipped. A broader entry must be defined too.
func ParseGlossary(text string) ([]Entry, error) {
	var out []Entry
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "|")
		if len(cols) != 3 && len(cols) != 4 {
			return nil, fmt.Errorf("glossary line %d: want 3 or 4 columns separated by |, got %d", n+1, len(cols))
		}
		e := Entry{Kind: strings.TrimSpace(cols[0]), EN: forms(cols[1]), AR: forms(cols[2])}
		if len(cols) == 4 {
			e.Broader = forms(cols[3])
		}
		if e.Kind == "" || len(e.EN) == 0 || len(e.AR) == 0 {
			return nil, fmt.Errorf("glossary line %d: kind and at least one form per language are required", n+1)
		}
		out = append(out, e)
	}
	canonical := map[string]bool{}
	for _, e := range out {
		canonical[e.EN[0]] = true
	}
	for _, e := range out {
		for _, b := range e.Broader {
			if !canonical[b] {
				return nil, fmt.Errorf("glossary entry %q: broader entry %q is not defined", e.EN[0], b)
			}
		}
	}
	return out, nil
}

func forms(col string) []string {
	var out []string
	for _, f := range strings.Split(col, ";") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
