package middleware

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/gowebob/gowebob/internal/logline"
	"github.com/gowebob/gowebob/internal/testutil"
)

// TestParserAllocs guards the claims that the per-request parsers of
// ProxyHeaders, CORS and RequestID allocate nothing.
func TestParserAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	p := &proxy{trusted: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	xff := []string{"6.6.6.6, 198.51.100.5:80", "[2001:db8::1]:443, 10.0.0.2"}
	fwd := []string{`for=6.6.6.6, for="198.51.100.5:1234";proto=https;host="www.example.com"`, `for=10.0.0.5`}
	h := http.Header{"Vary": {"Origin, X-Forwarded-Proto"}, "X-Forwarded-For": xff, "X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"example.com"}}
	c := &cors{headers: []string{"Content-Type", "X-Token"}}
	tests := map[string]func(){
		"clientFromList":    func() { p.clientFromList(xff) },
		"fromForwarded":     func() { p.fromForwarded(fwd) },
		"fromXForwarded":    func() { p.fromXForwarded(h) },
		"parsePeer":         func() { parsePeer("[2001:db8::1]:443") },
		"cors.allowHeaders": func() { c.allowHeaders("content-type, x-token") },
		"validRequestID":    func() { validRequestID("123e4567-e89b-12d3-a456-426614174000") },
		"addVary (present)": func() { addVary(h, "x-forwarded-proto") },
	}
	for name, f := range tests {
		if n := testing.AllocsPerRun(100, f); n > 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

// TestMiddlewareAllocs guards the allocations RequestID, AccessLog and
// Recover make per request, around a handler that allocates nothing (a
// ResponseWriter reused, its header map cleared).
func TestMiddlewareAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	nop := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	tests := []struct {
		name   string
		h      http.Handler
		header string // X-Request-ID sent
		max    float64
	}{
		// The id, its context (which holds the header's value, the
		// environ's context node and the request's copy).
		{"RequestID", RequestID(nop), "", 2},
		// The client's id: nothing to make.
		{"RequestID, a proxy's id", RequestID(nop), "req-1", 1},
		// The record's room for more than five attributes.
		{"AccessLog", AccessLog(logger)(nop), "", 1},
		// The servers' handler: no record.
		{"AccessLog, logline", AccessLog(slog.New(logline.New(io.Discard, logline.Text)))(nop), "", 0},
		{"Recover", Recover(nop), "", 0},
		{"AccessLog and Recover", AccessLog(logger)(Recover(nop)), "", 1},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/x", nil)
		if tt.header != "" {
			r.Header.Set("X-Request-ID", tt.header)
		}
		w := httptest.NewRecorder()
		n := testing.AllocsPerRun(100, func() {
			clear(w.Header())
			tt.h.ServeHTTP(w, r)
		})
		if n > tt.max {
			t.Errorf("%s: %v allocations per request, want at most %v", tt.name, n, tt.max)
		}
	}
}
