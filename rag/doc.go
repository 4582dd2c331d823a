// Package rag answers questions from the knowledge passages: it analyses Arabic and English text (with
// knowledge/nlp, which holds the language rules), retrieves passages with a hybrid of BM25 and embeddings held in a
// chromem-go store, decides whether the sources cover a question at all, and writes the answer, extractive by
// default.
package rag
