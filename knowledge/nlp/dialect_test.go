package nlp

import (
	"strings"
	"testing"
)

// TestDialectForms: every form of the dialect table is a stop word (never a topic), and its question words say
// what they ask for.
func TestDialectForms(t *testing.T) {
	t.Parallel()
	for w := range dialectForms {
		if !IsStop(w) {
			t.Errorf("dialect form %q is not a stop word", w)
		}
	}
	tests := []struct {
		word string
		want Asks
	}{
		{"وين", AsksWhere}, {"فين", AsksWhere}, {"امتى", AsksWhen}, {"شوكت", AsksWhen}, {"وقتاش", AsksWhen},
		{"قديش", AsksCount}, {"شحال", AsksCount}, {"كام", AsksCount}, {"چم", AsksCount}, {"شكون", AsksWho},
		{"مين", AsksWho}, {"منو", AsksWho}, {"حكى", AsksSay}, {"بقاله", AsksAge}, {"شو", AsksAnything},
		{"الامانه", AsksAnything},
	}
	for _, tt := range tests {
		if got := DialectAsks(Normalize(tt.word)); got != tt.want {
			t.Errorf("DialectAsks(%s) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

// TestEveryDialectAsks: the table serves each dialect the package comment names, not only some of them: each is
// named on a row of its words for who, where, when and how many.
func TestEveryDialectAsks(t *testing.T) {
	t.Parallel()
	for _, dialect := range []string{"Gulf", "Levantine", "Egyptian", "Iraqi", "Maghrebi"} {
		for asks, what := range map[Asks]string{AsksWho: "who", AsksWhere: "where", AsksWhen: "when", AsksCount: "how many"} {
			found := false
			for _, row := range dialectWords {
				found = found || row.asks == asks && strings.Contains(row.dialect, dialect)
			}
			if !found {
				t.Errorf("no %s row of dialectWords asks %s", dialect, what)
			}
		}
	}
}
