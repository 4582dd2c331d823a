package rag

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// The saved vectors of one embedding space: a header, then one record a passage, read and written a record at a
// time. (chromem-go's export encodes the whole collection as one gob message, which it holds in memory whole, as
// does its import: for 16 MiB of operator text that was 100 MB more at the first start and 200 MB more at the next.)
//
//	"ccabot vectors 1\n", uvarint dim, uvarint count
//	count × (uvarint len, passage ID, uvarint len, content hash, dim × float32 little-endian)
const vectorFileMagic = "ccabot vectors 1\n"

// savedVector is a passage's vector as saved, with the hash of the content it was made from.
type savedVector struct {
	hash string
	vec  []float32
}

// readVectors reads the vectors saved at path, by passage ID; none saved is (nil, nil), a file that cannot be
// read (torn, foreign, from an earlier version) is (nil, why). The vectors share one block.
func readVectors(path string) (map[string]savedVector, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(f)
	magic := make([]byte, len(vectorFileMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != vectorFileMagic {
		return nil, fmt.Errorf("read %s: not a vector file of this version", path)
	}
	dim, err1 := binary.ReadUvarint(r)
	count, err2 := binary.ReadUvarint(r)
	// Sizes come from the file: bounded by its length before anything is allocated by them.
	if err := errors.Join(err1, err2); err != nil || dim == 0 || dim > 1<<16 || count > uint64(info.Size())/(4*dim) {
		return nil, fmt.Errorf("read %s: bad header (dim %d, count %d, %d bytes)", path, dim, count, info.Size())
	}
	block := make([]float32, count*dim)
	out := make(map[string]savedVector, count)
	buf := make([]byte, 4*dim)
	for i := range count {
		id, err1 := readString(r)
		hash, err2 := readString(r)
		_, err3 := io.ReadFull(r, buf)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("read %s: record %d: %w", path, i, err)
		}
		vec := block[i*dim : (i+1)*dim : (i+1)*dim]
		for k := range vec {
			vec[k] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*k:]))
		}
		out[id] = savedVector{hash: hash, vec: vec}
	}
	return out, nil
}

// readString reads a uvarint length and that many bytes (at most 4 KiB: an ID or a hash).
func readString(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	if n > 4096 {
		return "", fmt.Errorf("string of %d bytes", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// writeVectors saves the vectors of ids (with their content hashes) at path: to a temporary file renamed over
// path, so a crash mid-write leaves the previous file intact. Every vector must have the same length.
func writeVectors(path string, ids, hashes []string, vecs [][]float32) error {
	dim := 0
	if len(vecs) > 0 {
		dim = len(vecs[0])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	w.WriteString(vectorFileMagic)
	w.Write(binary.AppendUvarint(binary.AppendUvarint(nil, uint64(dim)), uint64(len(vecs))))
	buf := make([]byte, 0, 4*dim+256)
	for i, v := range vecs {
		if len(v) != dim {
			tmp.Close()
			return fmt.Errorf("passage %s: vector of %d dimensions among vectors of %d", ids[i], len(v), dim)
		}
		buf = binary.AppendUvarint(buf[:0], uint64(len(ids[i])))
		buf = append(buf, ids[i]...)
		buf = binary.AppendUvarint(buf, uint64(len(hashes[i])))
		buf = append(buf, hashes[i]...)
		for _, x := range v {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		}
		w.Write(buf)
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
