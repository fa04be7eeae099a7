package site

import (
	"net/http/httptest"
	"testing"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/internal/testutil"
)

// TestServingAllocs guards what a built program adds to a request, with
// the bare page (whose own two allocations are the adapter's and its
// body's): see BenchmarkServing for the layers. Each count is what the
// layers allocate today; more is a regression.
func TestServingAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	layers := map[string]*servingLayer{}
	for _, l := range servingLayers(t, "bare.go", bare) {
		layers[l.name] = &l
	}
	tests := []struct {
		layer     string
		requestID string // X-Request-ID sent
		max       float64
	}{
		{layer: "alone", max: 2},
		// The context node with SCRIPT_NAME and the page's facts over the
		// outer environ, the request's and its URL's copies, in one
		// allocation (the pretty URL's file name is resolved once:
		// Dispatcher.Fixed).
		{layer: "dispatcher", max: 3},
		// RequestID: the id, its context with the environ's node and the
		// request's copy.
		{layer: "run, no access log, no request timeout", max: 5},
		// A proxy's id: no id to make.
		{layer: "run, no access log, no request timeout", requestID: "req-1", max: 4},
		// The deadline: nothing, in the Dispatcher's copy
		// (reqcopy.MountUntil).
		{layer: "run, no access log", max: 5},
		// The access log's line: nothing (logline.Handler.HandleAttrs).
		{layer: "run", max: 5},
		{layer: "run", requestID: "req-1", max: 4},
	}
	for _, tt := range tests {
		l := layers[tt.layer]
		if l == nil {
			t.Fatalf("no layer %q", tt.layer)
		}
		r := httptest.NewRequest("GET", "/bare", nil)
		if tt.requestID != "" {
			r.Header.Set("X-Request-ID", tt.requestID)
		}
		w := newDiscard()
		n := testing.AllocsPerRun(100, func() {
			w.reset()
			l.h.ServeHTTP(w, r)
		})
		if n > tt.max {
			t.Errorf("%s, X-Request-ID %q: %v allocations per request, want at most %v", tt.layer, tt.requestID, n, tt.max)
		}
	}
}

// TestServingWebObAllocs guards the page through webob's adapter,
// hello_webob, alone and under all the layers: a text body written
// through a ResponseWriter that can take a string (the metrics' recorder
// among them) is not copied.
func TestServingWebObAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	// Alone: the Request and its query's pairs, the Response; the
	// page's own five (its builder's growth, PathURL).
	tests := []struct {
		layer string
		max   float64
	}{
		{layer: "alone", max: 8},
		{layer: "run", max: 11},
	}
	layers := map[string]*servingLayer{}
	for _, l := range servingLayers(t, "hello_webob.go", pages.HelloWebOb) {
		layers[l.name] = &l
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/hello_webob?firstname=Ada&lastname=Lovelace", nil)
		w := newDiscard()
		n := testing.AllocsPerRun(100, func() {
			w.reset()
			layers[tt.layer].h.ServeHTTP(w, r)
		})
		if n > tt.max {
			t.Errorf("hello_webob, %s: %v allocations per request, want at most %v", tt.layer, n, tt.max)
		}
	}
}
