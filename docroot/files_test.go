package docroot_test

import (
	"io/fs"
	"testing/fstest"
)

// mapFiles is a docroot in memory: files whose content is "page" are
// pages.
type mapFiles fstest.MapFS

func (m mapFiles) Stat(name string) (fs.FileInfo, error) { return fs.Stat(fstest.MapFS(m), name) }

func (m mapFiles) IsPage(name string, _ fs.FileInfo) bool {
	f, ok := m[name]
	return ok && string(f.Data) == "page"
}

var (
	page  = &fstest.MapFile{Data: []byte("page")}
	other = &fstest.MapFile{Data: []byte("x")}
)
