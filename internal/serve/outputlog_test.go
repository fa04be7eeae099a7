package serve

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordSink is a slog.Handler that keeps each record as one string:
// "LEVEL msg key=value …", values unquoted.
type recordSink struct {
	mu      sync.Mutex
	records []string
}

func (h *recordSink) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordSink) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recordSink) WithGroup(string) slog.Handler            { return h }

func (h *recordSink) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "page" {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		}
		return true
	})
	h.mu.Lock()
	h.records = append(h.records, b.String())
	h.mu.Unlock()
	return nil
}

func (h *recordSink) all() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.records...)
}

// fakeClock is a time that tests move.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time             { return c.t }
func (c *fakeClock) add(d time.Duration) string { c.t = c.t.Add(d); return "" }

func TestOutputLog(t *testing.T) {
	t.Parallel()
	lines := func(prefix string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%s%d\n", prefix, i)
		}
		return b.String()
	}
	const tick = "\x00tick\x00" // a write of tick moves the clock past the window
	tests := []struct {
		name               string
		maxLines, maxBytes int
		maxCrash           int
		writes             []string
		want               []string
	}{
		{
			name:   "lines, one record each, a partial one at the end",
			writes: []string{"one\ntw", "o\r\n", "three"},
			want:   []string{"INFO page output line=one", "INFO page output line=two", "INFO page output line=three"},
		},
		{
			name:     "over the line budget",
			maxLines: 3,
			writes:   []string{lines("l", 10)},
			want: []string{"INFO page output line=l0", "INFO page output line=l1", "INFO page output line=l2",
				"WARN page output dropped lines=7"},
		},
		{
			name:     "over the byte budget",
			maxBytes: 10,
			writes:   []string{"abcd\nefgh\nijkl\nmn\n"},
			want:     []string{"INFO page output line=abcd", "INFO page output line=efgh", "WARN page output dropped lines=2"},
		},
		{
			name:     "a new window, a new budget",
			maxLines: 2,
			writes:   []string{lines("a", 5), tick, lines("b", 3)},
			want: []string{"INFO page output line=a0", "INFO page output line=a1", "WARN page output dropped lines=3",
				"INFO page output line=b0", "INFO page output line=b1", "WARN page output dropped lines=1"},
		},
		{
			name:   "identical lines collapse",
			writes: []string{"same\nsame\nsame\nother\nsame\n"},
			want: []string{"INFO page output line=same", "INFO page output line=same repeated=2",
				"INFO page output line=other", "INFO page output line=same"},
		},
		{
			name:   "a repeat counted up to the exit",
			writes: []string{"x\nx\n"},
			want:   []string{"INFO page output line=x", "INFO page output line=x repeated=1"},
		},
		{
			name:   "a repeat counted up to the window's end",
			writes: []string{"x\nx\nx\n", tick, "x\n", "y\n"},
			want:   []string{"INFO page output line=x", "INFO page output line=x repeated=2", "INFO page output line=x repeated=1", "INFO page output line=y"},
		},
		{
			name:     "the repeats of a dropped line are dropped",
			maxLines: 1,
			writes:   []string{"a\nb\nb\nb\n"},
			want:     []string{"INFO page output line=a", "WARN page output dropped lines=3"},
		},
		{
			name:     "a line dropped in one window is logged in the next",
			maxLines: 1,
			writes:   []string{"a\nb\n", tick, "b\nb\n"},
			want: []string{"INFO page output line=a", "WARN page output dropped lines=1",
				"INFO page output line=b", "WARN page output dropped lines=1"},
		},
		{
			name:     "a crash report beyond the budget",
			maxLines: 2,
			writes: []string{lines("l", 4), "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n",
				"\t/src/page.go:5 +0x1d\nexit status 2\n"},
			want: []string{"INFO page output line=l0", "INFO page output line=l1",
				"INFO page output line=panic: boom", "INFO page output line=", "INFO page output line=goroutine 1 [running]:",
				"INFO page output line=main.main()", "INFO page output line=\t/src/page.go:5 +0x1d", "INFO page output line=exit status 2",
				"WARN page output dropped lines=2"},
		},
		{
			name:     "a crash report has its own bound",
			maxLines: 1,
			maxCrash: 3,
			writes:   []string{"fatal error: concurrent map writes\n\ngoroutine 1 [running]:\nmain.f()\nmain.main()\n"},
			want: []string{"INFO page output line=fatal error: concurrent map writes", "INFO page output line=",
				"INFO page output line=goroutine 1 [running]:", "INFO page output line=main.f()",
				"WARN page output dropped lines=1"},
		},
		{
			name:     "a long line in pieces",
			maxBytes: 1 << 20,
			writes:   []string{strings.Repeat("y", maxOutputLine) + strings.Repeat("z", maxOutputLine+5)},
			want: []string{"INFO page output line=" + strings.Repeat("y", maxOutputLine),
				"INFO page output line=" + strings.Repeat("z", maxOutputLine), "INFO page output line=zzzzz"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sink := &recordSink{}
			clock := &fakeClock{t: time.Unix(1e9, 0)}
			w := &outputLog{log: slog.New(sink), page: "p.go", maxLines: tt.maxLines, maxBytes: tt.maxBytes,
				maxCrashLines: tt.maxCrash, window: time.Hour, now: clock.now}
			for _, s := range tt.writes {
				if s == tick {
					clock.add(time.Hour)
					continue
				}
				n, err := w.Write([]byte(s))
				require.NoError(t, err)
				require.Equal(t, len(s), n, "Write(%q)", s)
			}
			w.flush()
			got := sink.all()
			if !assert.Equal(t, len(tt.want), len(got), "records: %.200q", got) {
				return
			}
			for i := range got {
				assert.Equal(t, tt.want[i], got[i], "record %d", i)
			}
		})
	}
}

