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
	// Prev is the Turn of the previous answer in this conversation; the zero Turn when there is none.
	Prev Turn
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
	Turn    Turn    // passed back as Question.Prev for a follow-up
}

// Turn is an answer as the Answerer that gave it remembers it, so that the next question of the same
// conversation can be read as a follow-up. To the bot it is an opaque handle: kept per chat (the latest answer,
// and each recent answer by its message ID) and handed back as Question.Prev, never looked into. What it holds
// is the Answerer's business (main's adapter keeps a *rag.Turn in it), so the bot needs no import of the package
// that made it, and the handle cannot be mistaken for any other value the bot carries. The zero Turn means no
// previous answer.
type Turn struct{ memo any }

// NewTurn wraps an Answerer's memory of an answer in a Turn.
func NewTurn(memo any) Turn { return Turn{memo} }

// Memo returns what NewTurn wrapped, or nil for the zero Turn.
func (t Turn) Memo() any { return t.memo }

// Source is a passage a reply rests on, as the compact footer under the answer shows it. It is the bot's own
// type, not the answerer's: it holds what is displayed, already written in the reply's language, where the
// answerer's source is a retrieved passage (its text, score, raw date); main's adapter converts one into the
// other.
type Source struct {
	Ref       int // the number the answer cites it by ([1]); 0 when the answer is a quotation
	ID        string
	Publisher string
	Date      string // as shown, in the reply's language ("30 March 2024"), or ""
}
