package serve

import (
	"io/fs"
	"path"
	"strings"
)

// kind is what a URL resolves to.
type kind int

const (
	notFound kind = iota
	pageKind
	staticKind
)

// target is the result of Resolve.
type target struct {
	kind kind
	// file is the slash-separated path of the page or static file, relative
	// to the docroot.
	file string
	// script and rest split the URL path for a page: SCRIPT_NAME and
	// PATH_INFO.
	script, rest string
}

// hiddenSegment reports whether a path segment is never served: dot files
// and folders (.git, the editor's), Go's special folders and the module
// files.
func hiddenSegment(seg string) bool {
	if seg == "" {
		return false
	}
	if seg[0] == '.' || seg[0] == '_' && strings.HasSuffix(seg, ".go") {
		return true
	}
	switch seg {
	case "testdata", "internal", "vendor", "go.mod", "go.sum", "go.work", "go.work.sum":
		return true
	}
	return strings.HasSuffix(seg, "_test.go")
}

// cleanSegments splits a decoded URL path into its segments, or reports
// false for a path that is never served: one that does not start with '/',
// holds a NUL or a backslash, a "." or ".." segment, or a hidden segment.
func cleanSegments(urlPath string) ([]string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\x00\\") {
		return nil, false
	}
	segs := strings.Split(urlPath[1:], "/")
	for _, s := range segs {
		if s == "." || s == ".." || hiddenSegment(s) {
			return nil, false
		}
	}
	return segs, true
}

// resolver answers questions about the docroot's files. It is an interface
// so that the mapping can be tested without a disk.
type resolver interface {
	// stat returns the file's information without following a symlink
	// out of the docroot; an error means "not there".
	stat(name string) (fs.FileInfo, error)
	// isPage reports whether the .go file, whose stat is fi, is a page.
	isPage(name string, fi fs.FileInfo) bool
}

// resolve maps a decoded URL path to a target, as mod_wsgi and the seed's
// pretty URLs do:
//
//   - an existing file: a page when it is a .go page (PATH_INFO empty),
//     else a static file; a .go file that is not a page is not found;
//   - an existing folder: its index.go page, or not found (no listings);
//   - otherwise the longest prefix of the path naming a page, as
//     NAME.go or as NAME for NAME.go: SCRIPT_NAME is that prefix as it
//     appears in the URL, PATH_INFO the rest.
func resolve(fsys resolver, urlPath string) target {
	t := resolveUnchecked(fsys, urlPath)
	// The pretty URL adds ".go" to the last segment: check the file's own
	// segments too ("/x_test" must not reach x_test.go).
	for _, seg := range strings.Split(t.file, "/") {
		if hiddenSegment(seg) {
			return target{}
		}
	}
	return t
}

func resolveUnchecked(fsys resolver, urlPath string) target {
	segs, ok := cleanSegments(urlPath)
	if !ok {
		return target{}
	}
	full := strings.Join(segs, "/")
	full = strings.TrimSuffix(full, "/")
	if fi, err := fsys.stat(nonEmpty(full)); err == nil {
		switch {
		case fi.IsDir():
			index := path.Join(full, "index.go")
			if pageAt(fsys, index) {
				script := strings.TrimSuffix(urlPath[:1+len(full)], "/")
				return target{kind: pageKind, file: index, script: script, rest: urlPath[len(script):]}
			}
			return target{}
		case !fi.Mode().IsRegular():
			return target{}
		case strings.HasSuffix(full, ".go"):
			if !fsys.isPage(full, fi) {
				return target{}
			}
			if !strings.HasSuffix(urlPath, "/") {
				return target{kind: pageKind, file: full, script: urlPath, rest: ""}
			}
		default:
			if strings.HasSuffix(urlPath, "/") {
				return target{}
			}
			return target{kind: staticKind, file: full}
		}
	}
	// The longest prefix naming a page wins.
	for n := len(segs); n > 0; n-- {
		prefix := strings.Join(segs[:n], "/")
		if prefix == "" {
			continue
		}
		script := "/" + prefix
		rest := urlPath[len(script):]
		file := prefix
		if !strings.HasSuffix(prefix, ".go") {
			file += ".go"
		}
		if pageAt(fsys, file) {
			return target{kind: pageKind, file: file, script: script, rest: rest}
		}
	}
	return target{}
}

// pageAt reports whether name is a regular file that is a page.
func pageAt(fsys resolver, name string) bool {
	fi, err := fsys.stat(name)
	return err == nil && fi.Mode().IsRegular() && fsys.isPage(name, fi)
}

// nonEmpty maps the docroot's own path "" to ".".
func nonEmpty(name string) string {
	if name == "" {
		return "."
	}
	return name
}
