package llm

import (
	"context"
	"fmt"
	"net/http"
)

// Check makes one cheap call to verify the endpoint, key and model. Its error names the variable to fix;
// errors.Is(err, ErrPermanent) tells a setting that is wrong from an endpoint that is not answering yet.
func (m *Model) Check(ctx context.Context) error {
	_, err := m.Complete(ctx, []Message{{RoleUser, "Reply with OK."}}, 1, nil)
	return configError(err, m.name, m.apiKey != "")
}

// configError explains a failed call in terms of the settings. Without a key, a 401 means the server wants
// one (OPENAI_BASE_URL alone is right for Ollama and vLLM, not for OpenAI), so the variable to set is named.
func configError(err error, model string, keySet bool) error {
	if err == nil {
		return nil
	}
	switch status := statusOf(err); {
	case !keySet && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		return fmt.Errorf("OPENAI_BASE_URL wants an API key (%d): set OPENAI_API_KEY: %w", status, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("OPENAI_API_KEY was rejected by OPENAI_BASE_URL (%d): %w", status, err)
	case status == http.StatusNotFound:
		return fmt.Errorf("model %q not found at OPENAI_BASE_URL (check CHAT_MODEL / EMBEDDING_MODEL): %w", model, err)
	case status == http.StatusBadRequest:
		return fmt.Errorf("OPENAI_BASE_URL refused the request for model %q (check CHAT_MODEL): %w", model, err)
	}
	return fmt.Errorf("OPENAI_BASE_URL did not answer properly: %w", err)
}
