package main

import (
	"errors"
	"fmt"
	"net/http"

	"ccabot/config"
	"ccabot/rag/llm"
)

// explainModelError says what a failed start-up check of the model endpoint means for the settings. Without a
// key, a 401 means the server wants one (OPENAI_BASE_URL alone is right for Ollama and vLLM, not for OpenAI), so
// the variable to set is named; errors.Is still sees the original.
func explainModelError(err error, model string, keySet bool) error {
	var se *llm.StatusError
	status := 0
	if errors.As(err, &se) {
		status = se.StatusCode
	}
	switch {
	case err == nil:
		return nil
	case !keySet && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		return fmt.Errorf("%s wants an API key (%d): set %s: %w", config.EnvOpenAIBaseURL, status, config.EnvOpenAIKey, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("%s was rejected by %s (%d): %w", config.EnvOpenAIKey, config.EnvOpenAIBaseURL, status, err)
	case status == http.StatusNotFound:
		return fmt.Errorf("model %q not found at %s (check %s): %w", model, config.EnvOpenAIBaseURL, config.EnvChatModel, err)
	case status == http.StatusBadRequest:
		return fmt.Errorf("%s refused the request for model %q (check %s): %w", config.EnvOpenAIBaseURL, model,
			config.EnvChatModel, err)
	}
	return fmt.Errorf("%s did not answer properly: %w", config.EnvOpenAIBaseURL, err)
}
