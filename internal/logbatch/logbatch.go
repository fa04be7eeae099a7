// Package logbatch gathers log lines into fewer writes. gowebob serve logs
// the access log lines of its page programs, which arrive in batches of
// dozens: written one by one, each line is a system call, a few
// microseconds of a request that took thirty. A Writer held while a batch
// is logged writes the batch once, in the order its lines came.
package logbatch

import (
	"io"
	"sync"
)

// maxKept bounds the buffer a Writer keeps between batches: a larger one
// (a burst of long lines) is let go.
const maxKept = 64 << 10

// Writer is an io.Writer that writes through to W, except between Hold
// and the matching Release, when it gathers what is written (by any
// goroutine) and writes it in one call at the Release. The zero value
// writes nowhere: set W.
type Writer struct {
	W io.Writer

	mu   sync.Mutex
	held int
	buf  []byte
	err  error // the first error of a write made at a Release
}

// Write writes p to W, or keeps it for the Release while the Writer is
// held. It reports an error of an earlier gathered write once.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.err; err != nil {
		w.err = nil
		return 0, err
	}
	if w.held > 0 {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	return w.W.Write(p)
}

// Hold starts gathering writes. Holds nest: the last Release writes.
func (w *Writer) Hold() {
	w.mu.Lock()
	w.held++
	w.mu.Unlock()
}

// Release ends a Hold, and writes what was gathered when it is the last.
// The lock is kept across the write, so that a line written meanwhile
// cannot come before the batch.
func (w *Writer) Release() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.held == 0 {
		panic("logbatch: Release without Hold")
	}
	w.held--
	if w.held > 0 || len(w.buf) == 0 {
		return
	}
	if _, err := w.W.Write(w.buf); err != nil && w.err == nil {
		w.err = err
	}
	w.buf = w.buf[:0]
	if cap(w.buf) > maxKept {
		w.buf = nil
	}
}
