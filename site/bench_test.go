package site

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// BenchmarkServing is the cost of serving hello_webob through a built
// program's handler: the page alone (mounted at the root, as a program
// of its own), then mounted on the site's Dispatcher, then with
// everything Run adds (the page's limits, metrics, Recover, RequestID and
// the access log, to io.Discard, or none).
func BenchmarkServing(b *testing.B) {
	s := &Site{Pages: []Page{{File: "hello_webob.go", App: pages.HelloWebOb}}}
	dispatcher, err := s.Handler()
	if err != nil {
		b.Fatal(err)
	}
	o := Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}.withDefaults()
	full, _, err := s.serving(o)
	if err != nil {
		b.Fatal(err)
	}
	o.NoAccessLog = true
	noLog, _, err := s.serving(o)
	if err != nil {
		b.Fatal(err)
	}
	o.RequestTimeout = -1
	bare, _, err := s.serving(o)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{
		{"page alone", webob.Handle(pages.HelloWebOb)},
		{"dispatcher", dispatcher},
		{"run, no access log, no request timeout", bare},
		{"run, no access log", noLog},
		{"run", full},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			r := httptest.NewRequest("GET", "/hello_webob?firstname=Ada&lastname=Lovelace", nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				bc.h.ServeHTTP(w, r)
			}
		})
	}
}
