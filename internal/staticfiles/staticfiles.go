// Package staticfiles says which files of a docroot a program gowebob
// build makes holds: the static files it serves from its embedded copy,
// which are also what a page's //go:embed patterns find in its folder.
// gowebob serve gives a page the same files, so that a page embeds under
// serve what it embeds in the built program.
package staticfiles

import (
	"errors"
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

// Walk walks folder dir of the docroot root as gowebob build walks it,
// in name order: it calls fn for each folder once it is read (dir first,
// then each before what it holds), or with the error that kept it from
// being read, and for each other name, with name slash-separated and
// relative to the docroot and fi its information after symlinks. It
// leaves hidden names out, follows symlinks that stay in the docroot (root
// refuses the others) but not a symlink to a folder (a loop would never
// end). The walk stops at the first error fn returns, which Walk returns;
// fn returning nil for a folder's error skips that folder.
func Walk(root *os.Root, dir string, fn func(name string, fi fs.FileInfo, err error) error) error {
	fi, err := root.Stat(dir)
	if err != nil {
		return fn(dir, nil, err)
	}
	return walk(root, dir, fi, fn)
}

// walk is Walk of folder dir, whose information is fi.
func walk(root *os.Root, dir string, fi fs.FileInfo, fn func(string, fs.FileInfo, error) error) error {
	entries, err := fs.ReadDir(root.FS(), dir) // sorted by name
	if err != nil {
		return fn(dir, nil, err)
	}
	if err := fn(dir, fi, nil); err != nil {
		return err
	}
	for _, e := range entries {
		if docroot.Hidden(e.Name()) {
			continue
		}
		name := e.Name()
		if dir != "." {
			name = dir + "/" + name
		}
		fi, err := root.Stat(name)
		switch {
		case err != nil: // a symlink out of the docroot: not there
			continue
		case !fi.IsDir():
			err = fn(name, fi, nil)
		case e.Type()&fs.ModeSymlink == 0:
			err = walk(root, name, fi, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Under returns the static files (see Held) in folder dir of the docroot
// root and in the folders under it, relative to dir and sorted, and the
// folders it read (dir first), relative to the docroot: a file added to
// one of them changes the list. It walks as gowebob build does (see
// Walk), skips the folders it cannot read, and stops after max files.
func Under(root *os.Root, dir string, max int) (files, dirs []string) {
	Walk(root, dir, func(name string, fi fs.FileInfo, err error) error {
		switch {
		case err != nil:
			return nil // skip the folder
		case name != dir && len(files) >= max:
			return errEnough
		case fi.IsDir():
			dirs = append(dirs, name)
		case Held(name, fi):
			rel := name
			if dir != "." {
				rel = strings.TrimPrefix(name, dir+"/")
			}
			files = append(files, rel)
		}
		return nil
	})
	return files, dirs
}

// errEnough stops Under's walk at its max.
var errEnough = errors.New("staticfiles: enough files")
