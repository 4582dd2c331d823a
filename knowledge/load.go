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

// OverTotal reports the files LoadDir skipped because the documents before them (in lexical order) already hold
// its total: one report for them all, however many there are.
type OverTotal struct {
	Paths []string // in lexical order
	Bytes int64    // their size together
	Limit int64    // the total
}

func (e *OverTotal) Error() string {
	names := e.Paths
	if len(names) > 5 {
		names = append(names[:5:5], fmt.Sprintf("and %d more", len(e.Paths)-5))
	}
	return fmt.Sprintf("skip %d files (%d bytes) past the %d-byte total of the documents before them: %s",
		len(e.Paths), e.Bytes, e.Limit, strings.Join(names, ", "))
}

// LoadDir reads every .md and .txt file below dir (recursively, in lexical order) as a Document, as long as the
// documents read hold at most maxTotal bytes (0: no limit). From the first file that would go past it, the files
// are skipped and reported together as one *OverTotal: each MiB of operator text costs the index about 17 MB of
// memory and 0.3 s of two cores to build, so the total, not only each file, must be bounded. A file that is not
// text (not UTF-8, NUL bytes, control characters), empty, larger than MaxFileBytes or has broken front matter is
// returned as a *FileError and skipped; it does not count towards maxTotal. LoadDir never fails as a whole
// because of one file. An empty dir means no operator documents. The error is non-nil only when dir itself
// cannot be read.
func LoadDir(dir string, maxTotal int64) (docs []Document, skipped []error, err error) {
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
	var total int64
	var over *OverTotal
	for _, name := range names {
		full := filepath.Join(dir, name)
		if over != nil {
			over.add(root, name, full)
			continue
		}
		doc, size, err := loadFile(root, name, full)
		if err == nil {
			if other, dup := seen[doc.ID]; dup {
				err = fmt.Errorf("document id %q already used by %s", doc.ID, other)
			}
		}
		if err != nil {
			skipped = append(skipped, &FileError{Path: full, Err: err})
			continue
		}
		if maxTotal > 0 && total+size > maxTotal {
			over = &OverTotal{Limit: maxTotal}
			over.add(root, name, full)
			continue
		}
		total += size
		seen[doc.ID] = full
		docs = append(docs, doc)
	}
	if over != nil {
		skipped = append(skipped, over)
	}
	return docs, skipped, nil
}

// add records a file skipped for the total.
func (e *OverTotal) add(root fs.FS, name, full string) {
	e.Paths = append(e.Paths, full)
	if info, err := fs.Stat(root, name); err == nil {
		e.Bytes += info.Size()
	}
}

// loadFile reads and parses one file, and returns its size.
func loadFile(root fs.FS, name, full string) (Document, int64, error) {
	info, err := fs.Stat(root, name)
	if err != nil {
		return Document{}, 0, err
	}
	if !info.Mode().IsRegular() {
		return Document{}, 0, errors.New("not a regular file")
	}
	if info.Size() > MaxFileBytes {
		return Document{}, 0, fmt.Errorf("%d bytes is over the %d-byte limit", info.Size(), MaxFileBytes)
	}
	if info.Size() == 0 {
		return Document{}, 0, errors.New("empty file")
	}
	raw, err := fs.ReadFile(root, name)
	if err != nil {
		return Document{}, 0, err
	}
	doc, err := parseDocument(docID(name), full, raw)
	return doc, int64(len(raw)), err
}

// docID derives a stable document ID from the file's path below KNOWLEDGE_DIR: "notes/Summit 2023.md" becomes
// "notes/summit-2023".
func docID(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.ToLower(name)
	return strings.Join(strings.Fields(name), "-")
}
