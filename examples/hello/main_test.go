package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/servetest"
)

func TestRun(t *testing.T) {
	base := servetest.Start(t, newHandler())
	for _, tt := range []struct{ method, path string }{{"GET", "/"}, {"GET", "/any/path?x=1"}, {"POST", "/"}} {
		req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(""))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html" || resp.Header.Get("Content-Length") != "48" {
			t.Errorf("%s %s: %d, Content-Type %q, Content-Length %q; want 200, text/html, 48",
				tt.method, tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Length"))
		}
		if want := "<html><body><h1>Hello, world!</h1></body></html>"; string(body) != want {
			t.Errorf("%s %s: body %q, want %q", tt.method, tt.path, body, want)
		}
	}
}
