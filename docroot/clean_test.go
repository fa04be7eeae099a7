package docroot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/internal/testutil"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/", "/", true},
		{"/a/b", "/a/b", true},
		{"/a/b/", "/a/b/", true},
		{"//a//b//", "//a//b//", true},
		{"/a/./b", "/a/b", true},
		{"/a/../b", "/b", true},
		{"/a/b/..", "/a/", true},
		{"/a/b/.", "/a/b/", true},
		{"/a/b/./", "/a/b/", true},
		{"/a/..", "/", true},
		{"/.", "/", true},
		{"/./", "/", true},
		{"/a/./../b", "/b", true},
		{"/a/b/../../c", "/c", true},
		{"/a//../b", "/a/b", true},
		{"/a/.//b", "/a//b", true},
		{"//..", "/", true},
		{"/a/.../b", "/a/.../b", true},
		{"/a/..b/.c/b.", "/a/..b/.c/b.", true},
		{"/.x/..", "/", true},
		{"/..", "", false},
		{"/../a", "", false},
		{"/a/../..", "", false},
		{"/a/../../b", "", false},
		{"/./..", "", false},
		{"", "", false},
		{"a/b", "", false},
		{"./a", "", false},
	}
	for _, tt := range tests {
		got, ok := docroot.Clean(tt.in)
		assert.Equal(t, tt.ok, ok, "Clean(%q) ok", tt.in)
		assert.Equal(t, tt.want, got, "Clean(%q)", tt.in)
	}
}

// TestCleanAllocs guards the fast path: a path without dot segments is
// returned as it is.
func TestCleanAllocs(t *testing.T) {
	if testing.Short() || testutil.Race {
		t.Skip("allocation counts are not checked with -short or -race")
	}
	for _, p := range []string{"/", "/hello/a/b.c/", "/.x/..y/z."} {
		n := testing.AllocsPerRun(100, func() { docroot.Clean(p) })
		assert.Zero(t, n, "Clean(%q) allocations", p)
	}
}
