package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gowebob/gowebob/middleware"
)

// staticTree makes a directory to serve and a secret file beside it.
func staticTree(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "public")
	files := map[string]string{
		"hello.txt":            "hello, world\n",
		"style.css":            "body{}",
		"docs/index.html":      "<h1>docs</h1>",
		"empty/.keep":          "",
		".env":                 "SECRET=1",
		".git/config":          "[core]",
		"sub/.hidden/file.txt": "hidden",
		"range.txt":            "0123456789",
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(base, "secret.txt"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(root, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(base, filepath.Join(root, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("hello.txt", filepath.Join(root, "inside.txt")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestStaticDir(t *testing.T) {
	t.Parallel()
	h, err := middleware.StaticDir(staticTree(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		method   string
		path     string
		headers  map[string]string
		want     int
		wantBody string
		wantType string
		wantHdr  map[string]string
	}{
		{name: "file", path: "/hello.txt", want: 200, wantBody: "hello, world\n", wantType: "text/plain; charset=utf-8"},
		{name: "css", path: "/style.css", want: 200, wantBody: "body{}", wantType: "text/css; charset=utf-8"},
		{name: "head", method: "HEAD", path: "/hello.txt", want: 200, wantBody: "", wantHdr: map[string]string{"Content-Length": "13"}},
		{name: "index", path: "/docs/", want: 200, wantBody: "<h1>docs</h1>", wantType: "text/html; charset=utf-8"},
		{name: "directory redirect", path: "/docs", want: 301, wantHdr: map[string]string{"Location": "./docs/"}},
		{name: "directory redirect keeps the query", path: "/docs?x=1", want: 301, wantHdr: map[string]string{"Location": "./docs/?x=1"}},
		{name: "no listing", path: "/empty/", want: 404},
		{name: "root without index", path: "/", want: 404},
		{name: "missing", path: "/nope.txt", want: 404},
		{name: "dot file", path: "/.env", want: 404},
		{name: "dot directory", path: "/.git/config", want: 404},
		{name: "nested dot directory", path: "/sub/.hidden/file.txt", want: 404},
		{name: "dot dot", path: "/docs/../hello.txt", want: 404},
		{name: "encoded dot dot", path: "/%2e%2e/secret.txt", want: 404},
		{name: "backslash", path: "/docs%5C..%5Chello.txt", want: 404},
		{name: "double slash", path: "//hello.txt", want: 404},
		{name: "symlink out of root", path: "/escape.txt", want: 404},
		{name: "symlink dir out of root", path: "/up/secret.txt", want: 404},
		{name: "symlink inside root", path: "/inside.txt", want: 200, wantBody: "hello, world\n"},
		{name: "range", path: "/range.txt", headers: map[string]string{"Range": "bytes=2-4"}, want: 206, wantBody: "234",
			wantHdr: map[string]string{"Content-Range": "bytes 2-4/10"}},
		{name: "unsatisfiable range", path: "/range.txt", headers: map[string]string{"Range": "bytes=20-"}, want: 416},
		{name: "post", method: "POST", path: "/hello.txt", want: 405, wantHdr: map[string]string{"Allow": "GET, HEAD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			method := tt.method
			if method == "" {
				method = "GET"
			}
			r := httptest.NewRequest(method, tt.path, nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			w := serve(t, h, r)
			if w.Code != tt.want {
				t.Fatalf("Static %s %s: %d, want %d (%q)", method, tt.path, w.Code, tt.want, w.Body)
			}
			if tt.want == 404 && (strings.Contains(w.Body.String(), "SECRET") || strings.Contains(w.Body.String(), "outside")) {
				t.Errorf("Static leaked %q", w.Body)
			}
			if tt.want < 300 && w.Body.String() != tt.wantBody {
				t.Errorf("Static %s: body %q, want %q", tt.path, w.Body, tt.wantBody)
			}
			if tt.wantType != "" && w.Header().Get("Content-Type") != tt.wantType {
				t.Errorf("Static %s: Content-Type %q, want %q", tt.path, w.Header().Get("Content-Type"), tt.wantType)
			}
			for k, v := range tt.wantHdr {
				if got := w.Header().Get(k); got != v {
					t.Errorf("Static %s: %s = %q, want %q", tt.path, k, got, v)
				}
			}
		})
	}
}

func TestStaticConditional(t *testing.T) {
	t.Parallel()
	h, err := middleware.StaticDir(staticTree(t))
	if err != nil {
		t.Fatal(err)
	}
	w := serve(t, h, httptest.NewRequest("GET", "/hello.txt", nil))
	etag, lm := w.Header().Get("Etag"), w.Header().Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || lm == "" {
		t.Fatalf("Static: ETag %q, Last-Modified %q", etag, lm)
	}
	for name, hdr := range map[string][2]string{
		"If-None-Match":     {"If-None-Match", etag},
		"If-Modified-Since": {"If-Modified-Since", lm},
	} {
		r := httptest.NewRequest("GET", "/hello.txt", nil)
		r.Header.Set(hdr[0], hdr[1])
		if w := serve(t, h, r); w.Code != http.StatusNotModified {
			t.Errorf("Static with %s: %d, want 304", name, w.Code)
		}
	}
}

func TestStaticFS(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"app.js":         {Data: []byte("console.log(1)")},
		"dated.txt":      {Data: []byte("x"), ModTime: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		"dir/index.html": {Data: []byte("<p>i</p>")},
	}
	h := http.StripPrefix("/static", middleware.Static(fsys))
	w := serve(t, h, httptest.NewRequest("GET", "/static/app.js", nil))
	etag := w.Header().Get("Etag")
	if w.Code != 200 || w.Body.String() != "console.log(1)" || len(etag) != 34 || w.Header().Get("Last-Modified") != "" {
		t.Errorf("Static(MapFS): %d %q ETag %q Last-Modified %q", w.Code, w.Body, etag, w.Header().Get("Last-Modified"))
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("Static(MapFS): Content-Type %q", w.Header().Get("Content-Type"))
	}
	if w2 := serve(t, h, httptest.NewRequest("GET", "/static/app.js", nil)); w2.Header().Get("Etag") != etag {
		t.Errorf("Static(MapFS): ETag changed: %q then %q", etag, w2.Header().Get("Etag"))
	}
	w = serve(t, h, httptest.NewRequest("GET", "/static/dated.txt", nil))
	if w.Header().Get("Last-Modified") != "Tue, 02 Jan 2024 03:04:05 GMT" {
		t.Errorf("Static(MapFS): Last-Modified %q", w.Header().Get("Last-Modified"))
	}
	w = serve(t, h, httptest.NewRequest("GET", "/static/dir", nil))
	if w.Code != 301 || w.Header().Get("Location") != "./dir/" {
		t.Errorf("Static under StripPrefix: %d Location %q, want 301 ./dir/", w.Code, w.Header().Get("Location"))
	}
	w = serve(t, h, httptest.NewRequest("GET", "/static", nil))
	if w.Code != 404 {
		t.Errorf("Static mount point without index: %d, want 404", w.Code)
	}
}

func TestStaticDirMissing(t *testing.T) {
	t.Parallel()
	if _, err := middleware.StaticDir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Errorf("StaticDir(missing) = nil error")
	}
}
