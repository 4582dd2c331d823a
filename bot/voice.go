package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"ccabot/config"
	"ccabot/knowledge/nlp"
)

// Transcriber turns a recording into text. filename's extension names the format ("voice.ogg"); lang ("ar",
// "en" or "" to detect) is a hint. Implementations must be safe for concurrent use.
type Transcriber interface {
	Transcribe(ctx context.Context, audio []byte, filename, lang string) (string, error)
}

// voiceNote is a spoken question: a voice note, an audio file or a round video note.
type voiceNote struct {
	FileID  string `json:"file_id"`
	Seconds int    `json:"seconds"`
	Size    int64  `json:"size,omitempty"` // as Telegram reports it; 0 when unknown
	Name    string `json:"name"`           // file name for the transcription endpoint, its extension the format
	Hint    string `json:"hint,omitempty"` // the sender's Telegram language when Arabic or English
}

// voiceOf returns the spoken question a message carries, or nil.
func voiceOf(m *models.Message) *voiceNote {
	var v voiceNote
	switch {
	case m.Voice != nil:
		v = voiceNote{FileID: m.Voice.FileID, Seconds: m.Voice.Duration, Size: m.Voice.FileSize, Name: "voice.ogg"}
	case m.Audio != nil:
		v = voiceNote{FileID: m.Audio.FileID, Seconds: m.Audio.Duration, Size: m.Audio.FileSize,
			Name: audioName(m.Audio.FileName, m.Audio.MimeType)}
	case m.VideoNote != nil:
		v = voiceNote{FileID: m.VideoNote.FileID, Seconds: m.VideoNote.Duration, Size: int64(m.VideoNote.FileSize),
			Name: "video_note.mp4"}
	default:
		return nil
	}
	if m.From != nil {
		if lang := strings.ToLower(m.From.LanguageCode); strings.HasPrefix(lang, "ar") || strings.HasPrefix(lang, "en") {
			v.Hint = lang[:2]
		}
	}
	return &v
}

// audioName is a file name whose extension tells the endpoint an audio file's format.
func audioName(name, mimeType string) string {
	if ext := strings.ToLower(path.Ext(name)); ext != "" {
		return "audio" + ext
	}
	if exts, _ := mime.ExtensionsByType(mimeType); len(exts) > 0 {
		return "audio" + exts[0]
	}
	return "audio.ogg"
}

// voiceRefusal is what a voice note gets instead of an answer, if anything: too long, too big, or no speech
// model. It is checked before anything is downloaded.
func (b *Bot) voiceRefusal(v *voiceNote, lang nlp.Lang) string {
	switch {
	case b.opts.Transcriber == nil:
		return noSpeech[lang]
	case v.Seconds > b.opts.VoiceMaxSeconds:
		return fmt.Sprintf(voiceTooLong[lang], v.Seconds, b.opts.VoiceMaxSeconds)
	case v.Size > b.opts.VoiceMaxBytes:
		return fmt.Sprintf(voiceTooBig[lang], (v.Size+1<<20-1)>>20, b.opts.VoiceMaxBytes>>20)
	}
	return ""
}

// errVoiceTooBig is a download over VoiceMaxBytes (a file whose size Telegram did not report).
var errVoiceTooBig = errors.New("voice note over " + config.EnvVoiceMaxMB)

// hear downloads a voice question and transcribes it, or returns the reply that says why it could not (in the
// asker's language). It runs outside the workers' bound: a stuck download or transcription waits only in its
// own chat's line, and ctx bounds it.
func (b *Bot) hear(ctx context.Context, ev event) (text, failure string) {
	v := ev.voice
	audio, err := b.download(ctx, v.FileID)
	if err == nil {
		text, err = b.opts.Transcriber.Transcribe(ctx, audio, v.Name, v.Hint)
		if err == nil {
			if !intelligible(text) {
				return "", unheard[ev.lang]
			}
			return text, ""
		}
		b.metrics.errors.WithLabelValues("transcription").Inc()
	} else {
		b.metrics.errors.WithLabelValues("download").Inc()
	}
	b.log.Warn("voice question not transcribed", "chat_id", ev.chatID, "err", b.send.scrub(err))
	return "", noSpeech[ev.lang]
}

// intelligible reports whether a transcript holds words, not silence, noise marks or "[music]".
func intelligible(text string) bool {
	letters := 0
	inBracket := false
	for _, r := range text {
		switch {
		case r == '[' || r == '(':
			inBracket = true
		case r == ']' || r == ')':
			inBracket = false
		case !inBracket && unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// downloadTimeout bounds fetching one voice note from Telegram (at most 20 MB).
const downloadTimeout = 30 * time.Second

// download fetches a file through the Bot API (getFile, then the file URL, which holds the token: it is never
// logged, and errors are scrubbed), at most VoiceMaxBytes.
func (b *Bot) download(ctx context.Context, fileID string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	f, err := b.tg.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", b.send.scrubErr(err))
	}
	if f.FileSize > b.opts.VoiceMaxBytes {
		return nil, errVoiceTooBig
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.tg.FileDownloadLink(f), nil)
	if err != nil {
		return nil, b.send.scrubErr(err)
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download: %w", b.send.scrubErr(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, b.opts.VoiceMaxBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("download: %w", b.send.scrubErr(err))
	case int64(len(data)) > b.opts.VoiceMaxBytes:
		return nil, errVoiceTooBig
	}
	return data, nil
}

// heardLine opens a voice question's reply with what was heard, so the asker sees what was answered.
func heardLine(text string) string { return "🎤 «" + text + "»\n\n" }
