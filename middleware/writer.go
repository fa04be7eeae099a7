package middleware

import (
	"errors"
	"io"
	"net/http"
	"strconv"
)

// recorder wraps a ResponseWriter to record the status, the body bytes,
// whether the response has started, and whether sending it failed, for
// Recover and AccessLog.
type recorder struct {
	http.ResponseWriter
	status int   // the final status written, 0 before
	bytes  int64 // body bytes the wrapped writer accepted
	err    error // the first error a write or a flush returned
	sent   bool  // a flush succeeded before err: the status line reached the connection
}

var (
	_ http.Flusher = (*recorder)(nil)
	_ flushErrorer = (*recorder)(nil)
	_ rwUnwrapper  = (*recorder)(nil)
)

// flushErrorer is the flush that http.ResponseController looks for first,
// which net/http's own ResponseWriter has: it returns the error.
type flushErrorer interface{ FlushError() error }

// rwUnwrapper is what http.ResponseController looks for.
type rwUnwrapper interface{ Unwrap() http.ResponseWriter }

// started reports whether the status line has been written.
func (w *recorder) started() bool { return w.status != 0 }

// WriteHeader records the first final status; informational 1xx
// responses (other than 101) pass through unrecorded.
func (w *recorder) WriteHeader(code int) {
	if w.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// WriteString writes s without a copy when the wrapped writer can (net/http's
// can), as io.WriteString would on the writer itself.
func (w *recorder) WriteString(s string) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := io.WriteString(w.ResponseWriter, s)
	w.bytes += int64(n)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// Flush sends the buffered response, through Unwrap chains too.
func (w *recorder) Flush() { _ = w.FlushError() }

// FlushError is Flush that returns the error of sending the response, or
// http.ErrNotSupported when nothing under w can flush; it is what
// http.ResponseController.Flush calls.
func (w *recorder) FlushError() error {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	err := flushError(w.ResponseWriter)
	switch {
	case err == nil:
		if w.err == nil {
			w.sent = true
		}
	case errors.Is(err, http.ErrNotSupported):
	case w.err == nil:
		w.err = err
	}
	return err
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// flush flushes w if it, or a writer it unwraps to, can.
func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
		return
	}
	_ = http.NewResponseController(w).Flush() // http.ErrNotSupported: nothing to flush
}

// flushError flushes w, or a writer it unwraps to, and returns the error
// of sending: http.ErrNotSupported when none of them can flush. A writer
// that only has Flush, without an error, reports none.
func flushError(w http.ResponseWriter) error {
	switch f := w.(type) {
	case flushErrorer:
		return f.FlushError()
	case http.Flusher:
		f.Flush()
		return nil
	}
	return http.NewResponseController(w).Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }
