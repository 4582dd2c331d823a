package rag

import (
	"fmt"
	"strconv"
	"time"

	"ccabot/knowledge/nlp"
)

// A question asking for a year ("what year did the mechanism start?") answered by a sentence that counts back
// from its report ("launched four years ago", "تم إطلاقها قبل 4 أعوام") gets the year, counted from the
// report's date, before the quote: the reader should not have to do the sum, and should see where it comes from.

// agoYears is how many years before its report text says something happened ("four years ago", "قبل 4
// أعوام", "منذ حوالي 4 سنوات"), or 0.
func agoYears(text string) int {
	words := nlp.Words(nlp.Normalize(text))
	for i := 1; i < len(words); i++ {
		if !yearWords[words[i]] {
			continue
		}
		n := countValue(words[i-1])
		if n == 0 {
			continue
		}
		if i+1 < len(words) && words[i+1] == "ago" {
			return n
		}
		for j := i - 2; j >= max(i-4, 0); j-- { // "قبل 4 أعوام", "منذ نحو 4 سنوات"
			if words[j] == "قبل" || words[j] == "منذ" {
				return n
			}
		}
	}
	return 0
}

// withYear prefixes body with the year it counts back to from date (YYYY-MM-DD), in lang; body unchanged when
// it counts back nothing or the date is unknown.
func withYear(body, date string, lang nlp.Lang) string {
	n := agoYears(body)
	t, err := time.Parse(time.DateOnly, date)
	if n == 0 || err != nil {
		return body
	}
	year := strconv.Itoa(t.Year() - n)
	if lang == nlp.Arabic {
		return fmt.Sprintf("عام %s تقريبا، بالعدّ من تاريخ الخبر (%s): %s", year, FormatDate(date, lang), body)
	}
	return fmt.Sprintf("About %s, counting back from the report's date (%s): %s", year, FormatDate(date, lang), body)
}
