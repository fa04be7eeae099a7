package middleware

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/gowebob/gowebob/exc"
)

// Static returns a handler that serves the files of fsys, as WebOb's
// DirectoryApp and FileApp: the URL path (r.URL.Path; mount it with
// http.StripPrefix or webob.Mounted) names a file of fsys.
//
//   - Files are served with http.ServeContent: Content-Type from the
//     extension (else sniffed), Last-Modified, an ETag, conditional
//     requests (If-None-Match, If-Modified-Since, ...) and Range requests.
//     The ETag is strong, made of the modification time and size, or of a
//     hash of the content for files without a time (embed.FS).
//   - A directory is served by its index.html (StaticWith chooses another
//     page or none); a directory URL without a trailing slash is
//     redirected (301, with a relative Location) to the URL with one,
//     except for an empty path (a mount point reached through
//     http.StripPrefix), which is served as "/". There are no directory
//     listings: a directory without an index page is a 404.
//   - A path with a segment that starts with "." (dot files such as .env or
//     .git, and "..") or that holds a backslash or a NUL is a 404, as is
//     anything that does not exist or cannot be opened.
//   - Methods other than GET and HEAD get a 405 with "Allow: GET, HEAD".
//
// Errors are rendered by exc for the request's Accept header.
//
// Static trusts fsys not to leave its root: os.DirFS follows symbolic links
// out of its directory. Use StaticDir to serve a directory of the file
// system, or pass an fs.FS from os.Root.FS.
func Static(fsys fs.FS) http.Handler {
	return &static{fsys: fsys, index: "index.html"}
}

// StaticOptions are the options of WebOb's DirectoryApp that StaticWith
// takes. The zero value is Static's behaviour.
type StaticOptions struct {
	// IndexPage is the file served for a directory URL (WebOb's
	// index_page). It must be a plain file name: no "/", not starting
	// with ".". If empty, "index.html" is used.
	IndexPage string

	// NoIndex serves no file for a directory URL: it is a 404, as WebOb's
	// index_page=None. IndexPage is then ignored.
	NoIndex bool

	// HideIndex redirects a URL that names the index page, ".../index.html",
	// to its directory, ".../" (301, query kept), so that each page has one
	// URL, as WebOb's hide_index_with_redirect=True. Like WebOb, it
	// redirects whether or not the file exists. The Location is relative
	// ("./"), as Static's add-slash redirect's is.
	HideIndex bool
}

// StaticWith is Static with options: another index page, none, or the
// index page's own URL redirected to its directory. It panics if
// opts.IndexPage is not a plain file name, a mistake made at setup. For a
// directory of the file system, pass the fs.FS of os.OpenRoot(dir) (as
// StaticDir does).
func StaticWith(fsys fs.FS, opts StaticOptions) http.Handler {
	s := &static{fsys: fsys, index: opts.IndexPage, hideIndex: opts.HideIndex}
	if s.index == "" {
		s.index = "index.html"
	}
	if strings.ContainsAny(s.index, "/\\\x00") || s.index[0] == '.' {
		panic("middleware: StaticOptions.IndexPage must be a file name, not " + strconv.Quote(opts.IndexPage))
	}
	if opts.NoIndex {
		s.index, s.hideIndex = "", false
	}
	return s
}

// StaticDir returns Static for the directory dir, opened with os.OpenRoot
// so that neither ".." nor a symbolic link can reach a file outside it
// (links inside it are followed). The directory stays open for the life of
// the handler. It returns an error if dir cannot be opened.
func StaticDir(dir string) (http.Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return Static(root.FS()), nil
}

type static struct {
	fsys      fs.FS
	index     string // the index page; "" for none
	hideIndex bool
	hashes    sync.Map // name -> ETag, for files without a modification time
}

func (s *static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		exc.Error(w, r, exc.MethodNotAllowed(http.MethodGet, http.MethodHead))
		return
	}
	name, ok := staticName(r.URL.Path)
	if !ok {
		notFound(w, r)
		return
	}
	if s.hideIndex && path.Base(name) == s.index {
		redirect(w, r, "./")
		return
	}
	f, info, err := s.open(name)
	if err != nil {
		notFound(w, r)
		return
	}
	if info.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") && r.URL.Path != "" {
			addSlash(w, r)
			return
		}
		if s.index == "" {
			notFound(w, r)
			return
		}
		name = path.Join(name, s.index)
		if f, info, err = s.open(name); err != nil || info.IsDir() {
			if err == nil {
				f.Close()
			}
			notFound(w, r)
			return
		}
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker)
	if !ok {
		b, err := io.ReadAll(f)
		if err != nil {
			notFound(w, r)
			return
		}
		content = bytes.NewReader(b)
	}
	h := w.Header()
	if etag := s.etag(name, info, content); etag != "" {
		h.Set("Etag", etag)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, info.Name(), info.ModTime(), content)
}

// open opens name and stats it.
func (s *static) open(name string) (fs.File, fs.FileInfo, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fs.ErrNotExist // devices, pipes, sockets
	}
	return f, info, nil
}

// etag returns a strong ETag for the file: its modification time and size,
// or, without a time, a hash of its content computed once.
func (s *static) etag(name string, info fs.FileInfo, content io.ReadSeeker) string {
	if mt := info.ModTime(); !mt.IsZero() {
		b := make([]byte, 0, 40)
		b = append(b, '"')
		b = strconv.AppendInt(b, mt.UnixNano(), 36)
		b = append(b, '-')
		b = strconv.AppendInt(b, info.Size(), 36)
		b = append(b, '"')
		return string(b)
	}
	if v, ok := s.hashes.Load(name); ok {
		return v.(string)
	}
	hash := sha256.New()
	if _, err := io.Copy(hash, content); err != nil {
		return ""
	}
	if _, err := content.Seek(0, io.SeekStart); err != nil {
		return ""
	}
	etag := `"` + hex.EncodeToString(hash.Sum(nil)[:16]) + `"`
	s.hashes.Store(name, etag)
	return etag
}

// staticName turns a URL path into an fs.FS name: "." for the root. It
// reports false for a path that Static refuses (see Static).
func staticName(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimPrefix(p, "/")
	name = strings.TrimSuffix(name, "/")
	if name == "" {
		return ".", true
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg[0] == '.' {
			return "", false // empty segments ("a//b") are refused too
		}
	}
	return name, fs.ValidPath(name)
}

func notFound(w http.ResponseWriter, r *http.Request) {
	exc.Error(w, r, exc.NotFound(""))
}

// addSlash redirects a directory URL to the same URL with a slash. The
// Location is relative ("./name/"), so that it is right under
// http.StripPrefix too, where the request's URL path lacks the prefix.
func addSlash(w http.ResponseWriter, r *http.Request) {
	ep := r.URL.EscapedPath()
	redirect(w, r, "./"+ep[strings.LastIndexByte(ep, '/')+1:]+"/")
}

// redirect answers 301 with the relative Location loc and the request's
// query.
func redirect(w http.ResponseWriter, r *http.Request, loc string) {
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusMovedPermanently)
}
