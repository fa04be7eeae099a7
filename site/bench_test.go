package site

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/internal/logline"
	"github.com/gowebob/gowebob/webob"
)

// discard is the ResponseWriter of the benchmarks and the allocation
// tests: it keeps one header map, cleared by reset, and drops the body, so
// that what is counted is the handler's and not a recorder's.
type discard struct {
	h    http.Header
	code int
}

func newDiscard() *discard { return &discard{h: make(http.Header)} }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }

// WriteString is net/http's ResponseWriter's: io.WriteString through it
// copies nothing, so that a string body is counted as the program pays it.
func (d *discard) WriteString(s string) (int, error) { return len(s), nil }
func (d *discard) WriteHeader(code int)              { d.code = code }
func (d *discard) reset()                            { clear(d.h); d.code = 0 }

// bare is the smallest page: a plain http.Handler that writes a word.
func bare(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hi") }

// servingLayers returns the handlers BenchmarkServing compares for the
// page app, mounted as file: the page alone (at the root, as a program of
// its own), then mounted on the site's Dispatcher, then with everything
// Run adds (the page's limits and deadline, metrics, Recover, RequestID
// and the access log, to io.Discard), less the access log and the
// deadline, less the access log, and all of it.
func servingLayers(tb testing.TB, file string, app any) []servingLayer {
	tb.Helper()
	alone, err := webob.Adapt(app)
	if err != nil {
		tb.Fatal(err)
	}
	s := &Site{Dir: "/srv/www", Pages: []Page{{File: file, App: app}}}
	dispatcher, err := s.Handler()
	if err != nil {
		tb.Fatal(err)
	}
	run := func(o Options) http.Handler {
		o.Logger = slog.New(logline.New(io.Discard, logline.Text)) // as Main's
		h, _, err := s.serving(o.withDefaults())
		if err != nil {
			tb.Fatal(err)
		}
		return h
	}
	return []servingLayer{
		{"alone", alone},
		{"dispatcher", dispatcher},
		{"run, no access log, no request timeout", run(Options{NoAccessLog: true, RequestTimeout: -1})},
		{"run, no access log", run(Options{NoAccessLog: true})},
		{"run", run(Options{})},
	}
}

type servingLayer struct {
	name string
	h    http.Handler
}

// BenchmarkServing is the cost of serving a page through a built
// program's handler, layer by layer (see servingLayers): hello_webob, and
// the bare page, whose cost is nearly all the layers'.
func BenchmarkServing(b *testing.B) {
	for _, page := range []struct {
		name, file, target string
		app                any
	}{
		{"hello_webob", "hello_webob.go", "/hello_webob?firstname=Ada&lastname=Lovelace", pages.HelloWebOb},
		{"bare", "bare.go", "/bare", bare},
	} {
		for _, l := range servingLayers(b, page.file, page.app) {
			b.Run(page.name+"/"+l.name, func(b *testing.B) {
				b.ReportAllocs()
				r := httptest.NewRequest("GET", page.target, nil)
				w := newDiscard()
				for b.Loop() {
					w.reset()
					l.h.ServeHTTP(w, r)
				}
			})
		}
	}
}
