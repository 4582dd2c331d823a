package bot

import "context"

// Answerer answers one question. The bot keeps, per chat, the Turn of the last answer and passes it back with
// the next question, so the answerer can read a follow-up ("and the Tajik one?") with the previous question in
// mind. Implementations must be safe for concurrent use.
type Answerer interface {
	Answer(ctx context.Context, q Question) (Reply, error)
}

// Question is what a user asked.
type Question struct {
	Text string
	// Prev is the Turn of the previous answer in this conversation, or nil.
	Prev any
	// Partial, when set, may be called with the answer written so far while a model streams it (private chats
	// show it as it comes). It must not block.
	Partial func(text string)
	// UserLang is the asker's Telegram interface language (language_code: "ru", "uz", "zh-hans"), or "". The
	// answerer may use it for a question in neither Arabic nor English: to name its language, and to say in it
	// which languages the bot answers in.
	UserLang string
}

// Reply is an answer, in the question's language.
type Reply struct {
	Lang    string // "ar" or "en"
	Body    string // the answer (or the refusal), plain text
	Mode    string // "extractive" or "llm"
	Refused bool   // the sources do not cover the question
	Sources []Source
	Score   float64 // best retrieval score, logged
	Turn    any     // opaque: passed back as Question.Prev for a follow-up
}

// Source is a passage a reply rests on, shown in a compact footer.
type Source struct {
	Ref       int // the number the answer cites it by ([1]); 0 when the answer is a quotation
	ID        string
	Title     string
	Publisher string
	Date      string // YYYY-MM-DD or ""
}

// Document is one knowledge document, for /sources.
type Document struct {
	Title, Publisher, Date, Lang string
}
