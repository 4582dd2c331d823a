package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"ccabot/config"
	"ccabot/rag/llm"
)

// modelSettings are the settings behind one use of an OpenAI-compatible endpoint (chat, embeddings, speech): the
// variables that set its URL and its key, the model, whether a key is sent, and what to check when the endpoint
// lacks the model. The model client returns typed errors (llm.ErrPermanent, *llm.StatusError) and knows no
// variable; these settings turn its errors into messages an operator can act on.
type modelSettings struct {
	urlVar, keyVar string
	model          string
	keySet         bool
	check          string // the settings to check for a model the endpoint lacks
}

// chatSettings are the chat model's settings: CHAT_MODEL at OPENAI_BASE_URL with OPENAI_API_KEY.
func chatSettings(cfg config.Config) modelSettings {
	return modelSettings{urlVar: config.EnvOpenAIBaseURL, keyVar: config.EnvOpenAIKey, model: cfg.ChatModel,
		keySet: cfg.OpenAIKey != "", check: config.EnvChatModel}
}

// embeddingSettings are the remote embeddings' settings (EMBEDDING_PROVIDER=openai): EMBEDDING_MODEL at the chat
// model's endpoint, with its key.
func embeddingSettings(cfg config.Config) modelSettings {
	s := chatSettings(cfg)
	s.model, s.check = cfg.EmbeddingModel, config.EnvEmbeddingModel+", or "+config.EnvEmbeddingProvider+"=local"
	return s
}

// speechSettings are the speech model's: TRANSCRIPTION_MODEL at TRANSCRIPTION_BASE_URL, or at the chat endpoint
// it defaults to, with the key that goes there.
func speechSettings(cfg config.Config) modelSettings {
	urlVar, keyVar := cfg.TranscriptionVars()
	return modelSettings{urlVar: urlVar, keyVar: keyVar, model: cfg.TranscriptionModel,
		keySet: cfg.TranscriptionKey != "", check: config.EnvTranscriptionModel + ", or " +
			config.EnvTranscriptionModel + "=off for no voice"}
}

// explain says what a failed call to the endpoint means for the settings; errors.Is and errors.As still see the
// original. Without a key, a 401 means the server wants one (a base URL alone is right for Ollama and vLLM, not
// for OpenAI), so the variable to set is named. A call the caller gave up on (context.Canceled) is not the
// endpoint's fault and is returned as it is.
func (s modelSettings) explain(err error) error {
	var se *llm.StatusError
	status := 0
	if errors.As(err, &se) {
		status = se.StatusCode
	}
	switch {
	case err == nil || errors.Is(err, context.Canceled):
		return err
	case !s.keySet && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		return fmt.Errorf("%s wants an API key (%d): set %s: %w", s.urlVar, status, s.keyVar, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("%s was rejected by %s (%d): %w", s.keyVar, s.urlVar, status, err)
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return fmt.Errorf("model %q not found at %s (check %s): %w", s.model, s.urlVar, s.check, err)
	case status == http.StatusBadRequest:
		return fmt.Errorf("%s refused the request for model %q (check %s): %w", s.urlVar, s.model, s.check, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s did not answer within %s: %w", s.urlVar, config.EnvLLMTimeout, err)
	}
	return fmt.Errorf("%s did not answer properly: %w", s.urlVar, err)
}

// explainingTranscriber is the speech client whose errors name the settings to change, so that the bot's log
// line for a voice question not transcribed says what to fix. A 400 is left as it is: the endpoint could not
// read that recording, which no setting fixes.
type explainingTranscriber struct {
	t        *llm.Transcriber
	settings modelSettings
}

func (e explainingTranscriber) Transcribe(ctx context.Context, audio []byte, filename, lang string) (string, error) {
	text, err := e.t.Transcribe(ctx, audio, filename, lang)
	if se := (*llm.StatusError)(nil); errors.As(err, &se) && se.StatusCode == http.StatusBadRequest {
		return text, err
	}
	return text, e.settings.explain(err)
}
