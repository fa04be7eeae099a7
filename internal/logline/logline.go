// Package logline is a slog.Handler that writes each record as one line,
// byte for byte as slog.NewTextHandler or slog.NewJSONHandler (with no
// options) would, at two fifths of their cost for the records a server
// logs most (BenchmarkAccessLine): an access log's, whose attributes are
// strings, numbers, booleans, durations, times and errors. A record with
// anything else (a group, a LogValuer, another value, a float in JSON, an
// empty key) and the handlers WithAttrs and WithGroup derive are slog's
// own.
//
// Unlike slog's handlers, a Handler holds no lock across its Write: records
// logged at once reach the writer at once, so that a logbatch.Writer
// behind it writes them in one call.
//
// A writer that keeps lines to write them later (a logbatch.Writer with a
// Delay) keeps only the routine ones: the lines HandleAttrs writes at a
// level below Warn, an access log's. After any other line, a Handler
// flushes a writer that has a Flush method (Flush() error), so that a
// warning, an error or a page's own line is never late, nor lost when the
// process dies after it.
package logline

import (
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// Format is a line's format.
type Format int

const (
	// Text is slog.TextHandler's: key=value pairs.
	Text Format = iota
	// JSON is slog.JSONHandler's: one object per line.
	JSON
)

// ParseFormat returns the Format a -log-format flag names: "text" or
// "json".
func ParseFormat(name string) (Format, error) {
	switch name {
	case "text":
		return Text, nil
	case "json":
		return JSON, nil
	}
	return 0, fmt.Errorf("unknown -log-format %q", name)
}

// Handler writes records as lines to an io.Writer. Make one with New.
type Handler struct {
	w     io.Writer
	flush func() error // w's Flush, if it has one
	json  bool
	slow  slog.Handler // slog's, for the records the fast path does not write
	head  atomic.Pointer[head]
	stamp atomic.Pointer[stamp]
}

// New returns a Handler that writes lines in format f to w, each with one
// Write. Writes may come from several goroutines at once: w must take them
// (an *os.File and a logbatch.Writer do).
func New(w io.Writer, f Format) *Handler {
	h := &Handler{w: w, json: f == JSON}
	if fl, ok := w.(interface{ Flush() error }); ok {
		h.flush = fl.Flush
	}
	if h.json {
		h.slow = slog.NewJSONHandler(w, nil)
	} else {
		h.slow = slog.NewTextHandler(w, nil)
	}
	return h
}

// Enabled reports whether level is at least Info, as slog's handlers do
// with no options.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelInfo
}

// WithAttrs returns slog's handler with attrs.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler { return h.slow.WithAttrs(attrs) }

// WithGroup returns slog's handler that opens group.
func (h *Handler) WithGroup(name string) slog.Handler { return h.slow.WithGroup(name) }

// Handle writes r as one line, and flushes the writer.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	return h.flushed(h.handle(ctx, r))
}

// flushed flushes the writer, if it can, and returns err, else the
// flush's error.
func (h *Handler) flushed(err error) error {
	if h.flush == nil {
		return err
	}
	if ferr := h.flush(); err == nil {
		err = ferr
	}
	return err
}

func (h *Handler) handle(ctx context.Context, r slog.Record) error {
	var room [8]slog.Attr
	attrs := room[:0]
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a)
		return true
	})
	if ok, err := h.write(r.Time, r.Level, r.Message, attrs); ok {
		return err
	}
	return h.slow.Handle(ctx, r)
}

// HandleAttrs writes a record of t, level, msg and attrs, as Handle writes
// the slog.Record that holds them, without making one (a record holds five
// attributes, and allocates room for more). It is for routine lines, an
// access log's: one below Warn may wait in a writer that keeps lines;
// one at Warn or above is flushed, as Handle's are.
func (h *Handler) HandleAttrs(ctx context.Context, t time.Time, level slog.Level, msg string, attrs []slog.Attr) error {
	err := h.handleAttrs(ctx, t, level, msg, attrs)
	if level >= slog.LevelWarn {
		return h.flushed(err)
	}
	return err
}

