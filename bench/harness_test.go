package bench

import (
	"bytes"
	"net/http"
	"testing"
)

// framework is one implementation of the corpus.
type framework struct {
	name string
	h    http.Handler
}

// frameworks are built once: building a router is set-up, not per request.
var frameworks = []framework{
	{"nethttp", NetHTTP()},
	{"gowebob", Gowebob()},
	{"gin", Gin()},
	{"echo", Echo()},
	{"chi", Chi()},
}

// writer is the http.ResponseWriter the benchmarks reuse: Reset clears it
// without freeing its header map or buffer, so that the harness allocates
// nothing per iteration. It has WriteString, as net/http's own writer does.
type writer struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func newWriter() *writer { return &writer{header: make(http.Header)} }

func (w *writer) Header() http.Header { return w.header }

func (w *writer) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *writer) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}

func (w *writer) WriteString(s string) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.WriteString(s)
}

func (w *writer) Reset() {
	clear(w.header)
	w.code = 0
	w.body.Reset()
}

// runner serves one corpus item again and again on one handler. Each run
// gets a request freshly copied from the item's template (so Form,
// PostForm, MultipartForm and the context start empty) with its body
// rewound, and a cleared writer. The request's Header map and URL are
// shared with the template: none of the handlers changes them.
type runner struct {
	h    http.Handler
	tmpl *http.Request
	body *Body
	req  *http.Request
	w    *writer
}

func newRunner(h http.Handler, it Item) *runner {
	tmpl, body := it.Template()
	return &runner{h: h, tmpl: tmpl, body: body, req: new(http.Request), w: newWriter()}
}

func (r *runner) run() {
	*r.req = *r.tmpl
	r.body.Reset()
	r.w.Reset()
	r.h.ServeHTTP(r.w, r.req)
}

// BenchmarkCorpus measures every framework on every corpus item:
// BenchmarkCorpus/<item>/<framework>.
func BenchmarkCorpus(b *testing.B) {
	for _, it := range Corpus {
		b.Run(it.Name, func(b *testing.B) {
			for _, fw := range frameworks {
				b.Run(fw.name, func(b *testing.B) {
					r := newRunner(fw.h, it)
					b.ReportAllocs()
					for b.Loop() {
						r.run()
					}
					if r.w.code == 0 {
						b.Fatal("no response")
					}
				})
			}
		})
	}
}

// BenchmarkHelloWebOb measures the seed's form page: HelloWebOb written
// with net/http alone against examples/pages.HelloWebOb through
// webob.Handle, for a GET with a query and for a POST of the same form
// load.sh sends.
func BenchmarkHelloWebOb(b *testing.B) {
	for _, it := range helloWebObItems {
		b.Run(it.Name, func(b *testing.B) {
			for _, fw := range frameworks[:2] {
				b.Run(fw.name, func(b *testing.B) {
					r := newRunner(fw.h, it)
					b.ReportAllocs()
					for b.Loop() {
						r.run()
					}
				})
			}
		})
	}
}

// helloWebObItems are the requests of BenchmarkHelloWebOb.
var helloWebObItems = []Item{
	{Name: "get", Method: "GET", Target: "/hello_webob?firstname=Ada&lastname=Lovelace"},
	{
		Name: "post", Method: "POST", Target: "/hello_webob",
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		Body:   []byte(FormBody),
	},
}

// BenchmarkHarness is the cost of the harness itself: a runner around a
// handler that does nothing.
func BenchmarkHarness(b *testing.B) {
	r := newRunner(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), Corpus[2])
	b.ReportAllocs()
	for b.Loop() {
		r.run()
	}
}
