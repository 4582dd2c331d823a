package ragtest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
)

// MaxEmbeddingInputs is the largest number of inputs one embeddings request
// may carry, as on OpenAI; larger requests get 400.
const MaxEmbeddingInputs = 2048

// VectorNorm is the Euclidean norm of every non-zero vector from [Vector]:
// vectors are deliberately not unit length, so callers must normalise.
const VectorNorm = 3

// Vector returns the deterministic embedding of text with dim components,
// as served by /v1/embeddings. The text is lower-cased and padded with one
// space on each side; each run of three consecutive runes (character
// trigram) is hashed with 64-bit FNV-1a, adding +1 or -1 (the hash's top
// bit) to component hash%dim. The result is scaled to norm [VectorNorm].
// Texts sharing many trigrams therefore have a high cosine similarity and
// unrelated texts a cosine near 0; texts differing only in letter case
// get the same vector. An empty text gives the zero vector; dim <= 0 gives nil.
func Vector(text string, dim int) []float32 {
	if dim <= 0 {
		return nil
	}
	acc := make([]float64, dim)
	r := []rune(" " + strings.ToLower(text) + " ")
	for i := 0; i+3 <= len(r) && text != ""; i++ {
		h := fnv.New64a()
		_, _ = h.Write([]byte(string(r[i : i+3])))
		x := h.Sum64()
		sign := 1.0
		if x>>63 == 1 {
			sign = -1
		}
		acc[x%uint64(dim)] += sign
	}
	var norm float64
	for _, v := range acc {
		norm += v * v
	}
	norm = math.Sqrt(norm)
	out := make([]float32, dim)
	if norm == 0 {
		return out
	}
	for i, v := range acc {
		out[i] = float32(VectorNorm * v / norm)
	}
	return out
}

type wireEmbeddingRequest struct {
	Input          json.RawMessage `json:"input"`
	Model          string          `json:"model"`
	EncodingFormat string          `json:"encoding_format"`
	Dimensions     int             `json:"dimensions"`
}

type embeddingData struct {
	Object    string `json:"object"`
	Index     int    `json:"index"`
	Embedding any    `json:"embedding"`
}

type embeddingResponse struct {
	Object string          `json:"object"`
	Data   []embeddingData `json:"data"`
	Model  string          `json:"model"`
	Usage  struct {
		PromptTokens int `json:"prompt_tokens"`
		TotalTokens  int `json:"total_tokens"`
	} `json:"usage"`
}

// parseInputs accepts a string or a non-empty list of non-empty strings.
func parseInputs(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, fmt.Errorf("'input' is a required property")
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		if one == "" {
			return nil, fmt.Errorf("'$.input' is invalid: empty string")
		}
		return []string{one}, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("'input' must be a string or an array of strings")
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("'$.input' is invalid: empty array")
	}
	if len(list) > MaxEmbeddingInputs {
		return nil, fmt.Errorf("'$.input' is invalid: at most %d inputs are allowed, got %d",
			MaxEmbeddingInputs, len(list))
	}
	out := make([]string, len(list))
	for i, el := range list {
		if err := json.Unmarshal(el, &out[i]); err != nil {
			var num json.Number
			if el[0] == '[' || json.Unmarshal(el, &num) == nil {
				return nil, fmt.Errorf("token array inputs are not supported by this server")
			}
			return nil, fmt.Errorf("'$.input[%d]' must be a string", i)
		}
		if out[i] == "" {
			return nil, fmt.Errorf("'$.input[%d]' is invalid: empty string", i)
		}
	}
	return out, nil
}

// handleEmbeddings answers POST /v1/embeddings. Inputs must be a string or
// a list of strings; empty strings, empty lists, more than
// [MaxEmbeddingInputs] inputs and token arrays give 400. A positive
// "dimensions" (at most 8192) overrides the default vector length, and
// "encoding_format":"base64" returns little-endian float32 bytes in base64.
func (s *Server) handleEmbeddings(c *call) {
	var wire wireEmbeddingRequest
	if err := json.Unmarshal(c.body, &wire); err != nil {
		badRequest(c.w, "We could not parse the JSON body of your request. ("+err.Error()+")")
		return
	}
	if wire.Model == "" {
		badRequest(c.w, "you must provide a model parameter")
		return
	}
	if !slices.Contains(s.embedModels, wire.Model) {
		modelNotFound(c.w, wire.Model)
		return
	}
	inputs, err := parseInputs(wire.Input)
	if err != nil {
		badRequest(c.w, err.Error())
		return
	}
	dim := s.embedDim
	if wire.Dimensions != 0 {
		if wire.Dimensions < 1 || wire.Dimensions > 8192 {
			badRequest(c.w, fmt.Sprintf("'dimensions' must be between 1 and 8192, got %d", wire.Dimensions))
			return
		}
		dim = wire.Dimensions
	}
	if wire.EncodingFormat != "" && wire.EncodingFormat != "float" && wire.EncodingFormat != "base64" {
		badRequest(c.w, fmt.Sprintf("'encoding_format' must be 'float' or 'base64', got %q", wire.EncodingFormat))
		return
	}

	resp := embeddingResponse{Object: "list", Model: wire.Model, Data: make([]embeddingData, len(inputs))}
	for i, text := range inputs {
		vec := Vector(text, dim)
		var enc any = vec
		if wire.EncodingFormat == "base64" {
			buf := make([]byte, 0, 4*len(vec))
			for _, f := range vec {
				buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(f))
			}
			enc = base64.StdEncoding.EncodeToString(buf)
		}
		resp.Data[i] = embeddingData{Object: "embedding", Index: i, Embedding: enc}
		resp.Usage.PromptTokens += CountTokens(text)
	}
	resp.Usage.TotalTokens = resp.Usage.PromptTokens
	if c.cut < 0 {
		s.mu.Lock()
		s.embedded += len(inputs)
		s.mu.Unlock()
	}
	s.writeOK(c, resp)
}

type modelObject struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// handleModels answers GET /v1/models (chat models, then embedding models)
// and GET /v1/models/{id}.
func (s *Server) handleModels(c *call) {
	all := slices.Concat(s.chatModels, s.embedModels)
	obj := func(id string) modelObject {
		return modelObject{ID: id, Object: "model", Created: 1700000000, OwnedBy: "ragtest"}
	}
	if id, ok := strings.CutPrefix(c.r.URL.Path, "/v1/models/"); ok {
		if !slices.Contains(all, id) {
			modelNotFound(c.w, id)
			return
		}
		s.writeOK(c, obj(id))
		return
	}
	list := struct {
		Object string        `json:"object"`
		Data   []modelObject `json:"data"`
	}{Object: "list", Data: []modelObject{}}
	for _, id := range all {
		list.Data = append(list.Data, obj(id))
	}
	s.writeOK(c, list)
}
