package ragtest

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"slices"
	"strings"
)

// TranscriptionRequest is a decoded POST /v1/audio/transcriptions.
type TranscriptionRequest struct {
	Model    string
	Filename string
	Language string // "" when not given
	Audio    []byte
}

// Transcriber computes the text the fake hears in a recording.
type Transcriber func(TranscriptionRequest) string

// WithTranscriber sets how the server transcribes audio (the default hears nothing: text "").
func WithTranscriber(t Transcriber) Option { return func(s *Server) { s.transcriber = t } }

// transcriptionModels are the speech models the fake knows, like OpenAI's (others answer 404).
var transcriptionModels = []string{"whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"}

// audioFormats are the file extensions OpenAI accepts.
var audioFormats = []string{".flac", ".m4a", ".mp3", ".mp4", ".mpeg", ".mpga", ".oga", ".ogg", ".wav", ".webm"}

// handleTranscription answers like OpenAI: a multipart form with "model" and a "file" whose name has a known
// audio extension, an optional ISO-639-1 "language"; {"text": …} back. Bad forms get OpenAI's 400s.
func (s *Server) handleTranscription(c *call) {
	_, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		badRequest(c.w, "Could not parse multipart form")
		return
	}
	var req TranscriptionRequest
	form := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := form.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			badRequest(c.w, "Could not parse multipart form")
			return
		}
		data, _ := io.ReadAll(part)
		switch part.FormName() {
		case "model":
			req.Model = string(data)
		case "language":
			req.Language = string(data)
		case "file":
			req.Filename, req.Audio = part.FileName(), data
		}
	}
	switch {
	case req.Model == "":
		badRequest(c.w, "you must provide a model parameter")
	case !slices.Contains(transcriptionModels, req.Model):
		modelNotFound(c.w, req.Model)
	case len(req.Audio) == 0:
		badRequest(c.w, "you must provide a file parameter")
	case !slices.Contains(audioFormats, strings.ToLower(path.Ext(req.Filename))):
		badRequest(c.w, "Invalid file format. Supported formats: "+strings.Join(audioFormats, ", "))
	case req.Language != "" && len(req.Language) != 2:
		badRequest(c.w, "Invalid language '"+req.Language+"'. Language parameter must be specified in ISO-639-1 format.")
	default:
		s.mu.Lock()
		t := s.transcriber
		s.mu.Unlock()
		text := ""
		if t != nil {
			text = t(req)
		}
		writeJSON(c.w, http.StatusOK, map[string]any{"text": text})
	}
}
