package response_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/response"
)

// discardWriter is an http.ResponseWriter that keeps nothing, so that the
// benchmarks measure the Response, not a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }

// WriteString is net/http's: a text body is written without a copy.
func (w *discardWriter) WriteString(s string) (int, error) { return len(s), nil }
func (w *discardWriter) WriteHeader(int)                   {}

func (w *discardWriter) reset() {
	for k := range w.h {
		delete(w.h, k)
	}
}

var smallHTML = "<!doctype html><html><head><title>Hello</title></head><body><h1>Hello, world</h1></body></html>"

func BenchmarkWriteHTML(b *testing.B) {
	req := httptest.NewRequest("GET", "/", nil)
	w := &discardWriter{h: make(http.Header)}
	b.Run("build+serve", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			r := response.New()
			r.SetText(smallHTML)
			r.ServeHTTP(w, req)
		}
	})
	b.Run("net/http", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(smallHTML)))
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, smallHTML)
		}
	})
	b.Run("serve", func(b *testing.B) {
		r := response.New()
		r.SetText(smallHTML)
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			r.ServeHTTP(w, req)
		}
	})
}

func BenchmarkWriteJSON(b *testing.B) {
	req := httptest.NewRequest("GET", "/", nil)
	w := &discardWriter{h: make(http.Header)}
	payload := map[string]any{"id": 42, "name": "Zoë", "tags": []string{"a", "b"}, "ok": true}
	b.Run("build+serve", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			r, err := response.NewJSON(payload)
			if err != nil {
				b.Fatal(err)
			}
			r.ServeHTTP(w, req)
		}
	})
	b.Run("net/http", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			body, err := json.Marshal(payload)
			if err != nil {
				b.Fatal(err)
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(http.StatusOK)
			w.Write(body)
		}
	})
	b.Run("serve", func(b *testing.B) {
		r, _ := response.NewJSON(payload)
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			r.ServeHTTP(w, req)
		}
	})
}

// TestServeAllocs guards the allocation comments in serve.go, status.go and
// lend.go: serving a prebuilt response allocates only the one backing array
// for the header values, and a new response with a text body is one
// allocation, the Response, from New to served.
func TestServeAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts are distorted by -race and skipped by -short")
	}
	req := httptest.NewRequest("GET", "/", nil)
	w := &discardWriter{h: make(http.Header)}
	r := response.New()
	r.SetText(smallHTML)
	n := testing.AllocsPerRun(100, func() {
		w.reset()
		r.ServeHTTP(w, req)
	})
	if n > 1 {
		t.Errorf("ServeHTTP of a prebuilt response: %v allocations, want at most 1", n)
	}
	page := smallHTML + smallHTML // a Content-Length of three digits
	n = testing.AllocsPerRun(100, func() {
		w.reset()
		r := response.New()
		r.SetText(page)
		r.ServeHTTP(w, req)
	})
	if n > 1 {
		t.Errorf("New, SetText and ServeHTTP: %v allocations, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = r.StatusCode() }); n > 0 {
		t.Errorf("StatusCode: %v allocations, want 0", n)
	}
}
