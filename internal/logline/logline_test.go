package logline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/logbatch"
	"github.com/gowebob/gowebob/internal/testutil"
)

// sameAsSlog checks that h writes r (through Handle and HandleAttrs) as
// slog's handler of its format writes it.
func sameAsSlog(t *testing.T, f Format, r slog.Record) {
	t.Helper()
	var want, got, gotAttrs bytes.Buffer
	var ref slog.Handler = slog.NewTextHandler(&want, nil)
	if f == JSON {
		ref = slog.NewJSONHandler(&want, nil)
	}
	require.NoError(t, ref.Handle(context.Background(), r))
	require.NoError(t, New(&got, f).Handle(context.Background(), r))
	var attrs []slog.Attr
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a); return true })
	require.NoError(t, New(&gotAttrs, f).HandleAttrs(context.Background(), r.Time, r.Level, r.Message, attrs))
	assert.Equal(t, want.String(), got.String(), "Handle")
	assert.Equal(t, want.String(), gotAttrs.String(), "HandleAttrs")
}

type textErr struct{}

func (textErr) Error() string                { return "text error" }
func (textErr) MarshalText() ([]byte, error) { return []byte("marshalled"), nil }

type fmtErr struct{}

func (fmtErr) Error() string                       { return "plain" }
func (fmtErr) Format(s fmt.State, verb rune)       { fmt.Fprint(s, "formatted") }
func (fmtErr) MarshalJSON() ([]byte, error)        { return []byte(`{"json":1}`), nil }
func (*ptrErr) Error() string                      { return "ptr" }
func (bytesErr) Error() string                     { return "bytes" }
func (l logValuer) LogValue() slog.Value           { return slog.StringValue(string(l)) }
func (m marshalOnly) MarshalText() ([]byte, error) { return []byte("m"), nil }

type (
	ptrErr      struct{}
	bytesErr    []byte
	logValuer   string
	marshalOnly struct{}
)

