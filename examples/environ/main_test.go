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
	port := base[strings.LastIndexByte(base, ':')+1:]
	for _, tt := range []struct {
		accept, wantType string
		wantLines        []string
	}{
		{"", "text/plain; charset=UTF-8", []string{
			"PATH_INFO: /a/b\n", "QUERY_STRING: x=1\n", "REQUEST_METHOD: GET\n", "SCRIPT_NAME: \n",
			"SERVER_NAME: 127.0.0.1\n", "SERVER_PORT: " + port + "\n", "SERVER_PROTOCOL: HTTP/1.1\n", "wsgi.url_scheme: http\n",
		}},
		{"application/json", "application/json", []string{
			`"PATH_INFO": "/a/b"`, `"QUERY_STRING": "x=1"`, `"SERVER_PORT": "` + port + `"`, `"HTTP_ACCEPT": "application/json"`,
		}},
	} {
		req, _ := http.NewRequest("GET", base+"/a/b?x=1", nil)
		if tt.accept != "" {
			req.Header.Set("Accept", tt.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tt.wantType || resp.Header.Get("Vary") != "Accept" {
			t.Errorf("Accept %q: %d, Content-Type %q, Vary %q; want 200, %q, Accept",
				tt.accept, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Vary"), tt.wantType)
		}
		for _, line := range tt.wantLines {
			if !strings.Contains(string(body), line) {
				t.Errorf("Accept %q: body does not contain %q:\n%s", tt.accept, line, body)
			}
		}
	}
}
