package webob

import (
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// rawHandler runs a net/http application with the same panic handling as
// Handler: a panic before anything was written is a rendered 500, after that
// the connection is aborted; either way it is logged.
type rawHandler struct {
	h      http.Handler
	logger *slog.Logger
}

func (rh rawHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		req := request.FromHTTP(r, "")
		log := rh.logger
		if log == nil {
			log = slog.Default()
		}
		pe := &PanicError{Value: v, Stack: debug.Stack()}
		logError(r.Context(), log, req, pe)
		if sw.wrote {
			panic(http.ErrAbortHandler)
		}
		if writePanic(w, pe) {
			return
		}
		exc.InternalServerError("").Response(req).Serve(w, req)
	}()
	rh.h.ServeHTTP(sw, r)
}

// statusWriter records whether the response has started.
type statusWriter struct {
	http.ResponseWriter
	wrote bool
}

var _ http.Flusher = (*statusWriter)(nil)

func (s *statusWriter) WriteHeader(code int) {
	if code >= 200 {
		s.wrote = true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(p []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(p)
}

// Flush forwards to the underlying writer when it can flush.
func (s *statusWriter) Flush() {
	s.wrote = true
	http.NewResponseController(s.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