// TestSameAsSlog: every kind of attribute, the fast path's and the others,
// and the strings that need quoting or escaping, in both formats.
func TestSameAsSlog(t *testing.T) {
	at := time.Date(2026, 12, 7, 17, 12, 5, 123456789, time.FixedZone("X", 5*3600+1800))
	var nilErr *ptrErr
	attrs := map[string][]slog.Attr{
		"access": {slog.String("method", "GET"), slog.String("path", "/hello webob"), slog.Int("status", 200),
			slog.Int64("bytes", 331), slog.Duration("duration", 1234567*time.Nanosecond), slog.String("remote", "127.0.0.1"),
			slog.String("request_id", "930aa30e"), slog.Any("error", errors.New("write: broken pipe"))},
		"numbers":  {slog.Int64("min", math.MinInt64), slog.Uint64("max", math.MaxUint64), slog.Bool("t", true), slog.Bool("f", false)},
		"floats":   {slog.Float64("pi", math.Pi), slog.Float64("big", 1e21), slog.Float64("inf", math.Inf(1))},
		"times":    {slog.Time("at", at), slog.Time("zero", time.Time{}), slog.Time("far", time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC))},
		"errors":   {slog.Any("text", textErr{}), slog.Any("fmt", fmtErr{}), slog.Any("nil", nilErr), slog.Any("bytes", bytesErr("b"))},
		"others":   {slog.Any("addr", net.IPv4(1, 2, 3, 4)), slog.Any("valuer", logValuer("v")), slog.Any("m", marshalOnly{}), slog.Any("nil", nil)},
		"groups":   {slog.Group("g", slog.String("a", "b")), slog.Group("", slog.Int("inline", 1)), slog.Group("empty")},
		"empty":    {{}, slog.String("", "no key"), slog.String("after", "x")},
		"quoting":  {slog.String("", ""), slog.String("sp ace", "a=b"), slog.String("q", `"\`), slog.String("ctl", "a\x00\x1f\x7f\n\r\t")},
		"unicode":  {slog.String("u", "héllo\u2028\u2029\u00a0\u200b"), slog.String("bad", "\xff\xfe"), slog.String("emoji", "😀")},
		"html":     {slog.String("h", "<a href='x'>&amp;</a>")},
		"duration": {slog.Duration("neg", -time.Second), slog.Duration("zero", 0), slog.Duration("long", 3*time.Hour+time.Nanosecond)},
	}
	levels := []slog.Level{slog.LevelInfo, slog.LevelWarn, slog.LevelError, slog.LevelError + 3, slog.LevelDebug}
	for _, f := range []Format{Text, JSON} {
		for name, as := range attrs {
			for _, level := range levels {
				for _, tm := range []time.Time{at, {}, time.Now()} {
					r := slog.NewRecord(tm, level, "http request \"quoted\"\n", 0)
					r.AddAttrs(as...)
					t.Run(fmt.Sprintf("%d/%s/%v", f, name, level), func(t *testing.T) { sameAsSlog(t, f, r) })
				}
			}
		}
	}
}

// TestDerived: the handlers WithAttrs and WithGroup return are slog's,
// writing to the same writer.
func TestDerived(t *testing.T) {
	var got, want bytes.Buffer
	h := New(&got, Text).WithAttrs([]slog.Attr{slog.String("a", "b")}).WithGroup("g")
	ref := slog.NewTextHandler(&want, nil).WithAttrs([]slog.Attr{slog.String("a", "b")}).WithGroup("g")
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, "m", 0)
	r.AddAttrs(slog.Int("n", 1))
	require.NoError(t, h.Handle(context.Background(), r))
	require.NoError(t, ref.Handle(context.Background(), r))
	assert.Equal(t, want.String(), got.String())
	assert.True(t, New(io.Discard, JSON).Enabled(context.Background(), slog.LevelInfo))
	assert.False(t, New(io.Discard, JSON).Enabled(context.Background(), slog.LevelDebug))
}

// FuzzSameAsSlog: any message, key and string value is written as slog
// writes it, in both formats.
func FuzzSameAsSlog(f *testing.F) {
	for _, s := range []string{"", "plain", "a b", "k=v", `"`, `\`, "\x00", "\u2028", "\xff", "é", "\u00a0"} {
		f.Add(s, "key", s)
	}
	f.Fuzz(func(t *testing.T, msg, key, value string) {
		for _, fm := range []Format{Text, JSON} {
			r := slog.NewRecord(time.Unix(1e9, 5e6), slog.LevelWarn, msg, 0)
			r.AddAttrs(slog.String(key, value), slog.Any("err", errors.New(value)))
			sameAsSlog(t, fm, r)
		}
	})
}

// writeCounter counts the Writes it gets, and the lines in them.
type writeCounter struct{ n, lines int }

func (w *writeCounter) Write(p []byte) (int, error) {
	w.n++
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// TestOneWrite: each line is one Write, a slow one too.
func TestOneWrite(t *testing.T) {
	w := new(writeCounter)
	h := New(w, JSON)
	r := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
	r.AddAttrs(slog.Int("a", 1))
	require.NoError(t, h.Handle(context.Background(), r))
	r.AddAttrs(slog.Group("g", slog.Int("b", 2)))
	require.NoError(t, h.Handle(context.Background(), r))
	assert.Equal(t, 2, w.n)
}

// TestHandleAttrsAllocs: the access log's line costs nothing but its
// write, and a record of a few attributes through Handle neither.
func TestHandleAttrsAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	for _, f := range []Format{Text, JSON} {
		h := New(io.Discard, f)
		start := time.Now()
		n := testing.AllocsPerRun(100, func() {
			end := time.Now()
			attrs := [...]slog.Attr{
				slog.String("method", "GET"), slog.String("path", "/hello_webob"), slog.Int("status", 200),
				slog.Int64("bytes", 331), slog.Duration("duration", end.Sub(start)), slog.String("remote", "127.0.0.1"),
				slog.String("request_id", "930aa30e2d9425e1b4448f5ff8ecb175"),
			}
			_ = h.HandleAttrs(context.Background(), end, slog.LevelInfo, "http request", attrs[:])
		})
		assert.Zero(t, n, "format %d", f)
		r := slog.NewRecord(start, slog.LevelInfo, "serving", 0)
		r.AddAttrs(slog.String("dir", "/srv/www"), slog.Int("pages", 4), slog.String("url", "http://127.0.0.1:8080/"))
		n = testing.AllocsPerRun(100, func() { _ = h.Handle(context.Background(), r) })
		assert.Zero(t, n, "Handle, format %d", f)
	}
}

// BenchmarkAccessLine is an access log's line, by this package and by
// slog's handler.
func BenchmarkAccessLine(b *testing.B) {
	for _, f := range []Format{Text, JSON} {
		h := New(io.Discard, f)
		for _, fast := range []bool{true, false} {
			b.Run(fmt.Sprintf("format=%d/logline=%v", f, fast), func(b *testing.B) {
				b.ReportAllocs()
				start := time.Now()
				for b.Loop() {
					end := time.Now()
					attrs := [...]slog.Attr{
						slog.String("method", "GET"), slog.String("path", "/hello_webob"), slog.Int("status", 200),
						slog.Int64("bytes", 331), slog.Duration("duration", end.Sub(start)), slog.String("remote", "127.0.0.1"),
						slog.String("request_id", "930aa30e2d9425e1b4448f5ff8ecb175"),
					}
					if fast {
						_ = h.HandleAttrs(context.Background(), end, slog.LevelInfo, "http request", attrs[:])
						continue
					}
					r := slog.NewRecord(end, slog.LevelInfo, "http request", 0)
					r.AddAttrs(attrs[:]...)
					_ = h.slow.Handle(context.Background(), r)
				}
			})
		}
	}
}

// gate is a writer whose Writes wait for a release, and are kept.
type gate struct {
	started chan struct{}
	release chan struct{}
	mu      sync.Mutex
	calls   []string
}

func (g *gate) Write(p []byte) (int, error) {
	g.started <- struct{}{}
	<-g.release
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, string(p))
	return len(p), nil
}

