package bot

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// FuzzUpdate feeds arbitrary update JSON through classification and reply rendering: nothing may panic, and a
// question's text stays valid UTF-8 with the bot's mentions removed.
func FuzzUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"chat":{"id":1,"type":"private"},"from":{"id":1},"text":"hi"}}`,
		`{"update_id":2,"message":{"message_id":2,"chat":{"id":-1,"type":"supergroup"},"from":{"id":2},"text":"سؤال @CcaBot؟","entities":[{"type":"mention","offset":5,"length":7}]}}`,
		`{"update_id":3,"message":{"message_id":3,"chat":{"id":-1,"type":"group"},"from":{"id":2},"text":"/ask@CcaBot x","entities":[{"type":"bot_command","offset":0,"length":11}]}}`,
		`{"update_id":4,"message":{"message_id":4,"chat":{"id":1,"type":"private"},"from":{"id":1},"text":"\ud800 bad","entities":[{"type":"mention","offset":-3,"length":99}]}}`,
		`{"update_id":5,"callback_query":{"id":"c","from":{"id":1},"data":"fb:u:"}}`,
		`{"update_id":6,"message":{"message_id":5,"chat":{"id":1,"type":"private"},"reply_to_message":{"message_id":9,"from":{"id":42}},"text":"and?"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var u models.Update
		if json.Unmarshal(raw, &u) != nil || u.Message == nil {
			if u.CallbackQuery != nil {
				parseFeedback(u.CallbackQuery.Data)
			}
			return
		}
		ev := classify(u.Message, testMe)
		if ev.action == question {
			if !utf8.ValidString(ev.text) {
				t.Fatalf("question text %q is not valid UTF-8", ev.text)
			}
			for _, m := range renderHTML(ev.text, "f", MaxMessageUnits) {
				if err := checkHTML(m.html); err != nil {
					t.Fatalf("rendering %q: %v", ev.text, err)
				}
			}
		}
	})
}
