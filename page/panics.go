package page

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/webob"
)

// panicWindow is how long a page program logs a given panic (the same
// value, raised in the same place) only once: the same panic again within
// it is counted, and the count goes on the panic's next record
// (repeated=N), or at the program's end.
const panicWindow = 10 * time.Second

// maxPanicKinds bounds the panics a program remembers.
const maxPanicKinds = 256

// initialLogger is slog's default logger before the page's own code ran:
// if it is still the default when the program starts serving, the page
// did not set its own.
var initialLogger = slog.Default()

// panicLog is the slog.Handler of a page program's default logger, which
// webob's adapter logs the panics it recovers to (a webob.PanicError in
// the record, with the goroutine's stack): a page that panics on every
// request must not log its stack on every request. A panic is logged at
// most once per panicWindow; its stack comes one frame a line, from the
// frame that panicked down, with the page's file named as in the
// docroot. Other records go to next unchanged.
//
// With out set (the page kept slog's default logger), a panic's record is
// written to out in slog's text format, without its time (the server
// stamps each line it receives), and its frames follow, each on a line of
// its own, in the same write: the server logs each line of a page
// program's output as a record of its own, so that the stack reads as a
// stack. Without out (the page set its own logger), the frames go to next
// as the record's "stack" attribute, one a line.
type panicLog struct {
	next slog.Handler
	out  io.Writer
	text slog.Handler // formats a panic's record into panics.buf, when out is set
	*panics
}

// panics is what the handlers derived from one panicLog share.
type panics struct {
	page string           // the page's file, relative to the docroot
	now  func() time.Time // if nil, time.Now

	mu   sync.Mutex // held while a panic's record is written, too
	buf  bytes.Buffer
	seen map[string]*seenPanic
}

// seenPanic is a panic logged within the last panicWindow.
type seenPanic struct {
	until    time.Time   // until when it is only counted
	repeated int         // how many times it came again since it was logged
	rec      slog.Record // its record, without the stack, for the count at the end
	h        *panicLog   // the handler that logged it
}

// logPanicsOnce makes slog's default logger a panicLog around it, and
// returns the function that logs the counts of the panics that came again
// since their last record, for the program's end.
func logPanicsOnce() (flush func()) {
	p := &panics{page: os.Getenv(pageproto.PageEnv), seen: make(map[string]*seenPanic)}
	cur := slog.Default()
	h := &panicLog{next: cur.Handler(), panics: p}
	w, flags := log.Writer(), log.Flags()
	if cur == initialLogger {
		h.out = w
		h.text = slog.NewTextHandler(&p.buf, &slog.HandlerOptions{ReplaceAttr: dropTime})
	}
	slog.SetDefault(slog.New(h))
	// SetDefault sends the log package's output to h: it goes where, and
	// how, it went before (slog's default handler writes through it).
	log.SetOutput(w)
	log.SetFlags(flags)
	return p.flush
}

// dropTime removes a record's time.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func (h *panicLog) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *panicLog) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *h
	c.next = h.next.WithAttrs(attrs)
	if h.text != nil {
		c.text = h.text.WithAttrs(attrs)
	}
	return &c
}

func (h *panicLog) WithGroup(name string) slog.Handler {
	c := *h
	c.next = h.next.WithGroup(name)
	if h.text != nil {
		c.text = h.text.WithGroup(name)
	}
	return &c
}

// Handle logs r; a panic's record only if the same panic was not logged
// within panicWindow.
func (h *panicLog) Handle(ctx context.Context, r slog.Record) error {
	pe := panicOf(r)
	if pe == nil {
		return h.next.Handle(ctx, r)
	}
	frames := stackFrames(pe.Stack, h.page)
	key := panicKey(pe, frames)
	now := h.clock()
	h.mu.Lock()
	defer h.mu.Unlock()
	seen := h.seen[key]
	if seen != nil && now.Before(seen.until) {
		seen.repeated++
		return nil
	}
	repeated := 0
	if seen != nil {
		repeated = seen.repeated
	} else if len(h.seen) >= maxPanicKinds {
		h.forget(ctx, now)
	}
	rec := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "stack" {
			rec.AddAttrs(a)
		}
		return true
	})
	h.seen[key] = &seenPanic{until: now.Add(panicWindow), rec: rec.Clone(), h: h}
	if repeated > 0 {
		rec.AddAttrs(slog.Int("repeated", repeated))
	}
	return h.write(ctx, rec, frames)
}

