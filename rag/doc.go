// Package rag answers questions from the knowledge passages: it analyses Arabic and English text (with
// knowledge/nlp, which holds the language rules), retrieves passages with a hybrid of BM25 and embeddings held in a
// chromem-go store, decides whether the sources cover a question at all, and writes the answer, extractive by
// default.
//
// Service.Ask is the one entry point. A question goes through the package in this order, a file or two a stage:
// read it (query.go; injection.go, language.go), retrieve (the Index: index.go builds it, search.go ranks units,
// coverage.go), decide (decide.go: every refusal and hedge, with its Reason), answer from a sentence (the
// extractor: extract.go, trim.go) or through a model (budget.go, prompt.go, llmanswer.go, with rag/llm), check a
// model's answer against its sources (the supportCheck: support.go, claims.go), and reply (messages.go).
package rag
