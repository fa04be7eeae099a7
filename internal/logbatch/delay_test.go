package logbatch

import (
	"errors"
	"io"
	"strings"
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
