package nlp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// englishCommonGz lists common English words (SCOWL sizes 10–40; see data/gen-english-common.sh and
// data/SCOWL-LICENSE.txt).
//
//go:embed data/english-common.txt.gz
var englishCommonGz []byte

// IsCommonEnglish reports whether w, a normalised word, is a common English word (SCOWL sizes 10–40, four
// letters or more): what a user meant to type, not a typo, and not a name.
func IsCommonEnglish(w string) bool { return commonEnglish()[w] }

// commonEnglish is loaded on first use: only a question with an unknown English word needs it.
var commonEnglish = sync.OnceValue(func() map[string]bool {
	zr, err := gzip.NewReader(bytes.NewReader(englishCommonGz))
	if err != nil {
		panic("embedded word list: " + err.Error())
	}
	words := make(map[string]bool, 45000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		words[sc.Text()] = true
	}
	if sc.Err() != nil {
		panic("embedded word list: " + sc.Err().Error())
	}
	return words
})
