package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// MaxFileBytes is the largest operator document loaded; a larger file is reported and skipped, so a stray dump in
// KNOWLEDGE_DIR cannot exhaust memory or the embedding budget.
const MaxFileBytes = 2 << 20

// FileError reports a file under KNOWLEDGE_DIR that was skipped, and why.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("skip %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// LoadDir reads every .md and .txt file below dir (recursively, in lexical order) as a Document. A file that is
// not UTF-8, empty, larger than MaxFileBytes or has broken front matter is returned as a *FileError and skipped;
// LoadDir never fails as a whole because of one file. An empty dir means no operator documents. The error is
// non-nil only when dir itself cannot be read.
func LoadDir(dir string) (docs []Document, skipped []error, err error) {
	if dir == "" {
		return nil, nil, nil
	}
	root := os.DirFS(dir)
	var names []string
	walkErr := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			skipped = append(skipped, &FileError{Path: filepath.Join(dir, name), Err: err})
			return nil
		}
		if d.IsDir() {
			if name != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".md", ".txt":
			names = append(names, name)
		}
		return nil
	})
	if walkErr != nil {
		return nil, nil, fmt.Errorf("read knowledge dir %q: %w", dir, walkErr)
	}
	sort.Strings(names)
	seen := map[string]string{}
	for _, name := range names {
		full := filepath.Join(dir, name)
		doc, err := loadFile(root, name, full)
		if err == nil {
			if other, dup := seen[doc.ID]; dup {
				err = fmt.Errorf("document id %q already used by %s", doc.ID, other)
			}
		}
		if err != nil {
			skipped = append(skipped, &FileError{Path: full, Err: err})
			continue
		}
		seen[doc.ID] = full
		docs = append(docs, doc)
	}
	return docs, skipped, nil
}

func loadFile(root fs.FS, name, full string) (Document, error) {
	info, err := fs.Stat(root, name)
	if err != nil {
		return Document{}, err
	}
	if !info.Mode().IsRegular() {
		return Document{}, errors.New("not a regular file")
	}
	if info.Size() > MaxFileBytes {
		return Document{}, fmt.Errorf("%d bytes is over the %d-byte limit", info.Size(), MaxFileBytes)
	}
	if info.Size() == 0 {
		return Document{}, errors.New("empty file")
	}
	raw, err := fs.ReadFile(root, name)
	if err != nil {
		return Document{}, err
	}
	return parseDocument(docID(name), full, raw)
}

// docID derives a stable document ID from the file's path below KNOWLEDGE_DIR: "notes/Summit 2023.md" becomes
// "notes/summit-2023".
func docID(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.ToLower(name)
	return strings.Join(strings.Fields(name), "-")
}
