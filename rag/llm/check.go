package llm

import (
	"context"
)

// Check makes one cheap call to verify the endpoint, key and model. An answer the server gave comes back as a
// *StatusError (errors.Is(err, ErrPermanent) for a setting that is wrong rather than an endpoint not answering
// yet); the caller, which knows its settings' names, explains it.
func (m *Model) Check(ctx context.Context) error {
	_, err := m.Complete(ctx, []Message{{RoleUser, "Reply with OK."}}, 1, nil)
	return err
}
