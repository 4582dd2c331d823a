package bot

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"ccabot/config"
)

// journal makes taken questions survive a crash. A question is recorded (appended to a file under DATA_DIR)
// before it is answered and marked done after its reply is sent; after a kill -9, the next start answers the
// ones not marked done. Telegram redelivers the updates the crashed process had not confirmed; the journal
// remembers recent update IDs so those are not answered twice. Writes are plain appends (no fsync): they
// survive the process dying, not the machine losing power. The file holds question text until it is compacted
// away at the next start. Safe for concurrent use.
type journal struct {
	mu      sync.Mutex
	path    string
	f       *os.File
	w       *bufio.Writer
	pending map[int64]record
	done    *simplelru.LRU[int64, struct{}] // the last doneRemembered IDs marked done
	lock    *os.File                        // held (flock) while the journal is open
	// skipped counts the lines load could not read (torn by a crash, or garbage after a power loss).
	skipped int
	torn    bool        // the last write failed and may have left part of a line
	report  func(error) // told the outcome of every write (nil: written), for /healthz
}

// record is one journal line.
type record struct {
	Op       string `json:"op"` // "take", "partial" or "done"
	ID       int64  `json:"id"` // Telegram update_id
	Chat     int64  `json:"chat,omitempty"`
	ChatType string `json:"chat_type,omitempty"`
	Thread   int    `json:"thread,omitempty"`
	Msg      int    `json:"msg,omitempty"`
	// Partial is the streamed message already showing part of the answer ("partial" records): after a restart
	// the answer is edited into it rather than sent beside it.
	Partial int    `json:"partial,omitempty"`
	User    int64  `json:"user,omitempty"`
	ReplyTo int    `json:"reply_to,omitempty"`
	Text    string `json:"text,omitempty"`
	Lang    string `json:"lang,omitempty"`
	// UserLang is the sender's Telegram language_code.
	UserLang string `json:"user_lang,omitempty"`
	Private  bool   `json:"private,omitempty"`
	Date     int64  `json:"date,omitempty"` // when it was asked, Unix seconds
	// Voice is a spoken question, transcribed when answered (again after a restart).
	Voice *voiceNote `json:"voice,omitempty"`
}

// doneRemembered bounds the IDs kept to recognise redeliveries: more than Telegram ever redelivers.
const doneRemembered = 4096

// errJournalInUse stops the bot: two instances on one journal would answer each other's questions twice.
var errJournalInUse = errors.New("another instance of this bot is using the same " + config.EnvDataDir)

// openJournal reads the journal at dir/name (tolerating a torn last line), compacts it to the questions still
// pending plus recent done IDs, and opens it for appending. It returns the pending questions, oldest first.
func openJournal(dir, name string) (*journal, []record, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, err
	}
	// One process per journal: a second one would compact the file from under the first.
	lock, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, nil, err
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return nil, nil, errJournalInUse
	}
	j := &journal{path: filepath.Join(dir, name), pending: map[int64]record{}, lock: lock,
		done: newCapped[int64, struct{}](doneRemembered)}
	if err := j.load(); err != nil {
		lock.Close()
		return nil, nil, err
	}
	if err := j.compact(); err != nil {
		lock.Close()
		return nil, nil, err
	}
	f, err := os.OpenFile(j.path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	j.f, j.w = f, bufio.NewWriter(f)
	var pending []record
	for _, r := range j.pending {
		pending = append(pending, r)
	}
	sort.Slice(pending, func(a, b int) bool { return pending[a].ID < pending[b].ID })
	return j, pending, nil
}

func (j *journal) load() error {
	f, err := os.Open(j.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	rd := bufio.NewReaderSize(f, 64<<10)
	for {
		line, tooLong, err := readLine(rd, maxJournalLine)
		if len(line) > 0 || tooLong {
			var r record
			if tooLong || json.Unmarshal(line, &r) != nil {
				j.skipped++ // a line torn by a crash, or garbage (NUL bytes after a power loss)
			} else {
				switch r.Op {
				case "take":
					if !j.done.Contains(r.ID) {
						j.pending[r.ID] = r
					}
				case "partial":
					if p, ok := j.pending[r.ID]; ok {
						p.Partial = r.Partial
						j.pending[r.ID] = p
					}
				case "done":
					delete(j.pending, r.ID)
					j.markDone(r.ID)
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// maxJournalLine bounds a journal line: a question is at most a few KB; anything longer is garbage.
const maxJournalLine = 1 << 20

// readLine reads one line (without its newline) of at most max bytes; a longer one is read to its end and
// reported as tooLong instead of returned. err is io.EOF after the last line.
func readLine(rd *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := rd.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > max {
				tooLong, line = true, nil
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), tooLong, err
	}
}

// compact rewrites the file with what is still needed, atomically.
func (j *journal) compact() error {
	tmp, err := os.CreateTemp(filepath.Dir(j.path), ".journal-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	enc := json.NewEncoder(w)
	for _, id := range j.done.Keys() { // oldest first
		enc.Encode(record{Op: "done", ID: id})
	}
	for _, r := range j.pending {
		enc.Encode(r)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), j.path)
}

// partial records that question id's answer is streaming into message msgID.
func (j *journal) partial(id int64, msgID int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if r, ok := j.pending[id]; ok {
		r.Partial = msgID // kept by compaction
		j.pending[id] = r
	}
	return j.append(record{Op: "partial", ID: id, Partial: msgID})
}

func (j *journal) markDone(id int64) {
	if !j.done.Contains(id) { // Add would move an ID marked twice to the newest end
		j.done.Add(id, struct{}{})
	}
}

// seen reports whether an update was already taken (answered or not): a redelivery.
func (j *journal) seen(id int64) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	_, pending := j.pending[id]
	return pending || j.done.Contains(id)
}

// take records a question before it is answered.
func (j *journal) take(r record) error {
	r.Op = "take"
	j.mu.Lock()
	defer j.mu.Unlock()
	j.pending[r.ID] = r
	return j.append(r)
}

// finish marks a question answered (or given up on).
func (j *journal) finish(id int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.pending, id)
	j.markDone(id)
	return j.append(record{Op: "done", ID: id})
}

func (j *journal) append(r record) error {
	if j.w == nil {
		return errors.New("journal closed")
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if j.torn {
		j.w.WriteByte('\n') // end the line a failed write may have left, so this record is read on its own
	}
	j.w.Write(append(b, '\n'))
	err = j.w.Flush() // one write(2) per record: on disk (page cache) before we go on
	if err != nil {
		err = fmt.Errorf("write journal: %w", err)
		j.w.Reset(j.f) // a bufio.Writer keeps its first error forever; a disk that frees up must work again
	}
	j.torn = err != nil
	if j.report != nil {
		j.report(err)
	}
	return err
}

func (j *journal) close() error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	j.w.Flush()
	err := j.f.Close()
	j.lock.Close() // releases the flock
	j.f, j.w = nil, nil
	return err
}
