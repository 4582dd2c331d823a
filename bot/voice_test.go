package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"ccabot/bot/bottest"
)

// transcriberFunc adapts a function to Transcriber.
type transcriberFunc func(ctx context.Context, audio []byte, name, lang string) (string, error)

func (f transcriberFunc) Transcribe(ctx context.Context, audio []byte, name, lang string) (string, error) {
	return f(ctx, audio, name, lang)
}

// Without a speech model a voice note gets a clear reply in the asker's language, and voice notes are rate
// limited apart from text (VoicePerMinute, a burst of two): four at once get two replies and one notice.
func TestVoiceWithoutASpeechModelGetsAClearReply(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, &echoAnswerer{}, Options{})
	id := s.AddFile([]byte("OggS"), "oga", 0)
	for range 4 {
		u := bottest.PrivateVoice(801, 801, id, 3, 4)
		u.Message.From.LanguageCode = "ar"
		s.Push(u)
	}
	sent := s.WaitSent(t, 3, 10*time.Second)
	for i, want := range []string{"نموذج للكلام", "نموذج للكلام", "رسائل صوتية كثيرة"} {
		if !strings.Contains(sent[i].Plain, want) {
			t.Errorf("reply %d = %q, want %q in it", i, sent[i].Plain, want)
		}
	}
	noMoreSent(t, h, 3)
	if s.Downloads() != 0 {
		t.Error("a voice note was downloaded with no speech model to send it to")
	}
}

// Voice notes in groups are questions only when addressed (a reply to the bot, /ask or a mention in the
// caption); a failing speech endpoint gets the clear reply, not silence; one chat's stuck transcription does not
// hold up another chat.
func TestVoiceInGroupsAndFailures(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	stuck := make(chan struct{})
	defer close(stuck)
	tr := transcriberFunc(func(ctx context.Context, audio []byte, _, _ string) (string, error) {
		switch string(audio) {
		case "stuck":
			select {
			case <-stuck:
			case <-ctx.Done():
			}
			return "", ctx.Err()
		case "fail":
			return "", errors.New("503 from the speech server")
		}
		return "what is " + string(audio) + "?", nil
	})
	h := start(t, s, &echoAnswerer{}, Options{Transcriber: tr, AnswerTimeout: time.Second})
	const g = -8001
	at := "@" + s.Me().Username
	s.Push(bottest.PrivateVoice(810, 810, s.AddFile([]byte("stuck"), "oga", 0), 2, 5))
	s.Push(bottest.GroupVoice(g, 811, s.AddFile([]byte("chatter"), "oga", 0), 2, 7, "lol"))
	caption := "hey " + at
	s.Push(bottest.GroupVoice(g, 812, s.AddFile([]byte("xian"), "oga", 0), 2, 4, caption, bottest.Mention(caption, at)))
	s.Push(bottest.PrivateVoice(813, 813, s.AddFile([]byte("fail"), "oga", 0), 2, 4))
	sent := s.WaitSent(t, 2, 10*time.Second)
	byChat := map[int64]string{}
	for _, m := range sent {
		byChat[m.ChatID] = m.Plain
	}
	if !strings.HasPrefix(byChat[g], "🎤 «what is xian?»") || !strings.Contains(byChat[g], "answer to: what is xian?") {
		t.Errorf("addressed group voice: %q", byChat[g])
	}
	if !strings.Contains(byChat[813], "need a speech model") {
		t.Errorf("failed transcription: %q", byChat[813])
	}
	// A reply to the bot's answer, by voice, is a question too.
	reply := bottest.GroupVoice(g, 811, s.AddFile([]byte("tashkent"), "oga", 0), 2, 8, "")
	reply.Message.ReplyToMessage = &models.Message{ID: sent[0].MessageID, Chat: reply.Message.Chat,
		From: &models.User{ID: s.Me().ID, IsBot: true}}
	if sent[0].ChatID != g {
		reply.Message.ReplyToMessage.ID = sent[1].MessageID
	}
	s.Push(reply)
	if m := lastSent(t, s, 3); !strings.Contains(m.Plain, "what is tashkent?") {
		t.Errorf("voice reply to the bot: %q", m.Plain)
	}
	if m := lastSent(t, s, 4); m.ChatID != 810 || !strings.Contains(m.Plain, "need a speech model") {
		t.Errorf("stuck transcription, after the others: %+v", m)
	}
	noMoreSent(t, h, 4)
}
