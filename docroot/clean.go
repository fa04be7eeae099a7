package docroot

import (
	"bytes"
	"strings"
)

// Clean removes the dot segments of urlPath, a decoded URL path starting
// with '/', as RFC 3986 section 5.2.4 (remove_dot_segments) and Apache do:
// a "." segment is dropped, a ".." segment drops the segment before it, and
// a path that ends in one of them keeps its final slash ("/a/b/.." is
// "/a/"). Unlike path.Clean it keeps repeated and trailing slashes, which
// are part of PATH_INFO.
//
// Clean reports false for a path that does not start with '/' and for one
// whose ".." would climb above "/" ("/../x", "/a/../../x"): RFC 3986 would
// drop that "..", Apache answers 400, and Resolve finds nothing.
func Clean(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") {
		return "", false
	}
	// Almost no path has a dot segment: return it as it is, without
	// allocating.
	if !hasDotSegment(urlPath) {
		return urlPath, true
	}
	out := make([]byte, 0, len(urlPath))
	for rest := urlPath; rest != ""; {
		// rest is "/seg" followed by the rest of the path.
		seg, tail := rest[1:], ""
		if i := strings.IndexByte(seg, '/'); i >= 0 {
			seg, tail = seg[:i], seg[i:]
		}
		switch seg {
		case ".":
			if tail == "" {
				out = append(out, '/')
			}
		case "..":
			i := bytes.LastIndexByte(out, '/')
			if i < 0 {
				return "", false
			}
			out = out[:i]
			if tail == "" {
				out = append(out, '/')
			}
		default:
			out = append(out, '/')
			out = append(out, seg...)
		}
		rest = tail
	}
	return string(out), true
}

// hasDotSegment reports whether the path p, which starts with '/', has a
// "." or ".." segment.
func hasDotSegment(p string) bool {
	for i := strings.Index(p, "/."); i >= 0; {
		s := p[i+2:]
		if s == "" || s[0] == '/' || s[0] == '.' && (len(s) == 1 || s[1] == '/') {
			return true
		}
		j := strings.Index(s, "/.")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}
