package serve

import (
	"bytes"
	"go/build"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/internal/staticfiles"
)

// maxEmbedded bounds the files a page's folder lends its build: a page
// whose patterns match more gets go's "no matching files" for the rest.
const maxEmbedded = 10000

// detectEmbeds reports whether src may embed files: a //go:embed line
// anywhere, as gowebob build decides it.
func detectEmbeds(src []byte) bool { return bytes.Contains(src, []byte("//go:embed")) }

// embedded returns the files page pageRel, whose source is src, may embed,
// relative to its folder, and the folders read to find them, relative to
// the docroot: a file added to one may change what the page embeds.
//
// A page is built as the only file of a package that exists only in the
// build's overlay (see prepareWork), where its go:embed patterns, which
// are relative to the page's folder, would find nothing. The overlay gives
// that package the files of the page's folder that its patterns can
// match, among those gowebob build gives the page (staticfiles.Held: the
// static files of its folder and the folders under it), and the go command
// matches the patterns against them, with its own rules and errors, as it
// would in the folder itself. Only what the patterns can reach is read, so
// that a page embedding a folder of templates does not make every file
// of a large docroot an input of its build.
func (s *Server) embedded(pageRel string, src []byte) (files, dirs []string) {
	dir := path.Dir(pageRel)
	seen, seenDirs := make(map[string]bool), make(map[string]bool)
	var match func(rel string, elems []string)
	match = func(rel string, elems []string) {
		if len(files) >= maxEmbedded {
			return
		}
		name := path.Join(dir, rel)
		if len(elems) == 0 {
			fi, err := s.root.Stat(name)
			switch {
			case err != nil:
			case fi.IsDir():
				under, read := staticfiles.Under(s.root, name, maxEmbedded-len(files))
				for _, d := range read {
					addOnce(&dirs, seenDirs, d)
				}
				for _, f := range under {
					addOnce(&files, seen, path.Join(rel, f))
				}
			case staticfiles.Held(name, fi):
				addOnce(&files, seen, rel)
			}
			return
		}
		entries, err := fs.ReadDir(s.root.FS(), name)
		if err != nil {
			return
		}
		addOnce(&dirs, seenDirs, name)
		for _, e := range entries {
			if ok, _ := path.Match(elems[0], e.Name()); ok && !urlmap.Hidden(e.Name()) {
				if len(elems) > 1 && e.Type()&fs.ModeSymlink != 0 {
					continue // a symlink to a folder is not followed
				}
				match(path.Join(rel, e.Name()), elems[1:])
			}
		}
	}
	for _, p := range embedPatterns(src) {
		p = strings.TrimPrefix(p, "all:")
		// The go command refuses these; what is mirrored then does not
		// matter.
		if p == "" || path.IsAbs(p) || !fs.ValidPath(p) {
			continue
		}
		match("", strings.Split(p, "/"))
	}
	return files, dirs
}

// addOnce appends name to list unless seen has it, and adds it to seen.
func addOnce(list *[]string, seen map[string]bool, name string) {
	if !seen[name] {
		seen[name] = true
		*list = append(*list, name)
	}
}

// embedPatterns returns the patterns of src's //go:embed lines, as go/build
// reads them for the go command: quoted ones unquoted, misplaced lines
// left to the compiler to report.
func embedPatterns(src []byte) []string {
	ctx := build.Default
	ctx.GOPATH, ctx.CgoEnabled = "", false
	ctx.IsDir = func(string) bool { return true }
	ctx.ReadDir = func(string) ([]fs.FileInfo, error) {
		return []fs.FileInfo{pageFileInfo(len(src))}, nil
	}
	ctx.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(src)), nil }
	p, _ := ctx.ImportDir("/page", 0)
	if p == nil {
		return nil
	}
	return p.EmbedPatterns
}

// pageFileInfo is the fs.FileInfo of the one file embedPatterns shows
// go/build.
type pageFileInfo int

func (pageFileInfo) Name() string       { return "page.go" }
func (n pageFileInfo) Size() int64      { return int64(n) }
func (pageFileInfo) Mode() fs.FileMode  { return 0o644 }
func (pageFileInfo) ModTime() time.Time { return time.Time{} }
func (pageFileInfo) IsDir() bool        { return false }
func (pageFileInfo) Sys() any           { return nil }
