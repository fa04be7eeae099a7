package docroot

import (
	"io/fs"
	"strings"
)

// Files is a docroot as Resolve sees it.
type Files interface {
	// Stat returns the information of the file or folder name, a clean
	// slash-separated path relative to the docroot ("." for the docroot
	// itself, as fs.ValidPath requires), without following a symlink out
	// of the docroot. Any error means "not there".
	Stat(name string) (fs.FileInfo, error)

	// IsPage reports whether the .go file name, whose Stat is fi, is a
	// page: for gowebob serve, a file that declares func Application.
	IsPage(name string, fi fs.FileInfo) bool
}

// Kind is what a URL path resolves to.
type Kind int

// The kinds of Target.
const (
	NotFound Kind = iota // nothing: answer with the uniform 404
	Page                 // a page, to run with SCRIPT_NAME and PATH_INFO
	Static               // a static file, to serve as it is
)

// String returns the kind's name, "NotFound", "Page" or "Static".
func (k Kind) String() string {
	switch k {
	case Page:
		return "Page"
	case Static:
		return "Static"
	}
	return "NotFound"
}

// Target is what Resolve maps a URL path to.
type Target struct {
	Kind Kind

	// File is the page or static file: a clean slash-separated path
	// relative to the docroot ("admin/index.go"). It is "" for NotFound.
	File string

	// ScriptName and PathInfo split the cleaned URL path: SCRIPT_NAME, the
	// part that names File ("/admin" for admin/index.go, "" for the
	// docroot's index.go, the whole path for a static file), and
	// PATH_INFO, the rest.
	ScriptName, PathInfo string
}

// Resolve maps urlPath, a decoded URL path such as http.Request's URL.Path,
// to a target, as mod_wsgi and gowebob serve do. It first removes the dot
// segments (see Clean), then the path names
//
//   - an existing file: a page when it is a .go page (PATH_INFO empty),
//     else a static file; a .go file that is not a page is not found, and
//     neither is a file asked for as a folder ("/style.css/");
//   - an existing folder: its index.go page ("/admin" and "/admin/" both
//     run admin/index.go, SCRIPT_NAME "/admin"), or not found: there are
//     no listings;
//   - otherwise the longest prefix of the path naming a page, as NAME.go or
//     as the pretty URL NAME for NAME.go: SCRIPT_NAME is that prefix as it
//     appears in the cleaned path, PATH_INFO the rest.
//
// A path that does not start with '/', climbs above the docroot, holds a
// NUL or a backslash, or has a Hidden segment anywhere (PATH_INFO included)
// is not found.
func Resolve(fsys Files, urlPath string) Target {
	p, ok := Clean(urlPath)
	if !ok || strings.ContainsAny(p, "\x00\\") || hiddenPath(p[1:]) {
		return Target{}
	}
	t := resolve(fsys, p)
	// The pretty URL adds ".go" to the last segment: check the file's own
	// segments too ("/x_test" must not reach x_test.go).
	if hiddenPath(t.File) {
		return Target{}
	}
	return t
}

// resolve is Resolve for a cleaned path p without hidden segments.
func resolve(fsys Files, p string) Target {
	full := strings.TrimSuffix(p[1:], "/")
	if fi, err := stat(fsys, full); err == nil {
		switch {
		case fi.IsDir():
			index := "index.go"
			if full != "" {
				index = full + "/index.go"
			}
			if PageAt(fsys, index) {
				script := strings.TrimSuffix(p[:1+len(full)], "/")
				return Target{Kind: Page, File: index, ScriptName: script, PathInfo: p[len(script):]}
			}
			return Target{}
		case !fi.Mode().IsRegular():
			return Target{}
		case strings.HasSuffix(full, ".go"):
			if !fsys.IsPage(full, fi) {
				return Target{}
			}
			if !strings.HasSuffix(p, "/") {
				return Target{Kind: Page, File: full, ScriptName: p}
			}
		default:
			if strings.HasSuffix(p, "/") {
				return Target{}
			}
			return Target{Kind: Static, File: full, ScriptName: p}
		}
	}
	// The longest prefix naming a page wins: try each segment boundary
	// from the end.
	for end := len(p); end > 1; end = strings.LastIndexByte(p[:end], '/') {
		name := p[1:end]
		if !fs.ValidPath(name) {
			continue // an empty segment: "a//b" names no file
		}
		file := name
		if !strings.HasSuffix(name, ".go") {
			file += ".go"
		}
		if PageAt(fsys, file) {
			return Target{Kind: Page, File: file, ScriptName: p[:end], PathInfo: p[end:]}
		}
	}
	return Target{}
}

// PageAt reports whether name, a clean slash-separated path relative to
// the docroot, is a regular file that is a page.
func PageAt(fsys Files, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	fi, err := fsys.Stat(name)
	return err == nil && fi.Mode().IsRegular() && fsys.IsPage(name, fi)
}

// stat is fsys.Stat for the docroot-relative name ("" for the docroot),
// refusing a name that is not clean.
func stat(fsys Files, name string) (fs.FileInfo, error) {
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	return fsys.Stat(name)
}
