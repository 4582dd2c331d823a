package rag_test

import (
	"context"
	"fmt"

	"ccabot/knowledge"
	"ccabot/rag"
)

// The service over the built-in article, offline (no model): an answer quotes its passage, in the question's
// language; a follow-up is read with the previous question in mind (its Turn); and a question the sources do not
// answer is refused, with the reason.
func ExampleService_Ask() {
	ctx := context.Background()
	corpus, _ := knowledge.NewCorpus(knowledge.Builtin(), 0)
	ix, _, err := rag.NewIndex(ctx, corpus, rag.IndexOptions{}) // in memory, with the offline embedder
	if err != nil {
		fmt.Println(err)
		return
	}
	svc := rag.NewService(ix, rag.Options{})

	a, _ := svc.Ask(ctx, rag.Request{Question: "Who is the foreign minister of Kyrgyzstan?"})
	fmt.Println(a.Lang, a.Mode, a.Sources[0].ID)
	fmt.Println(a.Body)

	a, _ = svc.Ask(ctx, rag.Request{Question: "متى أطلقت الأمانة؟"})
	fmt.Println(a.Lang, a.Sources[0].ID)
	fmt.Println(a.Body)

	a, _ = svc.Ask(ctx, rag.Request{Question: "Who heads the secretariat?"})
	a, _ = svc.Ask(ctx, rag.Request{Question: "what did he say?", Prev: a.Turn})
	fmt.Println(a.Body)

	a, _ = svc.Ask(ctx, rag.Request{Question: "What is the capital of France?"})
	fmt.Println(a.Refused, a.Reason)
	// Output:
	// en extractive xinhua-20240330-en#4
	// …Kyrgyz Foreign Minister Zheenbek Kulubaev, Tajik Foreign Minister Sirojiddin Muhriddin, Turkmen Deputy Prime Minister and Foreign Minister Rashid Meredov…
	// ar xinhua-20240330#3
	// شيآن 30 مارس 2024 (شينخوا) عقدت الصين ودول آسيا الوسطى الخمس، وهي كازاخستان وقيرغيزستان وطاجيكستان وتركمانستان وأوزبكستان، احتفالا في مدينة شيآن بمقاطعة شنشي، وأطلقت أمانة آلية تعاون الصين-آسيا الوسطى، اليوم (السبت).
	// Wu Yingchen, Executive Director of the Secretariat, said the secretariat will actively work to strengthen its rules and regulations, fully implement the outcomes of the China-Central Asia Summit and the important consensus reached by the countries' leaders…
	// true named_absent
}
