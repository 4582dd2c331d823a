package bot

import (
	"errors"
	"strings"
	"testing"
)

// TestScrubEveryEncoding: the token never survives in an error's text, however a server or proxy echoed it.
func TestScrubEveryEncoding(t *testing.T) {
	t.Parallel()
	const token = "123456:ABC-def_ghi"
	s := &sender{secrets: []string{token, "hook-secret"}}
	for _, text := range []string{
		"Post https://api.telegram.org/bot123456:ABC-def_ghi/sendMessage: EOF",
		"502 Bad Gateway: /bot123456%3AABC-def_ghi/getUpdates",
		"502 Bad Gateway: /bot123456%3aABC-def_ghi/getUpdates",
		"upstream said: token=123456%3AABC-def_ghi&x=1",
		"webhook secret hook-secret rejected",
	} {
		got := s.scrub(errors.New(text))
		if strings.Contains(got, "ABC-def_ghi") || strings.Contains(got, "hook-secret") || !strings.Contains(got, "REDACTED") {
			t.Errorf("scrub(%q) = %q", text, got)
		}
	}
}
