package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"ccabot/bot/bottest"
)

// streamingAnswerer writes its answer word by word through Question.Partial, like a model, a word every
// wordEvery (a quarter of streamEdits' EditEvery: several words between two edits, as with a model). With hold
// set, the whole answer waits for it to close once every word has been written.
type streamingAnswerer struct {
	words []string
	hold  chan struct{}
}

const wordEvery = 50 * time.Millisecond

// streamEdits is the options of a streaming test: edits every 200ms, at test speed but still four words apart.
var streamEdits = Options{EditEvery: 4 * wordEvery}

func (a streamingAnswerer) Answer(ctx context.Context, q Question) (Reply, error) {
	var text string
	for _, w := range a.words {
		text = strings.TrimSpace(text + " " + w)
		if q.Partial != nil {
			q.Partial(text)
		}
		if err := sleep(ctx, wordEvery); err != nil {
			return Reply{}, err
		}
	}
	if a.hold != nil {
		select {
		case <-a.hold:
		case <-ctx.Done():
			return Reply{}, ctx.Err()
		}
	}
	return Reply{Lang: "en", Body: text + " [1]", Mode: "llm",
		Sources: []Source{{Ref: 1, ID: "doc#11", Publisher: "Xinhua (Arabic)", Date: "30 March 2024"}}}, nil
}

// TestStreamingDefaults: the production edit interval and retry backoff, which the tests here shorten.
func TestStreamingDefaults(t *testing.T) {
	t.Parallel()
	var o Options
	o.defaults()
	if o.EditEvery != time.Second || o.RetryBackoff != 500*time.Millisecond {
		t.Errorf("defaults: EditEvery %v, RetryBackoff %v; want 1s (Telegram's pace in a chat) and 500ms", o.EditEvery,
			o.RetryBackoff)
	}
}

func TestPrivateAnswersStreamByThrottledEdits(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	words := strings.Fields("Wu Yingchen is the Executive Director of the secretariat and said it will strengthen its rules")
	h := start(t, s, streamingAnswerer{words: words}, streamEdits)
	s.Push(bottest.PrivateText(1501, 1501, "who heads the secretariat"))
	deadline := time.Now().Add(15 * time.Second)
	for {
		edits := s.Edits()
		if len(edits) > 0 && strings.Contains(edits[len(edits)-1].Plain, "[1] Xinhua (Arabic)") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("final edit never came; edits: %d, sent: %d", len(edits), len(s.Sent()))
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.stop(t)
	sent, edits := s.Sent(), s.Edits()
	if len(sent) != 1 || !strings.HasPrefix(sent[0].Plain, "Wu") || !strings.HasSuffix(sent[0].Plain, "…") {
		t.Fatalf("sent %d messages, want one that starts the answer: %+v", len(sent), sent)
	}
	if len(edits) < 2 {
		t.Errorf("%d edits, want the answer growing in more than one step", len(edits))
	}
	for i := 1; i < len(edits)-1; i++ { // partial edits are throttled; the final one may follow at once
		if gap := edits[i].Time.Sub(edits[i-1].Time); gap < streamEdits.EditEvery*9/10 {
			t.Errorf("edits %d and %d %v apart, want at most one every %v", i-1, i, gap, streamEdits.EditEvery)
		}
	}
	final := edits[len(edits)-1]
	if !strings.Contains(final.Plain, "strengthen its rules [1]") || !strings.Contains(final.ReplyMarkup, "fb:u:") {
		t.Errorf("final edit = %+v", final)
	}
}

func TestGroupsGetTheFinishedAnswerOnly(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	h := start(t, s, streamingAnswerer{words: strings.Fields("one two three four five six")}, streamEdits)
	at := "@" + s.Me().Username
	s.Push(bottest.GroupText(-1502, 3, at+" q", bottest.Mention(at+" q", at)))
	m := lastSent(t, s, 1)
	if !strings.Contains(m.Plain, "one two three four five six [1]") {
		t.Errorf("group answer = %q", m.Plain)
	}
	noMoreSent(t, h, 1)
	if n := len(s.Edits()); n != 0 {
		t.Errorf("%d edits in a group", n)
	}
}

// When the final edit of a streamed answer fails for good, the partial message is deleted and the answer sent
// anew: the chat shows one message, the whole answer.
func TestStreamedPartialIsDeletedWhenTheFinalEditFails(t *testing.T) {
	t.Parallel()
	s := bottest.New(t)
	words := strings.Fields("Wu Yingchen is the Executive Director of the secretariat")
	final := make(chan struct{})
	opts := streamEdits
	opts.RetryBackoff = 10 * time.Millisecond
	start(t, s, streamingAnswerer{words: words, hold: final}, opts)
	s.Push(bottest.PrivateText(1511, 1511, "who heads the secretariat"))
	s.WaitSent(t, 1, 10*time.Second) // the partial message
	s.FailNext("editMessageText", 1000, bottest.ServerError(502))
	close(final) // the answer is final only now, so its edit fails
	s.WaitSent(t, 2, 30*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for len(s.Visible(1511)) != 1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if v := s.Visible(1511); len(v) != 1 || !strings.Contains(v[0], "secretariat [1]") {
		t.Errorf("the chat shows %q, want one message with the whole answer", v)
	}
}
