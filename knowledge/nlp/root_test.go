package nlp

import "testing"

func TestArabicRoot(t *testing.T) {
	t.Parallel()
	tests := []struct{ word, want string }{
		{"احتفالا", "حفل"},  // افتعال + tanween alef
		{"احتفلوا", "حفل"},  // افتعل + plural verb
		{"حفل", "حفل"},      // already a root
		{"الاحتفال", "حفل"}, // with the article
		{"مكتب", "كتب"},     // مفعل
		{"كاتب", "كتب"},     // فاعل
		{"مكتوب", "كتب"},    // مفعول
		{"استخدام", "خدم"},  // استفعال
		{"مستقبل", "قبل"},   // مستفعل
		{"اجتماع", "جمع"},   // افتعال
		{"يجتمعون", "جمع"},
		{"تنفيذ", "نفذ"}, // تفعيل
		{"حفل", "حفل"},   // three letters stay as they are
		{"ناس", "نوس"},   // … but for a weak middle letter, which is always و
		{"إدارة", "دور"}, // افالة: a hollow root's verbal noun
		{"مدير", "دور"},  // مفيل
		{"يدير", "دور"},  // a hollow verb's present
		{"دار", "دور"},   // and past
		{"إقامة", "قوم"},
		{"أقام", "قوم"}, // أفال
		{"يقوم", "قوم"},
	}
	for _, tt := range tests {
		if got := Root(Normalize(tt.word)); got != tt.want {
			t.Errorf("Root(%s) = %s, want %s", tt.word, got, tt.want)
		}
	}
}
