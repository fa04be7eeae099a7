package logbatch

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writes records each call to Write.
type writes struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (w *writes) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls = append(w.calls, string(p))
	return len(p), w.err
}

// gate is a writer whose Writes wait, one by one, until the test lets
// them go: the test decides what is written during a write.
type gate struct {
	writes
	started chan struct{} // a Write began
	release chan struct{} // let one Write end
}

func newGate() *gate {
	return &gate{started: make(chan struct{}, 100), release: make(chan struct{})}
}

func (g *gate) Write(p []byte) (int, error) {
	g.started <- struct{}{}
	<-g.release
	return g.writes.Write(p)
}

// waitCalls waits until n writes reached g's output.
func (g *gate) waitCalls(t *testing.T, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return len(g.calls) == n
	}, 5*time.Second, time.Millisecond)
}

// writeAsync writes p to w from another goroutine, whose error comes on
// the channel returned.
func writeAsync(w *Writer, p string) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := w.Write([]byte(p))
		done <- err
	}()
	return done
}

func textLogger(w *Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: dropTime}))
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func TestWriterHold(t *testing.T) {
	out := &writes{}
	w := &Writer{W: out}
	log := textLogger(w)

	log.Info("alone")
	w.Hold()
	log.Info("one")
	w.Hold() // nested
	log.Info("two")
	w.Release()
	assert.Len(t, out.calls, 1, "nothing written before the last Release")
	log.Info("three")
	w.Release()
	log.Info("after")
	assert.Equal(t, []string{
		"level=INFO msg=alone\n",
		"level=INFO msg=one\nlevel=INFO msg=two\nlevel=INFO msg=three\n",
		"level=INFO msg=after\n",
	}, out.calls)

	w.Hold()
	w.Release()
	assert.Len(t, out.calls, 3, "an empty batch writes nothing")
	assert.Panics(t, w.Release, "a Release without Hold is a mistake")
}

// TestWriterGroupCommit: what is written during a write is written, in
// order, by the goroutine writing, in one call, before its Write returns;
// a Write with no write under way goes out at once.
func TestWriterGroupCommit(t *testing.T) {
	tests := []struct {
		name   string
		during []string // written while the first write is under way
		hold   bool     // a Hold begins during the first write, and ends after it
		want   []string // W's calls
	}{
		{name: "alone", want: []string{"a\n"}},
		{name: "one during", during: []string{"b\n"}, want: []string{"a\n", "b\n"}},
		{name: "three during, one call", during: []string{"b\n", "c\n", "d\n"}, want: []string{"a\n", "b\nc\nd\n"}},
		{name: "a hold begun during a write keeps its lines to the Release", during: []string{"b\n", "c\n"}, hold: true,
			want: []string{"a\n", "b\nc\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGate()
			w := &Writer{W: g}
			done := writeAsync(w, "a\n")
			<-g.started
			if tt.hold {
				w.Hold()
			}
			for _, line := range tt.during {
				n, err := w.Write([]byte(line))
				require.NoError(t, err, "Write(%q) during a write", line)
				require.Equal(t, len(line), n, "Write(%q) during a write", line)
			}
			g.release <- struct{}{}
			if !tt.hold && len(tt.during) > 0 {
				<-g.started
				g.release <- struct{}{}
			}
			require.NoError(t, <-done)
			if tt.hold {
				assert.Equal(t, tt.want[:1], g.calls, "held lines wait for the Release")
				go func() {
					<-g.started
					g.release <- struct{}{}
				}()
				w.Release()
			}
			assert.Equal(t, tt.want, g.calls)

			// Idle again: the next line goes out at once.
			go func() {
				<-g.started
				g.release <- struct{}{}
			}()
			_, err := w.Write([]byte("z\n"))
			require.NoError(t, err)
			assert.Equal(t, "z\n", g.calls[len(g.calls)-1])
		})
	}
}

func TestWriterError(t *testing.T) {
	boom := errors.New("disk full")
	tests := []struct {
		name string
		run  func(w *Writer, out *writes) error // returns the error of the write made with out failing
	}{
		{name: "own write: returned", run: func(w *Writer, _ *writes) error {
			_, err := w.Write([]byte("x\n"))
			return err
		}},
		{name: "held write: next Write", run: func(w *Writer, out *writes) error {
			w.Hold()
			_, err := w.Write([]byte("x\n"))
			if err != nil {
				return fmt.Errorf("kept for the Release: %w", err)
			}
			w.Release()
			out.err = nil
			_, err = w.Write([]byte("y\n"))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &writes{err: boom}
			w := &Writer{W: out}
			err := tt.run(w, out)
			assert.ErrorIs(t, err, boom)
			out.err = nil
			_, err = w.Write([]byte("z\n"))
			assert.NoError(t, err, "an error is reported once")
			assert.Equal(t, "z\n", out.calls[len(out.calls)-1])
		})
	}
}