// TestOutputLogWindowEnds checks that the count of dropped lines comes when
// the window's time is up, with nothing more printed and the program still
// running.
func TestOutputLogWindowEnds(t *testing.T) {
	t.Parallel()
	sink := &recordSink{}
	w := &outputLog{log: slog.New(sink), page: "p.go", maxLines: 1, window: 50 * time.Millisecond}
	_, err := w.Write([]byte("a\nb\nc\nc\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"INFO page output line=a"}, sink.all())
	require.Eventually(t, func() bool { return len(sink.all()) == 2 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, "WARN page output dropped lines=3", sink.all()[1])
	_, err = w.Write([]byte("d\n"))
	require.NoError(t, err)
	w.flush()
	assert.Equal(t, []string{"INFO page output line=a", "WARN page output dropped lines=3", "INFO page output line=d"}, sink.all())
}

// TestOutputLogConcurrent writes from two goroutines, as a program's
// stdout and stderr are copied.
func TestOutputLogConcurrent(t *testing.T) {
	t.Parallel()
	sink := &recordSink{}
	w := &outputLog{log: slog.New(sink), page: "p.go", maxLines: 100, window: time.Millisecond}
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			for i := range 1000 {
				fmt.Fprintf(w, "g%d line %d\n", g, i)
			}
		})
	}
	wg.Wait()
	w.flush()
	var logged, dropped int
	for _, r := range sink.all() {
		if n, ok := strings.CutPrefix(r, "WARN page output dropped lines="); ok {
			var k int
			fmt.Sscan(n, &k)
			dropped += k
		} else {
			logged++
		}
	}
	assert.Equal(t, 2000, logged+dropped, "every line logged or counted")
}

// TestServeOutputBudget runs a page program that floods its output and
// then crashes: the log keeps the budget's lines, one count of the dropped
// ones, and the whole panic.
func TestServeOutputBudget(t *testing.T) {
	const flood = `package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func Application(w http.ResponseWriter, r *http.Request) {
	for i := range 5000 {
		fmt.Fprintln(os.Stderr, "flood line", i)
	}
	go func() { panic("flood over") }()
	time.Sleep(5 * time.Second)
}
`
	dir := docroot(t, map[string]string{"flood.go": flood})
	_, ts, logs := start(t, dir, nil)
	if resp, err := http.Get(ts.URL + "/flood"); err == nil {
		resp.Body.Close()
	}
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), `msg="page program exited"`) },
		10*time.Second, 20*time.Millisecond)
	out := logs.String()
	assert.Equal(t, 200, strings.Count(out, `line="flood line`), "the lines of the budget")
	assert.Contains(t, out, `line="flood line 199"`)
	assert.Contains(t, out, `msg="page output dropped" page=flood.go lines=4800`)
	assert.Equal(t, 1, strings.Count(out, `msg="page output dropped"`))
	for _, want := range []string{`line="panic: flood over"`, `line="goroutine `, "line=main.Application.func1()", "flood.go:14 +0x"} {
		assert.Contains(t, out, want, "the panic is logged whole")
	}
}