func (h *Handler) handleAttrs(ctx context.Context, t time.Time, level slog.Level, msg string, attrs []slog.Attr) error {
	if ok, err := h.write(t, level, msg, attrs); ok {
		return err
	}
	r := slog.NewRecord(t, level, msg, 0)
	r.AddAttrs(attrs...)
	return h.slow.Handle(ctx, r)
}

// write writes the line of t, level, msg and attrs. It reports false,
// having written nothing, for a record it does not write as slog does:
// slog's handler is the caller's to call then.
func (h *Handler) write(t time.Time, level slog.Level, msg string, attrs []slog.Attr) (bool, error) {
	b := bufs.Get().(*buffer)
	defer b.free()
	var ok bool
	if b.b, ok = h.begin(b.b, t, level, msg); !ok {
		return false, nil
	}
	for _, a := range attrs {
		if b.b, ok = h.appendAttr(b.b, a); !ok {
			return false, nil
		}
	}
	return true, h.end(b)
}

// begin appends a line's start: the time, the level and the message. It
// reports false for a time appendTime does not write.
func (h *Handler) begin(b []byte, t time.Time, level slog.Level, msg string) ([]byte, bool) {
	if h.json {
		b = append(b, '{')
	}
	sep := false
	if !t.IsZero() {
		var ok bool
		if b, ok = h.appendTime(h.appendKey(b, slog.TimeKey, false), t.Round(0)); !ok {
			return b, false
		}
		sep = true
	}
	// An access log's level and message are the same line after line:
	// the last line's are kept written.
	if c := h.head.Load(); c != nil && c.level == level && c.msg == msg && c.sep == sep {
		return append(b, c.b...), true
	}
	n := len(b)
	b = h.appendKey(b, slog.LevelKey, sep)
	b = h.appendString(b, level.String())
	b = h.appendKey(b, slog.MessageKey, true)
	b = h.appendString(b, msg)
	h.head.Store(&head{level: level, msg: msg, sep: sep, b: slices.Clone(b[n:])})
	return b, true
}

// head is a line's level and message, written.
type head struct {
	level slog.Level
	msg   string
	sep   bool // after a time
	b     []byte
}

// end writes the line in b.
func (h *Handler) end(b *buffer) error {
	if h.json {
		b.b = append(b.b, '}')
	}
	b.b = append(b.b, '\n')
	_, err := h.w.Write(b.b)
	return err
}

// appendKey appends key and what follows it, after a separator if sep.
func (h *Handler) appendKey(b []byte, key string, sep bool) []byte {
	if h.json {
		if sep {
			b = append(b, ',')
		}
		return append(h.appendString(b, key), ':')
	}
	if sep {
		b = append(b, ' ')
	}
	return append(h.appendString(b, key), '=')
}

// appendString appends s as slog writes a string value or a key.
func (h *Handler) appendString(b []byte, s string) []byte {
	if h.json {
		b = append(b, '"')
		return append(appendEscapedJSON(b, s), '"')
	}
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

// appendTime appends t as slog writes a time: RFC 3339 with
// milliseconds in text (slog's appendRFC3339Millis: truncated, always
// three digits), with nanoseconds in JSON (time.RFC3339Nano: trailing
// zeros and a bare point dropped). The date and time to the second and
// the zone are formatted once per second (see stamp). It reports false,
// having appended nothing, for a time that is not plainTime.
func (h *Handler) appendTime(b []byte, t time.Time) ([]byte, bool) {
	c := h.stamp.Load()
	if c == nil || c.sec != t.Unix() || c.loc != t.Location() {
		// A time in the stamp's second has its year, which was plain:
		// Year costs as much as the rest of the line's time.
		if !plainTime(t) {
			return b, false
		}
		c = newStamp(t)
		h.stamp.Store(c)
	}
	if h.json {
		b = append(b, '"')
	}
	b = append(b, c.date...)
	ns := t.Nanosecond()
	if h.json {
		if ns != 0 {
			digits := 9
			for ns%10 == 0 {
				ns /= 10
				digits--
			}
			b = append(b, '.')
			b = appendDigits(b, ns, digits)
		}
		b = append(b, c.zone...)
		return append(b, '"'), true
	}
	b = append(b, '.')
	b = appendDigits(b, ns/1e6, 3)
	return append(b, c.zone...), true
}

// plainTime reports whether t's year has four digits: slog writes an
// error for another in JSON, and cuts its milliseconds at the wrong digit
// in text.
func plainTime(t time.Time) bool {
	y := t.Year()
	return y >= 0 && y < 10000
}

// stamp is a second, formatted: its date and time ("2006-01-02T15:04:05")
// and its zone ("Z07:00").
type stamp struct {
	sec  int64
	loc  *time.Location
	date []byte
	zone []byte
}

func newStamp(t time.Time) *stamp {
	return &stamp{
		sec:  t.Unix(),
		loc:  t.Location(),
		date: t.AppendFormat(nil, "2006-01-02T15:04:05"),
		zone: t.AppendFormat(nil, "Z07:00"),
	}
}

// appendDigits appends n in exactly width decimal digits.
func appendDigits(b []byte, n, width int) []byte {
	var d [9]byte
	for i := width - 1; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[:width]...)
}

