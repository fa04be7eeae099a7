package logbatch

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// got returns a copy of the writes out got.
func (w *writes) got() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.calls...)
}

func TestWriterDelay(t *testing.T) {
	big := strings.Repeat("x", maxDelayed) + "\n"
	tests := []struct {
		name  string
		delay time.Duration
		lines []string
		now   []string // W's calls before the Delay passes
		later []string // and after
	}{
		{name: "no delay", lines: []string{"a\n", "b\n"}, now: []string{"a\n", "b\n"}, later: []string{"a\n", "b\n"}},
		{name: "kept for the delay", delay: 50 * time.Millisecond, lines: []string{"a\n", "b\n"},
			later: []string{"a\nb\n"}},
		{name: "written once full, in order", delay: time.Hour, lines: []string{"a\n", big, "c\n"},
			now: []string{"a\n" + big}, later: []string{"a\n" + big}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &writes{}
			w := &Writer{W: out, Delay: tt.delay}
			for _, line := range tt.lines {
				n, err := w.Write([]byte(line))
				require.NoError(t, err)
				require.Equal(t, len(line), n)
			}
			assert.Equal(t, tt.now, out.got(), "before the delay")
			if tt.delay < time.Hour {
				require.Eventually(t, func() bool { return len(out.got()) == len(tt.later) }, 5*time.Second, time.Millisecond)
			}
			assert.Equal(t, tt.later, out.got(), "after the delay")
		})
	}
}

func TestWriterFlush(t *testing.T) {
	boom := errors.New("disk full")
	out := &writes{}
	w := &Writer{W: out, Delay: time.Hour}
	require.NoError(t, w.Flush(), "nothing to flush")
	w.Write([]byte("a\n"))
	w.Write([]byte("b\n"))
	require.NoError(t, w.Flush())
	assert.Equal(t, []string{"a\nb\n"}, out.got())

	out.err = boom
	w.Write([]byte("c\n"))
	assert.ErrorIs(t, w.Flush(), boom, "the kept lines' error")
	out.err = nil
	assert.NoError(t, w.Flush(), "reported once")

	w.Hold()
	w.Write([]byte("d\n"))
	require.NoError(t, w.Flush())
	assert.Len(t, out.got(), 2, "a Hold's lines wait for the Release")
	w.Release()
	assert.Equal(t, "d\n", out.got()[2])
}

// TestWriterFlushWaits: Flush returns once the lines kept during a write
// under way are written.
func TestWriterFlushWaits(t *testing.T) {
	g := newGate()
	w := &Writer{W: g}
	go w.Write([]byte("a\n"))
	<-g.started
	w.Write([]byte("b\n"))
	flushed := make(chan error)
	go func() { flushed <- w.Flush() }()
	select {
	case <-flushed:
		t.Fatal("Flush returned during a write")
	case <-time.After(20 * time.Millisecond):
	}
	g.release <- struct{}{}
	<-g.started
	g.release <- struct{}{}
	require.NoError(t, <-flushed)
	assert.Equal(t, []string{"a\n", "b\n"}, g.got())
}

// TestWriterDelayAllocs: a busy server's access log, lines that fill
// batch after batch, costs no allocation once both buffers are grown.
// Each batch a Delay fills ends with the line past maxDelayed; when the
// buffer that line grew was let go, every batch grew a new one from
// nothing: about three times its size in garbage.
func TestWriterDelayAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	w := &Writer{W: io.Discard, Delay: time.Hour}
	line := []byte(strings.Repeat("x", 199) + "\n")
	batches := func() {
		for range 4 * maxDelayed / len(line) {
			w.Write(line)
		}
	}
	batches() // grows the two buffers, and starts the timer
	assert.Zero(t, testing.AllocsPerRun(5, batches), "allocations per four batches")
}

// TestWriterDelayOrder: with a Delay, lines from many goroutines reach W
// in the order their Writes came in, across the batches that fill up and
// those the Delay writes.
func TestWriterDelayOrder(t *testing.T) {
	out := &writes{}
	w := &Writer{W: out, Delay: time.Millisecond}
	var mu sync.Mutex // orders the Writes: the order to keep
	seq := 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 2000 {
				mu.Lock()
				seq++
				n := seq
				w.Write(fmt.Appendf(nil, "%d %s\n", n, strings.Repeat("x", n%100)))
				mu.Unlock()
				if n%500 == 0 {
					time.Sleep(2 * time.Millisecond) // let the Delay write some
				}
			}
		})
	}
	wg.Wait()
	require.NoError(t, w.Flush())
	want := 1
	for l := range strings.Lines(strings.Join(out.got(), "")) {
		var n int
		_, err := fmt.Sscanf(l, "%d ", &n)
		require.NoError(t, err, "line %q", l)
		require.Equal(t, want, n, "lines out of order")
		want++
	}
	assert.Equal(t, 8*2000+1, want)
	t.Logf("%d lines in %d writes", want-1, len(out.got()))
}

// BenchmarkWriterDelay is a busy server's access log: every goroutine
// writes lines through one Writer with a Delay, to io.Discard. Run it with
// -cpu 1,2,4 to see what the Writer's one lock costs as processors share
// it (a version that kept each processor's lines apart, merged by time
// at each batch, was slower here at every -cpu, and no faster over
// loopback: see BENCHMARKS.md, session 11).
func BenchmarkWriterDelay(b *testing.B) {
	w := &Writer{W: io.Discard, Delay: 100 * time.Millisecond}
	line := []byte(strings.Repeat("x", 199) + "\n")
	b.SetBytes(int64(len(line)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w.Write(line)
		}
	})
}
