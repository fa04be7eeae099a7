package sitebuild

import (
	"strings"
	"testing"
)

func TestPackageName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello.go", "hello"},
		{"admin/index.go", "index"},
		{"hello_webob.go", "hello_webob"},
		{"main.go", "page_main"},
		{"func.go", "page_func"},
		{"my-page.go", "my_page"},
		{"2fa.go", "_fa"},
		{"café.go", "café"},
	}
	for _, tt := range tests {
		if got := packageName(tt.in); got != tt.want {
			t.Errorf("packageName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeDir(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pages/hello", "pages/hello"},
		{"pages/a b/c", "pages/a_b/c"},
		{"pages/café", "pages/caf_"},
		{"pages/x.y", "pages/x.y"},
	}
	for _, tt := range tests {
		if got := sanitizeDir(tt.in); got != tt.want {
			t.Errorf("sanitizeDir(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRenamePackage(t *testing.T) {
	src := "// Doc.\npackage main // a page\n\nfunc Application() {}\n"
	got, err := renamePackage([]byte(src), "hello", "/site/hello.go")
	if err != nil {
		t.Fatal(err)
	}
	want := "//line /site/hello.go:1:1\n// Doc.\npackage hello // a page\n\nfunc Application() {}\n"
	if string(got) != want {
		t.Errorf("renamePackage = %q, want %q", got, want)
	}
	if _, err := renamePackage([]byte("not go"), "x", "/x.go"); err == nil {
		t.Error("renamePackage(not go) = nil error")
	}
}

func TestCollisions(t *testing.T) {
	if err := collisions([]string{"a.go", "b/index.go", "index.go", "a/x.go"}); err != nil {
		t.Errorf("collisions: %v", err)
	}
	err := collisions([]string{"a.go", "a/index.go", "x/y.go", "x/y/index.go"})
	if err == nil || !strings.Contains(err.Error(), "a.go and a/index.go both answer /a") || !strings.Contains(err.Error(), "x/y.go and x/y/index.go both answer /x/y") {
		t.Errorf("collisions = %v", err)
	}
}
