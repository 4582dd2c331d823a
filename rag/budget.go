package rag

import (
	"context"
	"unicode"
)

// promptHits chooses the units a model sees: every unit in rank order (those retrieval scored first, then the
// rest in corpus order, so a small corpus reaches the model whole whatever the question's wording) until the
// token budget is full. At least one unit is always chosen.
func (s *Service) promptHits(ctx context.Context, q *query) ([]hit, error) {
	ranked, err := s.ix.search(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	seen := make([]bool, len(s.ix.groups))
	for _, h := range ranked {
		seen[h.group] = true
	}
	for g := range s.ix.groups {
		if !seen[g] {
			ranked = append(ranked, hit{group: g})
		}
	}
	budget := s.opts.PromptTokens
	var out []hit
	for _, h := range ranked {
		cost := s.ix.groupTokens[h.group]
		if len(out) > 0 && cost > budget {
			if budget < promptSmallestUnit {
				break
			}
			continue // a long unit does not stop shorter, lower-ranked ones from filling the budget
		}
		out = append(out, h)
		budget -= cost
	}
	return out, nil
}

// promptSmallestUnit: once less than this is left of the budget, no further unit is looked for.
const promptSmallestUnit = 40

// estimateTokens is a tokenizer-free, slightly high estimate of a text's token count under the BPE tokenizers of
// current models: about four Latin characters a token and two and a half Arabic letters a token (checked
// against o200k in TestEstimateTokens).
func estimateTokens(text string) int {
	latin, arabic, other := 0, 0, 0
	for _, r := range text {
		switch {
		case r < 0x80:
			latin++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		default:
			other++
		}
	}
	return (latin+3)/4 + (2*arabic+4)/5 + other
}
