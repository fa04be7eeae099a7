package logbatch

import (
	"context"
	"io"
	"log/slog"
	"sync"
)

// NewHandler returns a slog.Handler that handles each record with a
// handler newHandler(w) made, one for each record handled at the same
// time, so that records logged by concurrent goroutines reach w together
// and w writes them in one call. A handler slog.NewTextHandler or
// slog.NewJSONHandler makes holds one lock across its Write, which would
// hand w one line at a time. newHandler is called again for a record that
// finds none free.
//
// WithAttrs and WithGroup return what one of newHandler's handlers
// returns: a logger.With made per request costs what it costs with slog's
// handler, and its records share that handler's lock (slog's derived
// handlers share their parent's), as they did.
func NewHandler(w *Writer, newHandler func(io.Writer) slog.Handler) slog.Handler {
	h := &pooled{newH: func() slog.Handler { return newHandler(w) }}
	h.proto = h.newH()
	h.free.Put(h.proto)
	return h
}

// pooled is the handler NewHandler returns.
type pooled struct {
	newH  func() slog.Handler
	proto slog.Handler // for Enabled, and what WithAttrs and WithGroup derive from
	free  sync.Pool    // of the handlers newH made, proto among them
}

// Enabled reports whether the handlers newHandler makes handle level.
func (h *pooled) Enabled(ctx context.Context, level slog.Level) bool {
	return h.proto.Enabled(ctx, level)
}

// Handle handles r with a handler no other record is using.
func (h *pooled) Handle(ctx context.Context, r slog.Record) error {
	hh, _ := h.free.Get().(slog.Handler)
	if hh == nil {
		hh = h.newH()
	}
	err := hh.Handle(ctx, r)
	h.free.Put(hh)
	return err
}

// WithAttrs returns a handler of newHandler's with attrs.
func (h *pooled) WithAttrs(attrs []slog.Attr) slog.Handler { return h.proto.WithAttrs(attrs) }

// WithGroup returns a handler of newHandler's that opens group.
func (h *pooled) WithGroup(name string) slog.Handler { return h.proto.WithGroup(name) }
