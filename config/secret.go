package config

import "log/slog"

// Secret is a credential (bot token, API key). It prints as REDACTED in every format and in slog, so it cannot
// leak through a log line or an error message by accident; Reveal gives the value to the one place that needs it.
type Secret string

const redacted = "REDACTED"

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString hides the value from %#v.
func (s Secret) GoString() string { return s.String() }

// LogValue hides the value from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText hides the value from encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