// write logs a panic's record rec with its frames (none for a count).
// h.mu is held.
func (h *panicLog) write(ctx context.Context, rec slog.Record, frames []string) error {
	if h.out == nil {
		if len(frames) > 0 {
			rec.AddAttrs(slog.String("stack", strings.Join(frames, "\n")))
		}
		return h.next.Handle(ctx, rec)
	}
	h.buf.Reset()
	if err := h.text.Handle(ctx, rec); err != nil {
		return err
	}
	for _, f := range frames {
		h.buf.WriteString("  ")
		h.buf.WriteString(f)
		h.buf.WriteByte('\n')
	}
	_, err := h.out.Write(h.buf.Bytes())
	return err
}

// forget drops the panics whose window is over, or, if none is, every
// panic, logging the counts they leave. p.mu is held.
func (p *panics) forget(ctx context.Context, now time.Time) {
	n := len(p.seen)
	for _, all := range []bool{false, true} {
		for key, s := range p.seen {
			if all || !now.Before(s.until) {
				s.logRepeats(ctx)
				delete(p.seen, key)
			}
		}
		if len(p.seen) < n {
			return
		}
	}
}

// flush logs the counts of the panics that came again since their last
// record.
func (p *panics) flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for key, s := range p.seen {
		s.logRepeats(context.Background())
		delete(p.seen, key)
	}
}

// logRepeats logs the panic's count, if it came again. Its handler's
// panics.mu is held.
func (s *seenPanic) logRepeats(ctx context.Context) {
	if s.repeated == 0 {
		return
	}
	rec := s.rec.Clone()
	rec.Time = time.Now()
	rec.AddAttrs(slog.Int("repeated", s.repeated))
	s.repeated = 0
	s.h.write(ctx, rec, nil)
}

func (p *panics) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// panicOf returns the recovered panic r is about, if any.
func panicOf(r slog.Record) *webob.PanicError {
	var pe *webob.PanicError
	r.Attrs(func(a slog.Attr) bool {
		if a.Value.Kind() != slog.KindAny {
			return true
		}
		if err, ok := a.Value.Any().(error); ok {
			errors.As(err, &pe)
		}
		return pe == nil
	})
	return pe
}

// panicKey names a panic: its value, and the frame that raised it.
func panicKey(pe *webob.PanicError, frames []string) string {
	key := pe.Error()
	if len(key) > 512 {
		key = key[:512]
	}
	if len(frames) > 0 {
		key += "\x00" + frames[0]
	}
	return key
}

// stackFrames returns the frames of stack (as debug.Stack writes it), one
// a line ("function file:line"), from the frame that panicked: the frames
// of the recovery and of the runtime's panic are left out. The page's
// source is named page.
func stackFrames(stack []byte, page string) []string {
	lines := strings.Split(string(stack), "\n")
	var frames, funcs []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" || strings.HasPrefix(line, "goroutine ") || strings.HasPrefix(line, "\t") {
			continue
		}
		fn := line
		if j := strings.LastIndexByte(line, '('); j > 0 && strings.HasSuffix(line, ")") && !strings.HasPrefix(line, "created by ") {
			fn = line[:j] // the arguments
		}
		frame := fn
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
			i++
			file := strings.TrimPrefix(lines[i], "\t")
			if j := strings.LastIndex(file, " +0x"); j >= 0 {
				file = file[:j] // the program counter's offset
			}
			if j := strings.LastIndexByte(file, ':'); j > 0 && pageproto.IsBuildFile(file[:j], page) {
				file = page + file[j:]
			}
			frame += " " + file
		}
		frames = append(frames, frame)
		funcs = append(funcs, fn)
	}
	// The frames down to the runtime's panic, and the runtime's own
	// after it (a nil dereference: runtime.panicmem, runtime.sigpanic),
	// are the recovery's.
	for i, fn := range funcs {
		if fn != "panic" {
			continue
		}
		i++
		for i < len(funcs) && strings.HasPrefix(funcs[i], "runtime.") {
			i++
		}
		return frames[i:]
	}
	return frames
}
