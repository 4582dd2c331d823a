package nlp

import "testing"

func TestAskedIn(t *testing.T) {
	t.Parallel()
	tests := []struct{ text, userLang, want string }{
		{"Кто возглавляет секретариат?", "", "ru"},
		{"Кто возглавляет секретариат?", "ru", "ru"},
		{"Кто возглавляет секретариат?", "en", "ru"},         // Telegram in English: the words tell
		{"Кто возглавляет секретариат?", "fr", "ru"},         // French is not written in Cyrillic
		{"Катчылыкты ким жетектейт?", "ky", "ky"},            // no letter or word tells Kyrgyz from Uzbek: Telegram does
		{"Котибиятни ким бошқаради?", "uz", "uz-Cyrl"},       // Uzbek written in Cyrillic
		{"Kotibiyatni kim boshqaradi?", "ru", "uz"},          // a Russian interface, an Uzbek question
		{"Хатшылық қашан ашылды?", "", "kk"},                 // Kazakh letters
		{"Котибот кай кушода шуд?", "", "tg"},                // Tajik words
		{"秘书处由谁领导？", "ru", "zh"},                             // the script tells
		{"事務局は誰が率いていますか？", "", "ja"},                         // kana
		{"Sekretariat hacan acyldy?", "", Undetermined},      // Turkmen typed without its letters
		{"Sekretariat hacan acyldy?", "tk-TM", "tk"},         // … named by Telegram
		{"Ποιος διευθύνει τη γραμματεία;", "", Undetermined}, // Greek: no words here for it
		{"Ποιος διευθύνει τη γραμματεία;", "el", "el"},
	}
	for _, tt := range tests {
		if got := AskedIn(tt.text, tt.userLang); got != tt.want {
			t.Errorf("AskedIn(%q, %q) = %q, want %q", tt.text, tt.userLang, got, tt.want)
		}
	}
}

func TestCountScripts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text               string
		latin, ar, foreign int
		main               Script
	}{
		{"Who is Wang Yi?", 4, 0, 0, ScriptLatin},
		{"من هو Wang Yi؟", 2, 2, 0, ScriptLatin},
		{"Кто такой Wang Yi?", 2, 0, 2, ScriptCyrillic},
		{"王毅是谁", 0, 0, 2, ScriptHan},
		{"事務局は誰が率いていますか", 0, 0, 9, ScriptKana}, // 事務局 は 誰 が 率 いていますか: 2+1+1+1+1+3
		{"Xi'an O'zbekiston", 2, 0, 0, ScriptLatin},
		{"2024?", 0, 0, 0, ScriptLatin},
	}
	for _, tt := range tests {
		n := CountScripts(tt.text)
		if n[ScriptLatin] != tt.latin || n[ScriptArabic] != tt.ar || n.Foreign() != tt.foreign {
			t.Errorf("CountScripts(%q) = %d Latin, %d Arabic, %d foreign; want %d, %d, %d", tt.text,
				n[ScriptLatin], n[ScriptArabic], n.Foreign(), tt.latin, tt.ar, tt.foreign)
		}
		if got := MainScript(tt.text); got != tt.main {
			t.Errorf("MainScript(%q) = %d, want %d", tt.text, got, tt.main)
		}
	}
}
