package bottest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// MaxDownloadBytes is the largest file getFile serves, as on Telegram ("file is too big" beyond).
const MaxDownloadBytes = 20 << 20

type storedFile struct {
	path string
	data []byte
	size int64 // as reported; may differ from len(data) to fake a big file without its bytes
}

// AddFile stores data as a file the bot can fetch: getFile answers its file_id with a file_path, and
// GET /file/bot<token>/<file_path> serves the bytes. size is the size Telegram reports (0: len(data)); a size
// over MaxDownloadBytes makes getFile answer "file is too big", like Telegram.
func (s *Server) AddFile(data []byte, ext string, size int64) (fileID string) {
	sum := sha256.Sum256(data)
	fileID = "file-" + hex.EncodeToString(sum[:8]) + "-" + strconv.FormatInt(msgSeq.Add(1), 10)
	if size == 0 {
		size = int64(len(data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = storedFile{path: "voice/" + fileID + "." + ext, data: data, size: size}
	return fileID
}

// Downloads is the number of file downloads served (GET /file/bot<token>/…).
func (s *Server) Downloads() int { return len(s.Calls("download")) }

func (s *Server) getFile(_ *http.Request, form url.Values) (any, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[form.Get("file_id")]
	switch {
	case !ok:
		return nil, badRequest("invalid file_id")
	case f.size > MaxDownloadBytes:
		return nil, badRequest("file is too big")
	}
	id := form.Get("file_id")
	return models.File{FileID: id, FileUniqueID: "u" + id, FileSize: f.size, FilePath: f.path}, nil
}

// serveFile answers a download like Telegram's file endpoint: the bytes, or 404 for a wrong token or path.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, path, _ := strings.Cut(rest, "/")
	idx := s.record(Call{Method: "download", Params: map[string]string{"path": path}, Time: time.Now()})
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == path {
			data, found = f.data, true
		}
	}
	s.mu.Unlock()
	if token != s.token || !found || r.Method != http.MethodGet {
		s.finish(idx, http.StatusNotFound, "Not Found")
		http.Error(w, `{"ok":false,"error_code":404,"description":"Not Found"}`, http.StatusNotFound)
		return
	}
	s.finish(idx, http.StatusOK, "")
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// PrivateVoice builds a "message" update carrying a voice note (OGG/Opus) of the given duration in seconds from
// user userID in the private chat chatID; fileID comes from AddFile.
func PrivateVoice(chatID, userID int64, fileID string, seconds int, size int64) models.Update {
	u := PrivateText(chatID, userID, "")
	u.Message.Voice = &models.Voice{FileID: fileID, FileUniqueID: "u" + fileID, Duration: seconds,
		MimeType: "audio/ogg", FileSize: size}
	return u
}

// GroupVoice builds a voice note in the supergroup chatID with an optional caption and its entities.
func GroupVoice(chatID, userID int64, fileID string, seconds int, size int64, caption string,
	entities ...models.MessageEntity) models.Update {
	u := GroupText(chatID, userID, "")
	u.Message.Voice = &models.Voice{FileID: fileID, FileUniqueID: "u" + fileID, Duration: seconds,
		MimeType: "audio/ogg", FileSize: size}
	u.Message.Caption, u.Message.CaptionEntities = caption, entities
	return u
}
