package site

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// File is one file or folder of a built docroot other than its pages, as
// gowebob build found it on disk.
type File struct {
	Name    string      // clean slash-separated path relative to the docroot
	Mode    fs.FileMode // fs.ModeDir for a folder; the permission bits
	Size    int64
	ModTime int64 // Unix nanoseconds: static files keep serve's ETag and Last-Modified
}

// NewFS returns the fs.FS of a built docroot's files: every File is there
// with its mode, size and time, and a regular file's content is
// content's file of the same name. A File without content (a .go file
// that is not a page, an executable) can be stated but not opened: the
// URL mapping sees it, and it is never served.
func NewFS(content fs.FS, files []File) fs.FS {
	f := &filesFS{content: content, byName: make(map[string]*info, len(files)+1)}
	f.byName["."] = &info{File: File{Name: ".", Mode: fs.ModeDir | 0o555}}
	for _, file := range files {
		f.byName[file.Name] = &info{File: file}
		// The folders that hold it, if the list does not have them.
		for dir := path.Dir(file.Name); dir != "."; dir = path.Dir(dir) {
			if _, ok := f.byName[dir]; !ok {
				f.byName[dir] = &info{File: File{Name: dir, Mode: fs.ModeDir | 0o555}}
			}
		}
	}
	return f
}

// filesFS is the fs.FS NewFS returns.
type filesFS struct {
	content fs.FS
	byName  map[string]*info
}

var _ fs.StatFS = (*filesFS)(nil)

// Stat returns the File's information. A missing name is fs.ErrNotExist
// itself, not wrapped in an *fs.PathError: the URL mapping asks for
// names that do not exist on most requests (every pretty URL), and the
// wrapper would be an allocation each time.
func (f *filesFS) Stat(name string) (fs.FileInfo, error) {
	if i, ok := f.byName[name]; ok {
		return i, nil
	}
	return nil, fs.ErrNotExist
}

// Open opens a regular file's content, or a folder for ReadDir.
func (f *filesFS) Open(name string) (fs.File, error) {
	i, ok := f.byName[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if i.IsDir() {
		return &dir{info: i, fsys: f}, nil
	}
	if f.content == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	c, err := f.content.Open(name)
	if err != nil {
		return nil, err
	}
	return &file{File: c, info: i}, nil
}

// info is a File as an fs.FileInfo and fs.DirEntry.
type info struct{ File }

func (i *info) Name() string               { return path.Base(i.File.Name) }
func (i *info) Size() int64                { return i.File.Size }
func (i *info) Mode() fs.FileMode          { return i.File.Mode }
func (i *info) ModTime() time.Time         { return time.Unix(0, i.File.ModTime) }
func (i *info) IsDir() bool                { return i.File.Mode.IsDir() }
func (i *info) Sys() any                   { return nil }
func (i *info) Type() fs.FileMode          { return i.File.Mode.Type() }
func (i *info) Info() (fs.FileInfo, error) { return i, nil }

// file is a content file that states as its File.
type file struct {
	fs.File
	info *info
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// Seek lets http.ServeContent answer Range requests: embed's files seek.
func (f *file) Seek(offset int64, whence int) (int64, error) {
	if s, ok := f.File.(io.Seeker); ok {
		return s.Seek(offset, whence)
	}
	return 0, errors.ErrUnsupported
}

// dir is an open folder.
type dir struct {
	info *info
	fsys *filesFS
	read bool
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.File.Name, Err: fs.ErrInvalid}
}
func (d *dir) Close() error { return nil }

// ReadDir returns the folder's entries, all at once.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.read {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.read = true
	prefix := d.info.File.Name + "/"
	if d.info.File.Name == "." {
		prefix = ""
	}
	var out []fs.DirEntry
	for name, i := range d.fsys.byName {
		if rest, ok := strings.CutPrefix(name, prefix); ok && name != "." && rest != "" && !strings.Contains(rest, "/") {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
