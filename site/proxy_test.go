package site

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// TestRunTrustedProxies checks that the pages see the client's scheme,
// host and address from a trusted proxy's headers, and ignore them from
// any other peer.
func TestRunTrustedProxies(t *testing.T) {
	urls := func(req *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(req.URL() + " " + req.HostURL() + " " + req.ApplicationURL() + " " + req.Environ["REMOTE_ADDR"])
		return resp, nil
	}
	s := &Site{Pages: []Page{{File: "app.go", App: urls}}}
	tests := []struct {
		name    string
		trusted string
		want    string
	}{
		{"trusted", "127.0.0.1", "https://www.example.com/app/x?q=1 https://www.example.com https://www.example.com/app 203.0.113.7"},
		{"not trusted", "10.0.0.0/8", "http://backend:1234/app/x?q=1 http://backend:1234 http://backend:1234/app 127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			trusted, err := ParseProxies(tt.trusted)
			require.NoError(t, err)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() {
				done <- Run(ctx, s, ln, Options{TrustedProxies: trusted, Logger: slog.New(slog.DiscardHandler)})
			}()
			defer func() { cancel(); <-done }()
			req, err := http.NewRequest("GET", "http://"+ln.Addr().String()+"/app/x?q=1", nil)
			require.NoError(t, err)
			req.Host = "backend:1234"
			req.Header.Set("X-Forwarded-For", "203.0.113.7")
			req.Header.Set("X-Forwarded-Proto", "https")
			req.Header.Set("X-Forwarded-Host", "www.example.com")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b := make([]byte, 512)
			n, _ := resp.Body.Read(b)
			assert.Equal(t, tt.want, string(b[:n]))
		})
	}
}
