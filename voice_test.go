package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
	"ccabot/rag/ragtest"
)

// TestVoiceQuestions runs the whole program with real voice notes (testdata/voice, spoken by espeak-ng and
// encoded as OGG/Opus like Telegram's) against the fake Bot API and a fake speech endpoint that "hears" each
// recording as the text it was made from.
func TestVoiceQuestions(t *testing.T) {
	t.Parallel()
	heard := map[[32]byte]string{}
	voice := func(name string) []byte {
		audio, err := os.ReadFile(filepath.Join("testdata", "voice", name+".ogg"))
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join("testdata", "voice", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		heard[sha256.Sum256(audio)] = strings.TrimSpace(string(text))
		return audio
	}
	en, ar := voice("en"), voice("ar")
	var mu sync.Mutex
	var hints []string
	speech := ragtest.New(t, ragtest.WithTranscriber(func(r ragtest.TranscriptionRequest) string {
		mu.Lock()
		defer mu.Unlock()
		hints = append(hints, r.Language+":"+r.Filename)
		return heard[sha256.Sum256(r.Audio)] // "" for a recording it cannot make out
	}))
	tg := bottest.New(t)
	getenv := fakeEnv(t, "TELEGRAM_BOT_TOKEN", tg.Token(), "TELEGRAM_API_URL", tg.URL(), "LOG_LEVEL", "debug",
		"OPENAI_BASE_URL", speech.URL(), "OPENAI_API_KEY", speech.Key())
	stop := serveInBackground(t, tg, getenv)

	withLang := func(u models.Update, lang string) models.Update { u.Message.From.LanguageCode = lang; return u }
	enID, arID := tg.AddFile(en, "oga", 0), tg.AddFile(ar, "oga", 0)
	noise := tg.AddFile([]byte("OggS not speech"), "oga", 0)
	tg.Push(withLang(bottest.PrivateVoice(701, 701, enID, 2, int64(len(en))), "en"))
	tg.Push(withLang(bottest.PrivateVoice(702, 702, arID, 2, int64(len(ar))), "ar"))
	tg.Push(bottest.PrivateVoice(703, 703, noise, 2, 15))
	tg.Push(bottest.PrivateVoice(704, 704, enID, 61, int64(len(en))))    // over VOICE_MAX_SECONDS
	tg.Push(bottest.PrivateVoice(705, 705, enID, 5, 21<<20))             // over 20 MB
	tg.Push(bottest.GroupVoice(-7001, 706, enID, 2, int64(len(en)), "")) // not addressed: silence
	ask := "/ask"
	tg.Push(bottest.GroupVoice(-7001, 707, arID, 2, int64(len(ar)), ask, bottest.Command(ask)))
	sent := tg.WaitSent(t, 6, 20*time.Second)
	byChat := map[int64]string{}
	for _, m := range sent {
		byChat[m.ChatID] = m.Plain
	}
	for chat, want := range map[int64][]string{
		701:   {"🎤 «Who heads the secretariat?»", "Wu Yingchen", "Xinhua"},
		702:   {"🎤 «من يرأس الأمانة؟»", "وو ينغ تشين", "المصدر"},
		703:   {"couldn't make out the question"},
		704:   {"61 seconds", "under 60"},
		705:   {"about 21 MB", "up to 20 MB"},
		-7001: {"🎤 «من يرأس الأمانة؟»", "وو ينغ تشين"},
	} {
		for _, w := range want {
			if !strings.Contains(byChat[chat], w) {
				t.Errorf("chat %d got %q, want %q in it", chat, byChat[chat], w)
			}
		}
	}
	if n := tg.Downloads(); n != 4 {
		t.Errorf("%d downloads, want 4: the over-long, over-size and unaddressed notes are never fetched", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(hints, " ") == "" || !strings.Contains(strings.Join(hints, " "), "ar:voice.ogg") ||
		!strings.Contains(strings.Join(hints, " "), "en:voice.ogg") {
		t.Errorf("transcription requests (language:file) = %q, want the Telegram language as hint", hints)
	}
	stop() // and no token (part of the file URL) in the logs
}
