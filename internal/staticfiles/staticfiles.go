// Package staticfiles says which files of a docroot a program gowebob
// build makes holds: the static files it serves from its embedded copy,
// which are also what a page's //go:embed patterns find in its folder.
// gowebob serve gives a page the same files, so that a page embeds under
// serve what it embeds in the built program.
package staticfiles

import (
	"io/fs"
	"os"
	"strings"

	"github.com/gowebob/gowebob/docroot"
)

// Held reports whether the file name (slash-separated, relative to the
// docroot, no element hidden), whose information after symlinks is fi, is
// a static file a built program holds: a regular file that is not Go
// source nor executable, with a name go:embed accepts (see Embeddable).
func Held(name string, fi fs.FileInfo) bool {
	return fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 == 0 &&
		!strings.HasSuffix(name, ".go") && Embeddable(name)
}

// Embeddable reports whether go:embed accepts the file name: no
// character it refuses in any element (cmd/go's embed checks).
func Embeddable(name string) bool {
	for elem := range strings.SplitSeq(name, "/") {
		if strings.ContainsAny(elem, "\"*<>?`'|:\\") {
			return false
		}
		for _, r := range elem {
			if r < 0x20 || r == 0x7f {
				return false
			}
		}
	}
	return true
}

// Under returns the static files (see Held) in folder dir of the docroot
// root and in the folders under it, relative to dir and sorted, and the
// folders it read (dir first), relative to the docroot: a file added to
// one of them changes the list. As gowebob build's walk of the docroot,
// it leaves hidden names out, follows symlinks that stay in the docroot
// (root refuses the others) but not a symlink to a folder, and stops
// after max files.
func Under(root *os.Root, dir string, max int) (files, dirs []string) {
	var walk func(d string)
	walk = func(d string) {
		entries, err := fs.ReadDir(root.FS(), d) // sorted by name
		if err != nil {
			return
		}
		dirs = append(dirs, d)
		for _, e := range entries {
			if len(files) >= max {
				return
			}
			if docroot.Hidden(e.Name()) {
				continue
			}
			name := e.Name()
			if d != "." {
				name = d + "/" + name
			}
			fi, err := root.Stat(name)
			switch {
			case err != nil: // a symlink out of the docroot: not there
			case fi.IsDir():
				if e.Type()&fs.ModeSymlink == 0 {
					walk(name)
				}
			case Held(name, fi):
				rel := name
				if dir != "." {
					rel = strings.TrimPrefix(name, dir+"/")
				}
				files = append(files, rel)
			}
		}
	}
	walk(dir)
	return files, dirs
}
