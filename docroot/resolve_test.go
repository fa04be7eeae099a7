package docroot_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/docroot"
)

// site is the docroot of TestResolve and FuzzResolve.
var site = mapFiles{
	"hello.go":           page,
	"index.go":           page,
	"lib/greet/greet.go": other,
	"admin/users.go":     page,
	"admin/index.go":     page,
	"style.css":          other,
	"css/site.css":       other,
	"notpage.go":         other,
	"hello_test.go":      page,
	"_draft.go":          page,
	"go.mod":             other,
	".git/config":        other,
	"nodir/readme.txt":   other,
	"testdata/x.go":      page,
	"internal/x.go":      page,
	"vendor/x.go":        page,
}

func TestResolve(t *testing.T) {
	const (
		notFound = docroot.NotFound
		pageKind = docroot.Page
		static   = docroot.Static
	)
	tests := []struct {
		path               string
		kind               docroot.Kind
		file, script, rest string
	}{
		{"/hello.go", pageKind, "hello.go", "/hello.go", ""},
		{"/hello", pageKind, "hello.go", "/hello", ""},
		{"/hello/a/b", pageKind, "hello.go", "/hello", "/a/b"},
		{"/hello.go/", pageKind, "hello.go", "/hello.go", "/"},
		{"/hello.go//a//b/", pageKind, "hello.go", "/hello.go", "//a//b/"},
		{"/", pageKind, "index.go", "", "/"},
		{"/index.go", pageKind, "index.go", "/index.go", ""},
		{"/admin", pageKind, "admin/index.go", "/admin", ""},
		{"/admin/", pageKind, "admin/index.go", "/admin", "/"},
		{"/admin/users/7", pageKind, "admin/users.go", "/admin/users", "/7"},
		{"/admin/nothing", notFound, "", "", ""},
		{"/style.css", static, "style.css", "/style.css", ""},
		{"/css/site.css", static, "css/site.css", "/css/site.css", ""},
		{"/style.css/", notFound, "", "", ""},
		{"/style.css/x", notFound, "", "", ""},
		{"/notpage.go", notFound, "", "", ""},
		{"/notpage", notFound, "", "", ""},
		{"/hello_test.go", notFound, "", "", ""},
		{"/hello_test", notFound, "", "", ""},
		{"/_draft.go", notFound, "", "", ""},
		{"/_draft", notFound, "", "", ""},
		{"/go.mod", notFound, "", "", ""},
		{"/.git/config", notFound, "", "", ""},
		{"/lib/greet/greet.go", notFound, "", "", ""},
		{"/lib/greet", notFound, "", "", ""},
		{"/nodir/", notFound, "", "", ""},
		{"/testdata/x.go", notFound, "", "", ""},
		{"/internal/x", notFound, "", "", ""},
		{"/vendor/x.go", notFound, "", "", ""},
		{"/missing", notFound, "", "", ""},
		{"//hello", notFound, "", "", ""},
		{"/admin//users", notFound, "", "", ""},
		{"/hello.go\x00", notFound, "", "", ""},
		{"/hello.go/a\\b", notFound, "", "", ""},
		{"relative", notFound, "", "", ""},
		{"", notFound, "", "", ""},

		// Dot segments are removed first, as Apache does, and the mapping
		// and the hidden names apply to the result.
		{"/hello.go/a/./b", pageKind, "hello.go", "/hello.go", "/a/b"},
		{"/hello/a/../b", pageKind, "hello.go", "/hello", "/b"},
		{"/x/../hello/y", pageKind, "hello.go", "/hello", "/y"},
		{"/./admin/./users.go", pageKind, "admin/users.go", "/admin/users.go", ""},
		{"/admin/users/..", pageKind, "admin/index.go", "/admin", "/"},
		{"/admin/.", pageKind, "admin/index.go", "/admin", "/"},
		{"/hello/..", pageKind, "index.go", "", "/"},
		{"/nodir/../style.css", static, "style.css", "/style.css", ""},
		{"/hello.go/../go.mod", notFound, "", "", ""},
		{"/hello.go/../.git/config", notFound, "", "", ""},
		{"/x_test.go/../hello", pageKind, "hello.go", "/hello", ""},
		{"/../go.mod", notFound, "", "", ""},
		{"/../hello", notFound, "", "", ""},
		{"/hello/../../hello", notFound, "", "", ""},
		{"/..", notFound, "", "", ""},
	}
	for _, tt := range tests {
		got := docroot.Resolve(site, tt.path)
		want := docroot.Target{Kind: tt.kind, File: tt.file, ScriptName: tt.script, PathInfo: tt.rest}
		assert.Equal(t, want, got, "Resolve(%q)", strings.ToValidUTF8(tt.path, "?"))
	}
}

func TestPageAt(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"hello.go", true},
		{"admin/users.go", true},
		{"notpage.go", false},
		{"admin", false},
		{"missing.go", false},
		{"./hello.go", false},
		{"/hello.go", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, docroot.PageAt(site, tt.name), "PageAt(%q)", tt.name)
	}
}

func TestHidden(t *testing.T) {
	tests := []struct {
		seg  string
		want bool
	}{
		{".git", true},
		{".env", true},
		{".", true},
		{"_draft.go", true},
		{"x_test.go", true},
		{"testdata", true},
		{"internal", true},
		{"vendor", true},
		{"go.mod", true},
		{"go.sum", true},
		{"go.work", true},
		{"go.work.sum", true},
		{"", false},
		{"hello.go", false},
		{"_draft.txt", false},
		{"x_test.txt", false},
		{"index.go", false},
		{"lib", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, docroot.Hidden(tt.seg), "Hidden(%q)", tt.seg)
	}
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "NotFound", docroot.NotFound.String())
	assert.Equal(t, "Page", docroot.Page.String())
	assert.Equal(t, "Static", docroot.Static.String())
}
