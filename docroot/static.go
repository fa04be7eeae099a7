package docroot

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// ServeStatic serves name, a static file of fsys (a clean slash-separated
// path, as Resolve's Target.File), the way gowebob serve does, as WebOb's
// FileApp plus an ETag: its content type by extension
// (application/octet-stream when unknown), X-Content-Type-Options nosniff,
// an ETag made of the file's modification time and size, Last-Modified,
// conditional requests and Range (http.ServeContent). GET and HEAD only: any
// other method is a 405. A name that is missing, not a regular file, or
// executable (a compiled program, not content) is the uniform 404.
func ServeStatic(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeExc(w, r, exc.MethodNotAllowed("GET", "HEAD"))
		return
	}
	f, err := fsys.Open(name)
	if err != nil {
		writeExc(w, r, exc.NotFound(""))
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 != 0 {
		writeExc(w, r, exc.NotFound(""))
		return
	}
	content, ok := f.(io.ReadSeeker)
	if !ok {
		b, err := io.ReadAll(f)
		if err != nil {
			writeExc(w, r, exc.NotFound(""))
			return
		}
		content = bytes.NewReader(b)
	}
	h := w.Header()
	h.Set("ETag", fmt.Sprintf(`"%x-%x"`, fi.ModTime().UnixNano(), fi.Size()))
	h.Set("X-Content-Type-Options", "nosniff")
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	} else {
		h.Set("Content-Type", "application/octet-stream")
	}
	http.ServeContent(w, r, name, fi.ModTime(), content)
}

// writeExc writes e rendered for r's Accept header.
func writeExc(w http.ResponseWriter, r *http.Request, e *exc.HTTPError) {
	req := request.FromHTTP(r, "")
	e.Response(req).Serve(w, req)
}
