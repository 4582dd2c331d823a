// Package bot is the Telegram adapter: updates in, replies out. It owns go-telegram/bot (imported as tgbot) and
// adds what that library leaves to its users: bounded concurrency with per-chat ordering, flood control with
// retries, group addressing rules (@mentions and /ask@Name counted in UTF-16 offsets), replies Telegram always
// accepts, graceful shutdown that drains answers in flight, and a scrubbed token in every log line.
//
// It does not import the question-answering package: it consumes the small Answerer interface, which main
// satisfies with an adapter, and carries the answerer's conversation state as an opaque Turn. From knowledge it
// takes the documents it lists (/sources) and the language of a message; from config, the names and defaults of
// the settings its Options mirror, so that its messages name the variable to change.
package bot
