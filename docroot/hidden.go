package docroot

import "strings"

// Hidden reports whether a path segment is never served: dot files and
// folders (.git, an editor's), Go's special folders (testdata, internal,
// vendor), the module files, files the go command ignores (_x.go) and
// tests (x_test.go).
func Hidden(segment string) bool {
	if segment == "" {
		return false
	}
	if segment[0] == '.' || segment[0] == '_' && strings.HasSuffix(segment, ".go") {
		return true
	}
	switch segment {
	case "testdata", "internal", "vendor", "go.mod", "go.sum", "go.work", "go.work.sum":
		return true
	}
	return strings.HasSuffix(segment, "_test.go")
}

// hiddenPath reports whether a segment of p, a slash-separated path, is
// Hidden.
func hiddenPath(p string) bool {
	for p != "" {
		seg, rest, _ := strings.Cut(p, "/")
		if Hidden(seg) {
			return true
		}
		p = rest
	}
	return false
}
