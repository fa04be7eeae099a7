package middleware

import (
	"io"
	"net/http"
	"strconv"
)

// recorder wraps a ResponseWriter to record the status, the body bytes
// and whether the response has started, for Recover and AccessLog.
type recorder struct {
	http.ResponseWriter
	status int   // the final status written, 0 before
	bytes  int64 // body bytes written
}

var (
	_ http.Flusher = (*recorder)(nil)
	_ rwUnwrapper  = (*recorder)(nil)
)

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
	return n, err
}

// Flush sends the buffered response, through Unwrap chains too.
func (w *recorder) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	flush(w.ResponseWriter)
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

func itoa(n int) string { return strconv.Itoa(n) }
