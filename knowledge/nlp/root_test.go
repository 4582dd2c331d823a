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
		{"ناس", "ناس"},   // three letters stay as they are
	}
	for _, tt := range tests {
		if got := Root(Normalize(tt.word)); got != tt.want {
			t.Errorf("Root(%s) = %s, want %s", tt.word, got, tt.want)
		}
	}
}
