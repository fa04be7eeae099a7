package docroot_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/docroot"
)

// answer is what a server makes of a request for inspect.py: the status,
// and for a 200 the SCRIPT_NAME and PATH_INFO the script saw.
type answer struct {
	code             int
	script, pathInfo string
}

// TestResolveAsApache checks Resolve against what Apache 2.4 with mod_wsgi
// answered (Apache 2.4.71, libapache2-mod-wsgi-py3, Debian 12, set up by
// /work/shared/peer/apache.sh: a folder with inspect.py, hello.py and
// hello_webob.py, AddHandler wsgi-script .py, MergeSlashes and
// AllowEncodedSlashes at their defaults). Each target was sent as it is
// (curl --path-as-is); inspect.py printed the script_name and path_info
// of its WebOb Request.
//
// Apache's inspect.py is inspect.go here, the same page under gowebob's
// name; the test decodes the target as net/http does. Where gowebob
// answers otherwise, gowebob holds its answer and why the reason.
func TestResolveAsApache(t *testing.T) {
	fsys := mapFiles{"inspect.go": page, "hello.go": page, "hello_webob.go": page}
	const (
		mergesSlashes = "Apache merges repeated slashes (MergeSlashes On) before it removes dot segments; gowebob keeps them, as net/http does"
		climbs        = "a .. above the docroot: Apache answers 400, gowebob the uniform 404"
		encodedSlash  = "Apache refuses %2F in a path (AllowEncodedSlashes Off); net/http decodes it to / before Resolve sees the path"
		hidden        = "gowebob refuses a hidden name (here one starting with a dot) anywhere in the path, PATH_INFO included"
	)
	tests := []struct {
		target  string
		apache  answer
		gowebob *answer // nil: as Apache
		why     string
	}{
		{target: "/inspect.py", apache: answer{200, "/inspect.py", ""}},
		{target: "/inspect.py/", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect", apache: answer{code: 404}, gowebob: &answer{200, "/inspect", ""}, why: "gowebob's pretty URL: /NAME runs NAME.go"},

		// Dot segments, decoded or not, are removed before the mapping.
		{target: "/inspect.py/a/./b", apache: answer{200, "/inspect.py", "/a/b"}},
		{target: "/inspect.py/a/../b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/./inspect.py/x", apache: answer{200, "/inspect.py", "/x"}},
		{target: "/x/../inspect.py/y", apache: answer{200, "/inspect.py", "/y"}},
		{target: "/x_test.py/../inspect.py/q", apache: answer{200, "/inspect.py", "/q"}},
		{target: "/inspect.py/../inspect.py", apache: answer{200, "/inspect.py", ""}},
		{target: "/inspect.py/a/%2e/b", apache: answer{200, "/inspect.py", "/a/b"}},
		{target: "/inspect.py/a/%2e%2e/b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/inspect.py/a/%2E%2E/b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/inspect.py/a/.%2e/b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/inspect.py/a/%2e./b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/inspect.py/./a", apache: answer{200, "/inspect.py", "/a"}},
		{target: "/inspect.py/a/./../b", apache: answer{200, "/inspect.py", "/b"}},
		{target: "/inspect.py/a/b/../../c", apache: answer{200, "/inspect.py", "/c"}},
		{target: "/inspect.py/a/../../inspect.py/z", apache: answer{200, "/inspect.py", "/z"}},

		// A final dot segment leaves its slash.
		{target: "/inspect.py/a/..", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect.py/a/../", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect.py/a/%2e%2e", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect.py/a/.", apache: answer{200, "/inspect.py", "/a/"}},
		{target: "/inspect.py/a/./", apache: answer{200, "/inspect.py", "/a/"}},
		{target: "/inspect.py/a/b/..", apache: answer{200, "/inspect.py", "/a/"}},
		{target: "/inspect.py/a/b/.", apache: answer{200, "/inspect.py", "/a/b/"}},
		{target: "/inspect.py/.", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect.py/./", apache: answer{200, "/inspect.py", "/"}},
		{target: "/inspect.py/%2e", apache: answer{200, "/inspect.py", "/"}},

		// Segments with dots that are not dot segments.
		{target: "/inspect.py/a/b./c", apache: answer{200, "/inspect.py", "/a/b./c"}},
		{target: "/inspect.py/a/.../b", apache: answer{200, "/inspect.py", "/a/.../b"}, gowebob: &answer{code: 404}, why: hidden},
		{target: "/inspect.py/a/..b", apache: answer{200, "/inspect.py", "/a/..b"}, gowebob: &answer{code: 404}, why: hidden},

		// Back at the docroot, which has no index.
		{target: "/inspect.py/..", apache: answer{code: 404}},
		{target: "/inspect.py/../", apache: answer{code: 404}},
		{target: "/inspect.py/%2e%2e", apache: answer{code: 404}},
		{target: "/inspect.py/a/../..", apache: answer{code: 404}},
		{target: "/", apache: answer{code: 404}},
		{target: "/.", apache: answer{code: 404}},
		{target: "/./", apache: answer{code: 404}},

		// Above the docroot.
		{target: "/../inspect.py", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},
		{target: "/%2e%2e/inspect.py", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},
		{target: "/..", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},
		{target: "/./..", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},
		{target: "/inspect.py/../..", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},
		{target: "/inspect.py/../../x", apache: answer{code: 400}, gowebob: &answer{code: 404}, why: climbs},

		// Repeated slashes.
		{target: "/inspect.py//a//b", apache: answer{200, "/inspect.py", "/a/b"}, gowebob: &answer{200, "/inspect.py", "//a//b"}, why: mergesSlashes},
		{target: "//inspect.py/x", apache: answer{200, "/inspect.py", "/x"}, gowebob: &answer{code: 404}, why: mergesSlashes},
		{target: "/inspect.py/a//../b", apache: answer{200, "/inspect.py", "/b"}, gowebob: &answer{200, "/inspect.py", "/a/b"}, why: mergesSlashes},
		{target: "/inspect.py/a/.//b", apache: answer{200, "/inspect.py", "/a/b"}, gowebob: &answer{200, "/inspect.py", "/a//b"}, why: mergesSlashes},

		// Encoded slashes and backslashes, NUL.
		{target: "/inspect.py/a/%2fb", apache: answer{code: 404}, gowebob: &answer{200, "/inspect.py", "/a//b"}, why: encodedSlash},
		{target: "/inspect.py/a%2f..%2fb", apache: answer{code: 404}, gowebob: &answer{200, "/inspect.py", "/b"}, why: encodedSlash},
		{target: "/inspect.py/a/..%2fb", apache: answer{code: 404}, gowebob: &answer{200, "/inspect.py", "/b"}, why: encodedSlash},
		{target: "/inspect.py/a%5c..%5cb", apache: answer{200, "/inspect.py", `/a\..\b`}, gowebob: &answer{code: 404}, why: "gowebob refuses a backslash anywhere in the path"},
		{target: "/inspect.py/a%00b", apache: answer{code: 404}},

		// Hidden names in PATH_INFO.
		{target: "/inspect.py/a/.x/b", apache: answer{200, "/inspect.py", "/a/.x/b"}, gowebob: &answer{code: 404}, why: hidden},
		{target: "/inspect.py/a/.git/b", apache: answer{200, "/inspect.py", "/a/.git/b"}, gowebob: &answer{code: 404}, why: hidden},
		{target: "/inspect.py/go.mod", apache: answer{200, "/inspect.py", "/go.mod"}, gowebob: &answer{code: 404}, why: hidden},
		{target: "/inspect.py/internal/x", apache: answer{200, "/inspect.py", "/internal/x"}, gowebob: &answer{code: 404}, why: hidden},
		{target: "/inspect.py/_x.go", apache: answer{200, "/inspect.py", "/_x.go"}, gowebob: &answer{code: 404}, why: hidden},
	}
	for _, tt := range tests {
		want := tt.apache
		if tt.gowebob != nil {
			want = *tt.gowebob
			require.NotEqual(t, tt.apache, want, "%s: gowebob answers as Apache: drop the difference", tt.target)
			require.NotEmpty(t, tt.why, "%s: a difference needs its reason", tt.target)
		}
		target := strings.ReplaceAll(tt.target, ".py", ".go")
		u, err := url.ParseRequestURI(target)
		require.NoError(t, err, target)
		got := docroot.Resolve(fsys, u.Path)
		switch want.code {
		case 200:
			wantT := docroot.Target{Kind: docroot.Page, File: "inspect.go",
				ScriptName: strings.ReplaceAll(want.script, ".py", ".go"), PathInfo: want.pathInfo}
			assert.Equal(t, wantT, got, "GET %s", target)
		default:
			assert.Equal(t, docroot.Target{}, got, "GET %s", target)
		}
	}
}
