package logbatch

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

func newText(w io.Writer) slog.Handler {
	return slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: dropTime, Level: slog.LevelInfo})
}

// TestHandlerSameText: through NewHandler, a logger writes what it writes
// through the handler newHandler makes, attributes and groups included.
func TestHandlerSameText(t *testing.T) {
	tests := []struct {
		name string
		log  func(l *slog.Logger)
	}{
		{name: "plain", log: func(l *slog.Logger) { l.Info("hi", "n", 1) }},
		{name: "with", log: func(l *slog.Logger) { l.With("a", "b").Info("hi", "n", 1) }},
		{name: "group", log: func(l *slog.Logger) { l.WithGroup("g").With("a", "b").Info("hi", "n", 1) }},
		{name: "below the level", log: func(l *slog.Logger) { l.Debug("hidden") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want, got bytes.Buffer
			tt.log(slog.New(newText(&want)))
			tt.log(slog.New(NewHandler(&Writer{W: &got}, newText)))
			assert.Equal(t, want.String(), got.String())
		})
	}
	assert.False(t, NewHandler(&Writer{W: io.Discard}, newText).Enabled(context.Background(), slog.LevelDebug))
}

// TestHandlerGroupCommit: records logged by other goroutines while one
// record's line is being written are written together after it.
func TestHandlerGroupCommit(t *testing.T) {
	g := newGate()
	log := slog.New(NewHandler(&Writer{W: g}, newText))
	go log.Info("first")
	<-g.started
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			log.Info("during")
		}()
	}
	wg.Wait() // they return: their lines are kept, not waiting on a lock
	g.release <- struct{}{}
	<-g.started
	g.release <- struct{}{}
	g.waitCalls(t, 2)
	assert.Equal(t, []string{
		"level=INFO msg=first\n",
		"level=INFO msg=during\nlevel=INFO msg=during\nlevel=INFO msg=during\n",
	}, g.calls)
}

// TestHandlerConcurrent: many goroutines' records, each whole and once.
func TestHandlerConcurrent(t *testing.T) {
	out := &writes{}
	log := slog.New(NewHandler(&Writer{W: out}, newText)).With("k", "v")
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				log.Info("line")
			}
		}()
	}
	wg.Wait()
	all := bytes.Join(func() [][]byte {
		var b [][]byte
		for _, c := range out.calls {
			b = append(b, []byte(c))
		}
		return b
	}(), nil)
	assert.Equal(t, bytes.Repeat([]byte("level=INFO msg=line k=v\n"), 1600), all)
}

// TestHandlerWithAllocs: a logger.With made per request costs what it
// costs on slog's own handler.
func TestHandlerWithAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	with := func(h slog.Handler) float64 {
		l := slog.New(h)
		return testing.AllocsPerRun(100, func() { _ = l.With("request_id", "r1") })
	}
	assert.Equal(t, with(newText(io.Discard)), with(NewHandler(&Writer{W: io.Discard}, newText)))
}
