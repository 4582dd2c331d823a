package nlp

import "strings"

// opinionCues ask for the bot's own opinion ("what's your opinion", "رأيك الشخصي"), which no source holds. "Do
// you think it will run smoothly?" is not among them: it asks what the sources say, in a chatty way.
var opinionCues = []string{"your opinion", "ur opinion", "your personal", "your own view", "your view",
	"your take", "what do you think", "what do u think", "wdyt", "your feelings", "رايك", "برايك", "رايكم",
	"وجهه نظرك", "انت شو بتشوف", "انت ايش تشوف", "انت شنو تشوف", "شو بتحس", "احساسك"}

// AsksOpinion reports whether a question (its normalised words) asks for the bot's own opinion.
func AsksOpinion(words []string) bool {
	joined := " " + strings.Join(words, " ") + " "
	for _, c := range opinionCues {
		if strings.Contains(joined, " "+Normalize(c)+" ") {
			return true
		}
	}
	return false
}