// TestNoLock: access log lines logged while another line is being
// written are not held on a lock: behind a logbatch.Writer, they are kept
// and written together after it.
func TestNoLock(t *testing.T) {
	g := &gate{started: make(chan struct{}), release: make(chan struct{})}
	h := New(&logbatch.Writer{W: g}, Text)
	access := func(msg string) {
		_ = h.HandleAttrs(context.Background(), time.Now(), slog.LevelInfo, msg, []slog.Attr{slog.Int("n", 1)})
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		access("first")
	}()
	<-g.started
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			access("during")
		}()
	}
	wg.Wait() // they return while the first line is being written
	g.release <- struct{}{}
	<-g.started
	g.release <- struct{}{}
	<-done
	require.Len(t, g.calls, 2)
	assert.Contains(t, g.calls[0], "msg=first")
	assert.Equal(t, 3, strings.Count(g.calls[1], "msg=during n=1\n"))
}

// TestFlushes: behind a writer that keeps lines, an access log line at
// Info waits; one at Warn, and any record Handle writes, is written at
// once with the lines kept before it.
func TestFlushes(t *testing.T) {
	out := &writeCounter{}
	w := &logbatch.Writer{W: out, Delay: time.Hour}
	h := New(w, JSON)
	ctx := context.Background()
	access := func(level slog.Level) {
		require.NoError(t, h.HandleAttrs(ctx, time.Now(), level, "http request", []slog.Attr{slog.Int("status", 200)}))
	}
	access(slog.LevelInfo)
	access(slog.LevelInfo)
	assert.Equal(t, 0, out.n, "access lines wait")
	access(slog.LevelWarn)
	assert.Equal(t, 1, out.n, "a warning, with the two before it")
	access(slog.LevelInfo)
	require.NoError(t, h.Handle(ctx, slog.NewRecord(time.Now(), slog.LevelInfo, "serving", 0)))
	assert.Equal(t, 2, out.n, "a record of Handle's, with the line before it")
	assert.Equal(t, 5, out.lines)
}

// TestTimes: times of every shape, as the record's and as an attribute,
// one after another (the second's formatting is kept between lines):
// zones with and without minutes and seconds, fractions with trailing
// zeros, the years slog writes otherwise.
func TestTimes(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("A", 5*3600+1800), time.FixedZone("B", -(3*3600 + 75)), time.FixedZone("C", 0)}
	nanos := []int{0, 1, 10, 999, 1000, 1_000_000, 123_456_789, 999_999_999, 500_000_000, 120_000}
	years := []int{0, 1, 1969, 1970, 2026, 9999, -1, 10000}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range []Format{Text, JSON} {
		var got, want bytes.Buffer
		h := New(&got, f)
		var ref slog.Handler = slog.NewTextHandler(&want, nil)
		if f == JSON {
			ref = slog.NewJSONHandler(&want, nil)
		}
		for range 2000 {
			at := time.Date(years[rng.IntN(len(years))], time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
				rng.IntN(24), rng.IntN(60), rng.IntN(60), nanos[rng.IntN(len(nanos))], zones[rng.IntN(len(zones))])
			if rng.IntN(2) == 0 {
				at = time.Date(2026, 12, 7, 17, 0, rng.IntN(2), nanos[rng.IntN(len(nanos))], zones[rng.IntN(len(zones))])
			}
			r := slog.NewRecord(at, slog.LevelInfo, "m", 0)
			r.AddAttrs(slog.Time("at", at.Add(time.Duration(rng.IntN(3))*time.Second)))
			require.NoError(t, h.Handle(context.Background(), r))
			require.NoError(t, ref.Handle(context.Background(), r))
		}
		assert.Equal(t, want.String(), got.String(), "format %d", f)
	}
}

func TestParseFormat(t *testing.T) {
	for name, want := range map[string]Format{"text": Text, "json": JSON} {
		f, err := ParseFormat(name)
		require.NoError(t, err)
		assert.Equal(t, want, f)
	}
	_, err := ParseFormat("xml")
	assert.EqualError(t, err, `unknown -log-format "xml"`)
}
