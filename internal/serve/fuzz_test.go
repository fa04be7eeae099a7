package serve

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzResolve checks the URL-to-file mapping: it never panics, never maps
// to a hidden or parent path, and splits a page's URL exactly into
// SCRIPT_NAME and PATH_INFO.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"/hello", "/hello.go/x", "/admin/", "/../go.mod", "/.git/config", "/a//b", "/style.css",
		"/hello.go\x00", "/%2e%2e", "/sub/index.go", "//", "/lib/greet/greet.go", "/x_test.go"} {
		f.Add(s)
	}
	page := &fstest.MapFile{Data: []byte("page")}
	m := mapResolver{fstest.MapFS{
		"hello.go": page, "index.go": page, "admin/index.go": page, "admin/users.go": page,
		"style.css": {Data: []byte("x")}, "lib/greet/greet.go": {Data: []byte("x")},
		".git/config": {Data: []byte("x")}, "go.mod": {Data: []byte("x")}, "x_test.go": page,
	}}
	f.Fuzz(func(t *testing.T, urlPath string) {
		got := resolve(m, urlPath)
		if got.kind == notFound {
			return
		}
		for _, seg := range strings.Split(got.file, "/") {
			if seg == ".." || seg == "." || hiddenSegment(seg) {
				t.Fatalf("resolve(%q) = %q: a hidden or parent segment", urlPath, got.file)
			}
		}
		if _, err := m.stat(got.file); err != nil {
			t.Fatalf("resolve(%q) = %q, which does not exist", urlPath, got.file)
		}
		if got.kind == pageKind {
			if !pageAt(m, got.file) {
				t.Fatalf("resolve(%q) = %q, not a page", urlPath, got.file)
			}
			if got.script+got.rest != urlPath {
				t.Fatalf("resolve(%q): script %q + rest %q", urlPath, got.script, got.rest)
			}
		}
	})
}
