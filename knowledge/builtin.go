package knowledge

import (
	"embed"
	"fmt"

	"ccabot/knowledge/nlp"
)

// builtinFS holds the seed article exactly as Xinhua published it, its English rendering and the glossary.
//
//go:embed builtin/000_49bc83c5705ebfa9.txt builtin/000_49bc83c5705ebfa9.en.md builtin/glossary.txt
var builtinFS embed.FS

// BuiltinArticleID is the document ID of the built-in Xinhua article.
const BuiltinArticleID = "xinhua-20240330"

// Builtin returns the built-in documents: the Arabic Xinhua article of 30 March 2024 on the launch of the
// secretariat of the China–Central Asia cooperation mechanism, and its English rendering, marked as a translation
// and aligned paragraph by paragraph. It panics only if the embedded files are malformed, which a test rules out.
func Builtin() []Document {
	raw, err := builtinFS.ReadFile("builtin/000_49bc83c5705ebfa9.txt")
	if err != nil {
		panic(fmt.Sprintf("read embedded article: %v", err))
	}
	article := Document{
		ID:     BuiltinArticleID,
		Title:  "الصين ودول آسيا الوسطى تطلق أمانة آلية التعاون",
		Source: "Xinhua (Arabic)",
		Date:   "2024-03-30",
		Place:  "Xi'an",
		Lang:   nlp.Arabic,
		Origin: "built-in",
		Text:   string(raw),
	}
	rawEN, err := builtinFS.ReadFile("builtin/000_49bc83c5705ebfa9.en.md")
	if err != nil {
		panic(fmt.Sprintf("read embedded translation: %v", err))
	}
	english, err := parseDocument(BuiltinArticleID+"-en", "built-in", rawEN)
	if err != nil {
		panic(fmt.Sprintf("parse embedded translation: %v", err))
	}
	english.Place = article.Place
	return []Document{article, english}
}
