package logbatch_test

import (
	"io"
	"log/slog"
	"os"

	"github.com/gowebob/gowebob/internal/logbatch"
)

func Example() {
	// Lines logged while another goroutine writes to stdout are written
	// together after it; a line logged alone is written at once.
	out := &logbatch.Writer{W: os.Stdout}
	log := slog.New(logbatch.NewHandler(out, func(w io.Writer) slog.Handler {
		return slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}})
	}))
	log.Info("alone")

	// A batch: written in one call at the Release.
	out.Hold()
	log.Info("one")
	log.Info("two")
	out.Release()
	// Output:
	// level=INFO msg=alone
	// level=INFO msg=one
	// level=INFO msg=two
}