// appendAttr appends a (after a separator), and reports whether it could:
// what it cannot, slog's handler writes.
func (h *Handler) appendAttr(b []byte, a slog.Attr) ([]byte, bool) {
	if a.Key == "" {
		return b, false // elided when empty, inlined when a group: slog's
	}
	v := a.Value
	switch v.Kind() {
	case slog.KindString:
		return h.appendString(h.appendKey(b, a.Key, true), v.String()), true
	case slog.KindInt64:
		return strconv.AppendInt(h.appendKey(b, a.Key, true), v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(h.appendKey(b, a.Key, true), v.Uint64(), 10), true
	case slog.KindBool:
		return strconv.AppendBool(h.appendKey(b, a.Key, true), v.Bool()), true
	case slog.KindDuration:
		b = h.appendKey(b, a.Key, true)
		if h.json {
			return strconv.AppendInt(b, int64(v.Duration()), 10), true
		}
		return append(b, v.Duration().String()...), true
	case slog.KindFloat64:
		if h.json {
			return b, false // json.Marshal's form
		}
		return strconv.AppendFloat(h.appendKey(b, a.Key, true), v.Float64(), 'g', -1, 64), true
	case slog.KindTime:
		return h.appendTime(h.appendKey(b, a.Key, true), v.Time())
	case slog.KindAny:
		if err, ok := v.Any().(error); ok && plainError(err, h.json) {
			if text, ok := errorText(err); ok {
				return h.appendString(h.appendKey(b, a.Key, true), text), true
			}
		}
	}
	return b, false
}

// plainError reports whether slog writes err as the string its Error
// method returns: an error that does not marshal itself (TextMarshaler in
// text, json.Marshaler in JSON), nor format itself with %+v or hold bytes
// (in text).
func plainError(err error, inJSON bool) bool {
	if inJSON {
		_, m := err.(json.Marshaler)
		return !m
	}
	_, m := err.(encoding.TextMarshaler)
	_, f := err.(fmt.Formatter)
	return !m && !f && reflect.TypeOf(err).Kind() != reflect.Slice
}

// errorText returns err.Error(), and false if it panics (a nil pointer
// most often: slog writes "<nil>" or the panic).
func errorText(err error) (s string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return err.Error(), true
}

// needsQuoting is slog's: whether text writes s quoted.
func needsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b != '\\' && (b == ' ' || b == '=' || !safeSet[b]) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}

// appendEscapedJSON is slog's appendEscapedJSONString: s escaped for a
// JSON string, HTML characters as they are.
func appendEscapedJSON(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if safeSet[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

const hex = "0123456789abcdef"

// safeSet is encoding/json's: the ASCII bytes a JSON string holds as they
// are, every one but the control bytes, '"' and '\\'.
var safeSet = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// buffer is a line being written; bufs keeps them.
type buffer struct{ b []byte }

var bufs = sync.Pool{New: func() any { return &buffer{b: make([]byte, 0, 512)} }}

// free returns b to bufs, unless a long line grew it.
func (b *buffer) free() {
	if cap(b.b) <= 16<<10 {
		b.b = b.b[:0]
		bufs.Put(b)
	}
}
