package docroot_test

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/docroot"
)

// seeds are the fuzz targets' first inputs: the table tests' paths.
var seeds = []string{
	"/hello", "/hello.go/x", "/admin/", "/../go.mod", "/.git/config", "/a//b", "/style.css",
	"/hello.go\x00", "/%2e%2e", "/sub/index.go", "//", "/lib/greet/greet.go", "/x_test.go",
	"/hello.go/a/./b", "/hello/a/../b", "/x/../hello/y", "/admin/users/..", "/admin/.", "/..",
	"/a//../b", "/a/.//b", "/x_test.go/../hello", "/hello/../../hello", "/./", "/nodir/../style.css",
}

// FuzzResolve checks the URL-to-file mapping: it never panics; a page's or
// static file's File is a clean path that exists, has no hidden segment
// and does not climb; SCRIPT_NAME and PATH_INFO split the cleaned path
// exactly; and resolving the cleaned path gives the same target.
func FuzzResolve(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, urlPath string) {
		got := docroot.Resolve(site, urlPath)
		clean, ok := docroot.Clean(urlPath)
		if got.Kind == docroot.NotFound {
			if got != (docroot.Target{}) {
				t.Fatalf("Resolve(%q) = %+v: not found with fields set", urlPath, got)
			}
			return
		}
		if !ok {
			t.Fatalf("Resolve(%q) = %+v, but Clean refuses the path", urlPath, got)
		}
		if !fs.ValidPath(got.File) || got.File == "." {
			t.Fatalf("Resolve(%q).File = %q, not a clean relative path", urlPath, got.File)
		}
		for _, seg := range strings.Split(got.File, "/") {
			if seg == ".." || docroot.Hidden(seg) {
				t.Fatalf("Resolve(%q).File = %q: a hidden or parent segment", urlPath, got.File)
			}
		}
		if _, err := site.Stat(got.File); err != nil {
			t.Fatalf("Resolve(%q).File = %q, which does not exist", urlPath, got.File)
		}
		if got.Kind == docroot.Page && !docroot.PageAt(site, got.File) {
			t.Fatalf("Resolve(%q).File = %q, not a page", urlPath, got.File)
		}
		if got.ScriptName+got.PathInfo != clean {
			t.Fatalf("Resolve(%q): ScriptName %q + PathInfo %q, want the cleaned path %q", urlPath, got.ScriptName, got.PathInfo, clean)
		}
		if again := docroot.Resolve(site, clean); again != got {
			t.Fatalf("Resolve(%q) = %+v, but Resolve(%q) = %+v", urlPath, got, clean, again)
		}
	})
}

// FuzzClean checks Clean against the RFC 3986 section 5.2.4 algorithm,
// written out step by step, and that its result is clean.
func FuzzClean(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got, ok := docroot.Clean(p)
		if !strings.HasPrefix(p, "/") {
			if ok {
				t.Fatalf("Clean(%q) = %q, true for a relative path", p, got)
			}
			return
		}
		want, climbed := removeDotSegments(p)
		if ok == climbed {
			t.Fatalf("Clean(%q) ok = %v, but climbing above / is %v", p, ok, climbed)
		}
		if !ok {
			return
		}
		if got != want {
			t.Fatalf("Clean(%q) = %q, RFC 3986 says %q", p, got, want)
		}
		if again, ok := docroot.Clean(got); !ok || again != got {
			t.Fatalf("Clean(%q) = %q, but Clean(%q) = %q, %v", p, got, got, again, ok)
		}
	})
}

// removeDotSegments is RFC 3986's remove_dot_segments as the RFC writes
// it, with a buffer for the input and one for the output; climbed reports
// that a ".." found the output empty, with no segment to remove.
func removeDotSegments(in string) (out string, climbed bool) {
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../") || in == "/..":
			in = "/" + in[min(len(in), 4):]
			if out == "" {
				climbed = true
			}
			out = out[:max(strings.LastIndexByte(out, '/'), 0)]
		case in == "." || in == "..":
			in = ""
		default:
			i := strings.IndexByte(in[1:], '/')
			if i < 0 {
				i = len(in)
			} else {
				i++
			}
			out, in = out+in[:i], in[i:]
		}
	}
	return out, climbed
}

// FuzzDispatcher checks that a Dispatcher and Resolve over a folder holding
// the same pages agree on every path.
func FuzzDispatcher(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	pages := mapFiles{}
	var d docroot.Dispatcher
	for name, file := range site {
		if docroot.PageAt(site, name) && !hiddenName(name) {
			pages[name] = file
			d.Mount(name, http.NotFoundHandler())
		}
	}
	f.Fuzz(func(t *testing.T, urlPath string) {
		h, got := d.Match(urlPath)
		want := docroot.Resolve(pages, urlPath)
		if got != want || (h != nil) != (want.Kind == docroot.Page) {
			t.Fatalf("Dispatcher.Match(%q) = %v, %+v; Resolve = %+v", urlPath, h != nil, got, want)
		}
	})
}

// hiddenName reports whether a segment of name is Hidden.
func hiddenName(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if docroot.Hidden(seg) {
			return true
		}
	}
	return false
}
