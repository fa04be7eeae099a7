package middleware_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/gowebob/gowebob/middleware"
)

// BenchmarkChain measures the middleware around a hello handler, each
// alone and all together, with the headers a browser behind a proxy
// sends. Recorders are reused; the request is made once.
func BenchmarkChain(b *testing.B) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	proxy := middleware.ProxyHeaders(middleware.ProxyOptions{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	cors := middleware.CORS(middleware.CORSOptions{AllowedOrigins: []string{"https://app.example"}})
	full := middleware.Chain(
		proxy,
		middleware.RequestID,
		middleware.AccessLog(logger),
		middleware.RecoverWith(middleware.RecoverOptions{Logger: logger}),
		cors,
		middleware.BodyLimit(1<<20),
		middleware.MethodOverride,
		middleware.Compress(middleware.CompressOptions{}),
	)
	benches := []struct {
		name string
		mw   func(http.Handler) http.Handler
	}{
		{"bare", middleware.Chain()},
		{"Recover", middleware.Recover},
		{"AccessLog", middleware.AccessLog(logger)},
		{"RequestID", middleware.RequestID},
		{"ProxyHeaders", proxy},
		{"CORS", cors},
		{"BodyLimit", middleware.BodyLimit(1 << 20)},
		{"MethodOverride", middleware.MethodOverride},
		{"Compress", middleware.Compress(middleware.CompressOptions{})},
		{"Timeout", middleware.Timeout(time.Second)},
		{"full", full},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			h := bb.mw(hello)
			r := httptest.NewRequest("GET", "/hello", nil)
			r.RemoteAddr = "10.0.0.1:5555"
			r.Header.Set("X-Forwarded-For", "198.51.100.5")
			r.Header.Set("X-Forwarded-Proto", "https")
			r.Header.Set("Origin", "https://app.example")
			r.Header.Set("Accept-Encoding", "gzip, deflate, br")
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				w.Body.Reset()
				clear(w.Header())
				h.ServeHTTP(w, r)
			}
		})
	}
}
