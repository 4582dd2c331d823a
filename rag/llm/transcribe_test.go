package llm

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ccabot/rag/ragtest"
)

func TestTranscribe(t *testing.T) {
	t.Parallel()
	srv := ragtest.New(t, ragtest.WithTranscriber(func(r ragtest.TranscriptionRequest) string {
		return " heard " + r.Language + " " + r.Filename + " "
	}))
	tr := NewTranscriber(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "whisper-1", Timeout: 5 * time.Second,
		RetryBackoff: 10 * time.Millisecond})
	text, err := tr.Transcribe(t.Context(), []byte("OggS fake"), "voice.ogg", "ar")
	if err != nil || text != "heard ar voice.ogg" {
		t.Errorf("Transcribe = %q, %v", text, err)
	}
	// 5xx and 429 are retried like chat calls.
	srv.FailNext(ragtest.EndpointTranscriptions, 1, ragtest.ServerError(503))
	srv.FailNext(ragtest.EndpointTranscriptions, 1, ragtest.RateLimited(1))
	if text, err := tr.Transcribe(t.Context(), []byte("OggS"), "voice.ogg", ""); err != nil || text != "heard  voice.ogg" {
		t.Errorf("after 503 and 429: %q, %v", text, err)
	}
	// A server without the endpoint, or a model it lacks, is permanent and names the model; the key never shows.
	bad := NewTranscriber(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "llama3.1", Timeout: 5 * time.Second})
	_, err = bad.Transcribe(t.Context(), []byte("OggS"), "voice.ogg", "en")
	if !errors.Is(err, ErrPermanent) || !strings.Contains(err.Error(), `does not transcribe with model "llama3.1"`) || strings.Contains(err.Error(), srv.Key()) {
		t.Errorf("unknown model: %v", err)
	}
	// A hung server costs the timeout, not more.
	srv.FailNext(ragtest.EndpointTranscriptions, 1, ragtest.Hang)
	quick := NewTranscriber(Options{BaseURL: srv.URL(), APIKey: srv.Key(), Model: "whisper-1", Timeout: 200 * time.Millisecond})
	if _, err := quick.Transcribe(t.Context(), []byte("OggS"), "voice.ogg", "en"); err == nil || errors.Is(err, ErrUnavailable) {
		t.Errorf("hung transcription: %v, want a timeout", err)
	}
}
