package logbatch

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"
)

// BenchmarkHandler is the cost of an access log record, as AccessLog
// makes it, through slog's TextHandler straight to io.Discard, and
// through NewHandler and a Writer: what the pool of handlers and the
// Writer's lock add, in parallel.
func BenchmarkHandler(b *testing.B) {
	newText := func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) }
	for _, h := range []struct {
		name string
		h    slog.Handler
	}{
		{"TextHandler", newText(io.Discard)},
		{"NewHandler", NewHandler(&Writer{W: io.Discard}, newText)},
	} {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := slog.NewRecord(time.Now(), slog.LevelInfo, "http request", 0)
					r.AddAttrs(slog.String("method", "GET"), slog.String("path", "/hello_webob"), slog.Int("status", 200),
						slog.Int64("bytes", 331), slog.Duration("duration", 21*time.Microsecond))
					h.h.Handle(ctx, r)
				}
			})
		})
	}
}
