package rag

import (
	"strings"
	"testing"

	"ccabot/knowledge/nlp"
)

func TestAgoYears(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]int{
		"the mechanism, which was launched four years ago.": 4,
		"التي تم إطلاقها قبل 4 أعوام.":                      4,
		"انطلقت منذ حوالي 5 سنوات":                          5,
		"أسست قبل ثلاث سنوات":                               3,
		"it was set up 10 years ago":                        10,
		"held a ceremony on March 30, 2024":                 0, // a date, not a count back
		"the five Central Asian countries":                  0,
		"four years of cooperation":                         0, // no "ago"
		"وستحقق المزيد من المنافع لشعوب الدول الست خلال 5 سنوات": 0, // no "قبل"
	} {
		if got := agoYears(text); got != want {
			t.Errorf("agoYears(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestWithYear(t *testing.T) {
	t.Parallel()
	body := "launched four years ago."
	if got := withYear(body, "2024-03-30", nlp.English); !strings.HasPrefix(got, "About 2020, counting back from the report's date (30 March 2024): ") || !strings.HasSuffix(got, body) {
		t.Errorf("withYear = %q", got)
	}
	if got := withYear("تم إطلاقها قبل 4 أعوام.", "2024-03-30", nlp.Arabic); !strings.HasPrefix(got, "عام 2020 تقريبا") {
		t.Errorf("withYear (ar) = %q", got)
	}
	for _, date := range []string{"", "March 2024"} { // unknown date: no sum
		if got := withYear(body, date, nlp.English); got != body {
			t.Errorf("withYear(%q) = %q, want the body unchanged", date, got)
		}
	}
}
