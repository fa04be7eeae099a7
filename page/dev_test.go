package page

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/webob"
)

func TestDevHandler(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "sub"), 0o755))
	t.Chdir(filepath.Join(root, "sub"))
	app := webob.MustAdapt(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/panic":
			panic("dev boom")
		case "/late":
			w.Write([]byte("<p>"))
			panic("late boom")
		case "/partial":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusPartialContent)
			w.Write([]byte("<p>part"))
		case "/interim":
			w.WriteHeader(http.StatusEarlyHints)
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<p>after hints</p>"))
		default:
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<p>hi</p>"))
		}
	})
	h := newDevHandler(app, "sub/page.go", "key1")
	assert.Equal(t, root, h.docroot, "the docroot is the page's folder without the page's folders")

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, "<p>hi</p>"+h.script, rec.Body.String())
	assert.True(t, strings.HasPrefix(h.script, `<script data-gowebob-page="sub/page.go" data-gowebob-build="key1">`))

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/interim", nil))
	assert.Equal(t, "<p>after hints</p>"+h.script, rec.Body.String(), "an interim answer does not decide")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/partial", nil))
	assert.Equal(t, "<p>part", rec.Body.String(), "nothing goes into a part of a document")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("HEAD", "/", nil))
	assert.Equal(t, "<p>hi</p>", rec.Body.String(), "no script for HEAD (the recorder keeps what net/http drops)")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/panic", nil))
	assert.Equal(t, 500, rec.Code)
	assert.Contains(t, rec.Body.String(), "panic: dev boom")
	assert.Equal(t, 1, strings.Count(rec.Body.String(), "<script"), "the panic page carries the script once")

	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/late", nil))
	}, "a panic after the answer began aborts it, as without dev")

	tests := []struct {
		file string
		rel  string
		ok   bool
	}{
		{"sub/page.go", "sub/page.go", true},
		{filepath.Join(root, "lib", "x.go"), "lib/x.go", true},
		{filepath.Join(filepath.Dir(root), "elsewhere.go"), filepath.Join(filepath.Dir(root), "elsewhere.go"), false},
		{"/usr/local/go/src/net/http/server.go", "/usr/local/go/src/net/http/server.go", false},
		{"other.go", "other.go", false},
	}
	for _, tt := range tests {
		rel, ok := h.inDocroot(tt.file)
		assert.Equal(t, tt.ok, ok, "inDocroot(%q)", tt.file)
		assert.Equal(t, tt.rel, rel, "inDocroot(%q)", tt.file)
	}
}
