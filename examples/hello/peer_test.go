package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gowebob/gowebob/examples/internal/peer"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

// TestHelloMatchesWSGI compares hello.py on Apache + mod_wsgi with
// pages.Hello byte for byte.
func TestHelloMatchesWSGI(t *testing.T) {
	const script = "/hello.py"
	base := peer.Start(t)
	goSrv := httptest.NewServer(webob.Mounted(script, webob.MustAdapt(pages.Hello)))
	defer goSrv.Close()
	for _, r := range []peer.Request{
		{Name: "script itself"},
		{Name: "path and query", Target: "/a/b?x=1"},
		{Name: "post", Method: "POST", Target: "/", Header: [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}, Body: "a=1"},
	} {
		presp, pbody, err := r.Send(http.DefaultClient, base, script)
		if err != nil {
			t.Fatalf("Apache: %s: %v", r, err)
		}
		gresp, gbody, err := r.Send(http.DefaultClient, goSrv.URL, script)
		if err != nil {
			t.Fatalf("Go: %s: %v", r, err)
		}
		if presp.StatusCode != gresp.StatusCode || !bytes.Equal(pbody, gbody) {
			t.Errorf("%s: WSGI %d %q, Go %d %q", r, presp.StatusCode, pbody, gresp.StatusCode, gbody)
		}
		for _, h := range []string{"Content-Type", "Content-Length"} {
			if p, g := presp.Header.Get(h), gresp.Header.Get(h); p != g {
				t.Errorf("%s: %s WSGI %q, Go %q", r, h, p, g)
			}
		}
	}
}
