package serve

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// mapResolver serves resolve from an in-memory tree; files whose content
// is "page" are pages.
type mapResolver struct{ fs fstest.MapFS }

func (m mapResolver) stat(name string) (fs.FileInfo, error) { return fs.Stat(m.fs, name) }
func (m mapResolver) isPage(name string, _ fs.FileInfo) bool {
	f, ok := m.fs[name]
	return ok && string(f.Data) == "page"
}

func TestResolve(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("page")}
	other := &fstest.MapFile{Data: []byte("x")}
	m := mapResolver{fstest.MapFS{
		"hello.go":           page,
		"index.go":           page,
		"lib/greet/greet.go": other,
		"admin/users.go":     page,
		"admin/index.go":     page,
		"style.css":          other,
		"notpage.go":         other,
		"hello_test.go":      page,
		"go.mod":             other,
		".git/config":        other,
		"nodir/readme.txt":   other,
		"testdata/x.go":      page,
	}}
	tests := []struct {
		path               string
		kind               kind
		file, script, rest string
	}{
		{"/hello.go", pageKind, "hello.go", "/hello.go", ""},
		{"/hello", pageKind, "hello.go", "/hello", ""},
		{"/hello/a/b", pageKind, "hello.go", "/hello", "/a/b"},
		{"/hello.go/", pageKind, "hello.go", "/hello.go", "/"},
		{"/", pageKind, "index.go", "", "/"},
		{"/admin", pageKind, "admin/index.go", "/admin", ""},
		{"/admin/", pageKind, "admin/index.go", "/admin", "/"},
		{"/admin/users/7", pageKind, "admin/users.go", "/admin/users", "/7"},
		{"/style.css", staticKind, "style.css", "", ""},
		{"/style.css/", notFound, "", "", ""},
		{"/notpage.go", notFound, "", "", ""},
		{"/notpage", notFound, "", "", ""},
		{"/hello_test.go", notFound, "", "", ""},
		{"/hello_test", notFound, "", "", ""},
		{"/go.mod", notFound, "", "", ""},
		{"/.git/config", notFound, "", "", ""},
		{"/lib/greet/greet.go", notFound, "", "", ""},
		{"/nodir/", notFound, "", "", ""},
		{"/testdata/x.go", notFound, "", "", ""},
		{"/hello.go/../go.mod", notFound, "", "", ""},
		{"/../go.mod", notFound, "", "", ""},
		{"/hello.go\x00", notFound, "", "", ""},
		{"/missing", notFound, "", "", ""},
		{"relative", notFound, "", "", ""},
	}
	for _, tt := range tests {
		got := resolve(m, tt.path)
		want := target{kind: tt.kind, file: tt.file, script: tt.script, rest: tt.rest}
		assert.Equal(t, want, got, "resolve(%q)", strings.ToValidUTF8(tt.path, "?"))
	}
}
