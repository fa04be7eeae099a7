package serve

import (
	"fmt"
	"mime"
	"net/http"
	"path"

	"github.com/gowebob/gowebob/exc"
)

// serveStatic serves a docroot file that is not a page, with its content
// type, an ETag and Last-Modified, conditional requests and Range, as
// WebOb's FileApp (plus the ETag). Executable files are never served: they
// are compiled programs, not content.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeExc(w, r, exc.MethodNotAllowed("GET", "HEAD"))
		return
	}
	f, err := s.root.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 != 0 {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("ETag", fmt.Sprintf(`"%x-%x"`, fi.ModTime().UnixNano(), fi.Size()))
	h.Set("X-Content-Type-Options", "nosniff")
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	} else {
		h.Set("Content-Type", "application/octet-stream")
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
