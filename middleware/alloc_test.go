package middleware

import (
	"net/http"
	"net/netip"
	"testing"

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