// TestWriterErrorDuringWrite: a batch written for others that fails
// reports its error to the next Write, which is not written.
func TestWriterErrorDuringWrite(t *testing.T) {
	boom := errors.New("disk full")
	g := newGate()
	w := &Writer{W: g}
	done := writeAsync(w, "a\n")
	<-g.started
	_, err := w.Write([]byte("b\n"))
	require.NoError(t, err)
	g.mu.Lock()
	g.err = boom // both writes fail; the first's error is its own
	g.mu.Unlock()
	g.release <- struct{}{}
	<-g.started
	g.release <- struct{}{}
	assert.ErrorIs(t, <-done, boom)
	g.err = nil
	_, err = w.Write([]byte("c\n"))
	assert.ErrorIs(t, err, boom, "the batch's error")
	assert.Equal(t, []string{"a\n", "b\n"}, g.calls, "c was not written")
}

// panicky panics on its first Write.
type panicky struct {
	writes
	panicked bool
}

func (p *panicky) Write(b []byte) (int, error) {
	if !p.panicked {
		p.panicked = true
		panic("boom")
	}
	return p.writes.Write(b)
}

func TestWriterPanic(t *testing.T) {
	out := &panicky{}
	w := &Writer{W: out}
	assert.Panics(t, func() { w.Write([]byte("a\n")) })
	_, err := w.Write([]byte("b\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"b\n"}, out.calls, "a panicking W leaves the Writer writing")
}

// TestWriterBound: with a write stuck, Writes wait once maxPending bytes
// are kept rather than keep more.
func TestWriterBound(t *testing.T) {
	g := newGate()
	w := &Writer{W: g}
	go w.Write([]byte("a\n"))
	<-g.started
	big := bytes.Repeat([]byte("x"), maxPending)
	_, err := w.Write(big)
	require.NoError(t, err, "kept: the bound is not reached yet")
	wrote := make(chan struct{})
	go func() {
		w.Write([]byte("c\n"))
		close(wrote)
	}()
	select {
	case <-wrote:
		t.Fatal("Write returned with maxPending bytes kept")
	case <-g.started:
		t.Fatal("a write started while one is stuck")
	case <-time.After(50 * time.Millisecond):
	}
	g.release <- struct{}{} // a's write ends; the batch starts
	<-g.started
	<-wrote // c has room now: it is kept for after the batch
	g.release <- struct{}{}
	<-g.started
	g.release <- struct{}{}
	g.waitCalls(t, 3)
	assert.Equal(t, "c\n", g.calls[2])
}

// TestWriterConcurrent: lines written by many goroutines, with and
// without holds and a Delay, land whole, each once, each goroutine's in
// its order.
func TestWriterConcurrent(t *testing.T) {
	for _, delay := range []time.Duration{0, time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) { testWriterConcurrent(t, delay) })
	}
}

func testWriterConcurrent(t *testing.T, delay time.Duration) {
	out := &writes{}
	w := &Writer{W: out, Delay: delay}
	const goroutines, lines = 16, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range lines {
				if g%4 == 0 && i%10 == 0 {
					w.Hold()
				}
				w.Write(fmt.Appendf(nil, "g%d %d\n", g, i))
				if g%4 == 0 && i%10 == 9 {
					w.Release()
				}
			}
		}()
	}
	wg.Wait()
	require.NoError(t, w.Flush())
	next := make([]int, goroutines)
	all := strings.Join(out.got(), "")
	for line := range strings.Lines(all) {
		var g, i int
		_, err := fmt.Sscanf(line, "g%d %d\n", &g, &i)
		require.NoError(t, err, "line %q", line)
		require.Equal(t, next[g], i, "goroutine %d's lines out of order", g)
		next[g]++
	}
	for g := range goroutines {
		assert.Equal(t, lines, next[g], "goroutine %d's lines", g)
	}
	t.Logf("%d lines in %d writes", goroutines*lines, len(out.calls))
}
