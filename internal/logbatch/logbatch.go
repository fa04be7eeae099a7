// Package logbatch gathers log lines into fewer writes. A log line written
// to stderr is a system call of its own, a few microseconds of a request
// that took thirty; a Writer writes the lines that come while it is busy
// writing in one call (group commit), and the lines logged between a Hold
// and its Release in one call too.
//
// slog's TextHandler and JSONHandler hold one lock across their Write: a
// Writer behind one of them never sees two lines at once and writes each
// alone; logline's Handler holds none.
//
// Unless its Delay is set, a Writer does not delay a line when it is idle
// and keeps no timer. A line it gathered is written before the goroutine
// writing ends its Write, but the goroutine that wrote the line may have
// returned: a program that exits while another goroutine logs can lose
// it, as it could lose the other goroutine's own line.
package logbatch

import (
	"io"
	"sync"
	"time"
)

// maxKept bounds the buffer a Writer keeps between batches: a larger one
// (a burst of long lines) is let go. It is twice maxDelayed because a
// batch the Delay filled ends with the line that took it past maxDelayed,
// and append then grew it a quarter: were that one let go, every batch
// of a busy server would grow a new buffer from nothing, some three times
// the batch in garbage (about 650 bytes per access log line).
const maxKept = 2 * maxDelayed

// maxPending bounds the lines gathered while a write is under way (not
// those of a Hold): past it, a Write waits for the write, as it would
// have waited without a Writer, rather than let a stuck output grow the
// buffer without end.
const maxPending = 256 << 10

// maxDelayed bounds the lines a Writer with a Delay keeps: they are
// written once they reach it (nginx's access_log buffer= is 64k too).
const maxDelayed = 64 << 10

// Writer is an io.Writer that writes through to W, one write at a time.
// A Write made while another goroutine's write to W is under way is kept,
// and the goroutine writing writes it, with all the others kept
// meanwhile, in one call before its own Write returns (group commit).
// Between Hold and the matching Release, it gathers what is written (by
// any goroutine) and writes it in one call at the Release. Lines keep the
// order their Writes came in. The zero value writes nowhere: set W.
type Writer struct {
	W io.Writer

	// Delay, if positive, is how long a line written while W is idle may
	// wait for others (nginx's access_log flush=): lines are written
	// together once Delay has passed since the first of them, or once
	// they reach 64 KiB. Fewer writes, but lines not written yet are lost
	// if the program dies: call Flush before it exits. Set Delay before
	// the first Write.
	Delay time.Duration

	mu      sync.Mutex
	room    sync.Cond // signaled when kept lines leave buf and when a write ends; L is &mu once a Write or Flush waited
	held    int
	writing bool   // a goroutine is writing to W, and writes buf after
	buf     []byte // lines kept: held, or come during a write
	spare   []byte // the last batch's buffer, for the next
	err     error  // the first error of a write of kept lines
	timer   *time.Timer
	armed   bool // timer will write the lines Delay kept
}

// Write writes p to W, or keeps it to be written by the goroutine writing,
// at the Release, or after the Delay. It reports an error of an earlier
// write of kept lines once, instead of writing p.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	for w.writing && w.held == 0 && len(w.buf) >= maxPending {
		w.room.L = &w.mu
		w.room.Wait()
	}
	if err := w.err; err != nil {
		w.err = nil
		w.mu.Unlock()
		return 0, err
	}
	if w.held > 0 || w.writing {
		w.buf = append(w.buf, p...)
		w.mu.Unlock()
		return len(p), nil
	}
	if w.Delay > 0 && len(w.buf)+len(p) < maxDelayed {
		w.buf = append(w.buf, p...)
		if !w.armed {
			w.armed = true
			if w.timer == nil {
				w.timer = time.AfterFunc(w.Delay, w.tick)
			} else {
				w.timer.Reset(w.Delay)
			}
		}
		w.mu.Unlock()
		return len(p), nil
	}
	w.writing = true
	if len(w.buf) > 0 {
		// Lines the Delay kept, which p fills up: they go first.
		w.buf = append(w.buf, p...)
		w.mu.Unlock()
		w.drain()
		return len(p), nil
	}
	w.mu.Unlock()
	// drain runs even when W panics, so that the Writer is not left
	// writing, gathering lines forever.
	defer w.drain()
	return w.W.Write(p)
}

// Hold starts gathering writes. Holds nest: the last Release writes.
func (w *Writer) Hold() {
	w.mu.Lock()
	w.held++
	w.mu.Unlock()
}

// Release ends a Hold, and writes what was gathered when it is the last
// and no other goroutine is writing (which then writes it). A failed
// write's error is reported by the next Write.
func (w *Writer) Release() {
	w.mu.Lock()
	if w.held == 0 {
		w.mu.Unlock()
		panic("logbatch: Release without Hold")
	}
	w.held--
	if w.held > 0 || w.writing || len(w.buf) == 0 {
		w.mu.Unlock()
		return
	}
	w.writing = true
	w.mu.Unlock()
	w.drain()
}

// tick writes the lines the Delay kept, unless a write under way or a
// Release will.
func (w *Writer) tick() {
	w.mu.Lock()
	w.armed = false
	if w.writing || w.held > 0 || len(w.buf) == 0 {
		w.mu.Unlock()
		return
	}
	w.writing = true
	w.mu.Unlock()
	w.drain()
}

// Flush writes the lines kept (by the Delay, or during a write under way),
// and returns once they are written, with the error of a write of kept
// lines not reported yet. Lines a Hold gathers wait for its Release.
func (w *Writer) Flush() error {
	w.mu.Lock()
	for w.writing {
		w.room.L = &w.mu
		w.room.Wait()
	}
	if w.held == 0 && len(w.buf) > 0 {
		w.writing = true
		w.mu.Unlock()
		w.drain()
		w.mu.Lock()
	}
	err := w.err
	w.err = nil
	w.mu.Unlock()
	return err
}

// drain is the end of a write: it writes the lines kept meanwhile, batch
// after batch, until none are left (or a Hold began), and lets the next
// Write write. The caller set w.writing and does not hold w.mu.
func (w *Writer) drain() {
	locked := false
	defer func() {
		if !locked { // W panicked
			w.mu.Lock()
		}
		w.writing = false
		w.signal()
		w.mu.Unlock()
	}()
	w.mu.Lock()
	locked = true
	for len(w.buf) > 0 && w.held == 0 {
		batch := w.buf
		w.buf, w.spare = w.spare[:0], nil
		w.signal()
		w.mu.Unlock()
		locked = false
		_, err := w.W.Write(batch)
		w.mu.Lock()
		locked = true
		if err != nil && w.err == nil {
			w.err = err
		}
		if cap(batch) <= maxKept {
			w.spare = batch[:0]
		}
	}
}

// signal wakes the Writes waiting for room, if any ever waited. The caller
// holds w.mu.
func (w *Writer) signal() {
	if w.room.L != nil {
		w.room.Broadcast()
	}
}
