package page

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gowebob/gowebob/internal/devpage"
	"github.com/gowebob/gowebob/webob"
)

// devHandler is a page program's handler under gowebob serve -dev: a panic
// of the page is answered with devpage's panic page instead of the plain
// 500 (the adapter finds the writer, a webob.PanicWriter), and HTML
// answers end with the live-reload script. Nothing of it runs without
// -dev.
type devHandler struct {
	next    http.Handler
	page    string // the page's file, relative to the docroot
	docroot string // absolute
	script  string // the live-reload script
}

// newDevHandler returns next as it must run under -dev, for the program
// built from key. The program runs in the folder of its page, so the
// docroot is that folder without the page's own folders.
func newDevHandler(next http.Handler, page, key string) *devHandler {
	root, _ := os.Getwd()
	for d := path.Dir(page); d != "." && d != "/"; d = path.Dir(d) {
		root = filepath.Dir(root)
	}
	return &devHandler{next: next, page: page, docroot: root, script: devpage.Script(page, key)}
}

func (h *devHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dw := &devWriter{ResponseWriter: w, h: h, r: r, head: r.Method == http.MethodHead}
	h.next.ServeHTTP(dw, r)
	if dw.inject {
		dw.ResponseWriter.Write([]byte(h.script))
	}
}

// inDocroot returns the docroot-relative name of a stack frame's file,
// and whether it is in the docroot (stackFrames names the page already).
func (h *devHandler) inDocroot(file string) (string, bool) {
	if file == h.page {
		return file, true
	}
	if !filepath.IsAbs(file) {
		return file, false
	}
	rel, err := filepath.Rel(h.docroot, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file, false
	}
	return filepath.ToSlash(rel), true
}

func (h *devHandler) read(rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(h.docroot, filepath.FromSlash(rel)))
}

// devWriter adds the live-reload script at the end of an HTML answer that
// the page did not compress itself (the browser runs a script after
// </html> as well), and answers a panic with the panic page.
type devWriter struct {
	http.ResponseWriter
	h      *devHandler
	r      *http.Request // the request answered
	head   bool          // a HEAD request: no body
	wrote  bool          // the header was written
	inject bool          // the script goes at the end
}

var (
	_ webob.PanicWriter = (*devWriter)(nil)
	_ http.Flusher      = (*devWriter)(nil)
)

func (w *devWriter) WriteHeader(code int) {
	if code < 200 || w.wrote {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.wrote = true
	hdr := w.Header()
	// Not into a part of the document (206) or an answer without a body.
	if !w.head && code != http.StatusNoContent && code != http.StatusNotModified && code != http.StatusPartialContent &&
		devpage.IsHTML(hdr.Get("Content-Type")) && hdr.Get("Content-Encoding") == "" {
		w.inject = true
		if cl := hdr.Get("Content-Length"); cl != "" {
			if n, err := strconv.ParseInt(cl, 10, 64); err == nil {
				hdr.Set("Content-Length", strconv.FormatInt(n+int64(len(w.h.script)), 10))
			} else {
				hdr.Del("Content-Length")
			}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *devWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		// What net/http would do: sniff the type of an answer that set
		// none.
		if hdr := w.Header(); hdr.Get("Content-Type") == "" && hdr.Get("Content-Encoding") == "" {
			hdr.Set("Content-Type", http.DetectContentType(p))
		}
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Flush forwards to the underlying writer when it can flush.
func (w *devWriter) Flush() {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *devWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// WritePanic answers the request with the panic page, unless the answer
// began.
func (w *devWriter) WritePanic(pe *webob.PanicError) bool {
	r := w.r
	if w.wrote {
		return false
	}
	p := devpage.NewPanic(w.h.page, pe.Value, stackFrames(pe.Stack, w.h.page), w.h.inDocroot, w.h.read, r)
	// The panic page carries its own script: it is not an answer of the
	// page's to add one to.
	w.wrote = true
	devpage.WritePanic(w.ResponseWriter, r, p, w.h.script)
	return true
}
