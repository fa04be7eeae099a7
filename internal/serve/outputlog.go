package serve

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gowebob/gowebob/internal/pageproto"
)

// outputLog sends a page program's output (its stdout and stderr) to the
// log, a "page output" record per line, within a budget: a program that
// prints without pause must not fill the log.
//
// The budget is maxLines lines and maxBytes bytes per window of time;
// a window opens with the first line after the last one closed. Lines
// beyond the budget are dropped, and the window ends with one "page output
// dropped" record (at Warn) that counts them (lines=N), logged when the
// window's time is up, or when the program exits, whichever comes first.
// A line identical to the one before it is not logged again: it is counted,
// and a record of the line with repeated=N (how many times it came again)
// follows when another line comes, when the window ends, or when the
// program exits.
//
// A Go program that crashes prints "panic: …" or "fatal error: …" at the
// start of a line, then the stacks of its goroutines, and exits. That report
// is why one reads a dead program's output, so its lines are logged
// whatever the budget, up to maxCrashLines, once per program (it has exited
// after). Each line of the stack is a record of its own, as every other
// line is, rather than one record whose value holds the whole stack:
// slog's text handler, gowebob serve's default, would quote that value and
// print the stack as one line with \n escapes, which no one can read, while
// a record per line reads as the stack itself (and stays greppable by page).
// The records of one program's report come in order, since one outputLog
// writes them under its lock; another page's records may come between them.
// Lines the program wrote to its other stream while it crashed may take the
// report's exemption: they are bounded by maxCrashLines all the same.
type outputLog struct {
	log  *slog.Logger
	page string

	// maxLines and maxBytes are the budget of one window: the lines, and
	// the bytes of those lines, logged in it. If zero, 200 lines and 64 KiB.
	maxLines, maxBytes int
	// window is how long a budget lasts. If zero, 10 seconds.
	window time.Duration
	// maxCrashLines bounds the lines of a crash report logged beyond the
	// budget. If zero, 1000.
	maxCrashLines int
	// now returns the time. If nil, time.Now; tests set it.
	now func() time.Time

	mu         sync.Mutex
	buf        []byte      // a line not ended yet
	windowEnd  time.Time   // when the open window ends; zero when none is open
	lines      int         // records logged in the window
	bytes      int         // bytes of those records' lines
	dropped    int         // lines dropped in the window
	last       string      // the line before, if hasLast
	hasLast    bool        // whether a line identical to last is a repeat
	lastLogged bool        // whether last was logged (not dropped)
	repeats    int         // lines identical to last since it came
	crashed    bool        // a crash report began
	crashHead  string      // the report's first line
	crash      int         // lines of the crash report logged
	timer      *time.Timer // ends the window while something is pending
}

// maxOutputLine is the longest line kept whole: a longer one is logged in
// pieces of this size, each a line of the budget.
const maxOutputLine = 64 << 10

var _ io.Writer = (*outputLog)(nil)

// Write logs the lines of p that it ends; the rest waits for its newline,
// or for flush.
func (w *outputLog) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	rest := w.buf
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		w.line(string(rest[:i]))
		rest = rest[i+1:]
	}
	for len(rest) > maxOutputLine {
		w.line(string(rest[:maxOutputLine]))
		rest = rest[maxOutputLine:]
	}
	// Keep the partial line at the start of buf, so that buf does not
	// grow with a program's whole output.
	w.buf = append(w.buf[:0], rest...)
	return len(p), nil
}

// flush logs what is pending when the program has exited: a partial last
// line, the count of a repeated line, and the count of dropped lines.
func (w *outputLog) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.line(string(w.buf))
		w.buf = nil
	}
	if w.timer != nil {
		w.timer.Stop()
		w.timer = nil
	}
	w.endWindow()
}

// crashLine returns the first line of the program's crash report ("panic:
// …", "fatal error: …"), "" if it printed none.
func (w *outputLog) crashLine() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.crashHead
}

