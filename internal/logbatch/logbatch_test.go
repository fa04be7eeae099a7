package logbatch

import (
	"bytes"
	"errors"
	"log/slog"
	"sync"
	"testing"

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

func TestWriter(t *testing.T) {
	out := &writes{}
	w := &Writer{W: out}
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))

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

func TestWriterError(t *testing.T) {
	boom := errors.New("disk full")
	out := &writes{err: boom}
	w := &Writer{W: out}
	w.Hold()
	_, err := w.Write([]byte("x\n"))
	require.NoError(t, err, "kept for the Release")
	w.Release()
	out.err = nil
	_, err = w.Write([]byte("y\n"))
	assert.ErrorIs(t, err, boom, "the batch's error, reported once")
	_, err = w.Write([]byte("z\n"))
	assert.NoError(t, err)
}

// TestWriterConcurrent: lines written by other goroutines during a hold
// land whole, each once.
func TestWriterConcurrent(t *testing.T) {
	var out bytes.Buffer
	w := &Writer{W: &out}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if i%10 == 0 {
					w.Hold()
				}
				w.Write([]byte("line\n"))
				if i%10 == 9 {
					w.Release()
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, bytes.Repeat([]byte("line\n"), 400), out.Bytes())
}