// line logs, counts or drops one line. w.mu is held.
func (w *outputLog) line(s string) {
	// A crash report names the page's source as the program knows it.
	s = pageproto.MapBuildPaths(strings.TrimSuffix(s, "\r"), w.page)
	now := w.clock()
	if !w.windowEnd.IsZero() && !now.Before(w.windowEnd) {
		w.endWindow()
	}
	if w.windowEnd.IsZero() {
		w.windowEnd = now.Add(w.windowLen())
	}
	if w.inCrash(s) {
		w.flushRepeats()
		w.hasLast = false
		w.crash++
		w.log.Info("page output", "page", w.page, "line", s)
		return
	}
	if w.hasLast && s == w.last {
		w.repeats++
		w.arm()
		return
	}
	w.flushRepeats()
	w.last, w.hasLast = s, true
	w.lastLogged = w.spend(len(s))
	if w.lastLogged {
		w.log.Info("page output", "page", w.page, "line", s)
	}
}

// inCrash reports whether s is a line of the program's crash report, which
// the budget does not apply to: the report begins with s, or began before
// and has lines left.
func (w *outputLog) inCrash(s string) bool {
	if !w.crashed && (strings.HasPrefix(s, "panic: ") || strings.HasPrefix(s, "fatal error: ")) {
		w.crashed, w.crashHead = true, s
	}
	return w.crashed && w.crash < w.crashLines()
}

// spend reports whether a record of n bytes fits in what is left of the
// window's budget, and counts it in if it does, or counts a dropped line if
// not. Once a line is dropped, the next ones are too, until the window
// ends: the log shows the output up to a point, never a line without the
// ones before it.
func (w *outputLog) spend(n int) bool {
	if w.dropped == 0 && w.lines < w.lineBudget() && w.bytes+n <= w.byteBudget() {
		w.lines++
		w.bytes += n
		return true
	}
	w.dropped++
	w.arm()
	return false
}

// flushRepeats logs how many times the last line came again, if it did and
// the budget allows; else those lines count as dropped (the last line
// itself was, or the budget is spent).
func (w *outputLog) flushRepeats() {
	if w.repeats == 0 {
		return
	}
	n := w.repeats
	w.repeats = 0
	if w.lastLogged && w.spend(len(w.last)) {
		w.log.Info("page output", "page", w.page, "line", w.last, "repeated", n)
		return
	}
	w.dropped += n
	if w.lastLogged {
		w.dropped-- // spend counted the record itself
	}
}

// endWindow logs what the window leaves pending and closes it.
func (w *outputLog) endWindow() {
	w.flushRepeats()
	if w.dropped > 0 {
		w.log.Warn("page output dropped", "page", w.page, "lines", w.dropped)
	}
	w.lines, w.bytes, w.dropped = 0, 0, 0
	w.windowEnd = time.Time{}
	if !w.lastLogged {
		// The next window logs the line when it comes again.
		w.hasLast = false
	}
}

// arm makes sure the window ends on time while something is pending, even
// if the program prints nothing more.
func (w *outputLog) arm() {
	if w.timer != nil || w.windowEnd.IsZero() {
		return
	}
	w.timer = time.AfterFunc(w.windowEnd.Sub(w.clock()), w.tick)
}

// tick ends the window when its time is up.
func (w *outputLog) tick() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.timer = nil
	if w.windowEnd.IsZero() {
		return
	}
	if !w.clock().Before(w.windowEnd) {
		w.endWindow()
		return
	}
	if w.repeats > 0 || w.dropped > 0 {
		w.arm() // a new window opened since the timer was set
	}
}

func (w *outputLog) clock() time.Time {
	if w.now != nil {
		return w.now()
	}
	return time.Now()
}

func (w *outputLog) lineBudget() int {
	if w.maxLines > 0 {
		return w.maxLines
	}
	return 200
}

func (w *outputLog) byteBudget() int {
	if w.maxBytes > 0 {
		return w.maxBytes
	}
	return 64 << 10
}

func (w *outputLog) windowLen() time.Duration {
	if w.window > 0 {
		return w.window
	}
	return 10 * time.Second
}

func (w *outputLog) crashLines() int {
	if w.maxCrashLines > 0 {
		return w.maxCrashLines
	}
	return 1000
}
