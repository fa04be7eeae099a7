package docroot

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/reqcopy"
	"github.com/gowebob/gowebob/request"
)

// Dispatcher mounts handlers by file name and serves each URL with the
// handler gowebob serve would run for it, as mod_wsgi maps one script file
// to one URL: Mount("hello_webob.go", h) serves /hello_webob.go, the pretty
// URL /hello_webob, and everything below them, with SCRIPT_NAME the matched
// part of the URL and PATH_INFO the rest; names may be nested
// ("admin/users.go"); "index.go" in a folder answers for the folder itself
// (DirectoryIndex). Anything else is one uniform 404. The mounted names are
// the Files of Resolve, so the mapping is gowebob serve's, dot segments
// and hidden names included.
//
// With Static set, the Dispatcher also knows the docroot's other files:
// Resolve sees them beside the mounted pages, so that every URL maps as
// under gowebob serve (a static file or a folder hides the pretty URL of a
// page, a .go file that is not a page is not found), and the static files
// are served by ServeStatic. webob.Handle and webob.Adapt make an
// http.Handler of a page's Application.
//
// The zero value is an empty Dispatcher ready to use. Mount is not safe to
// call while the Dispatcher serves requests.
type Dispatcher struct {
	// NotFound answers requests no page matches. If nil, an exc.NotFound
	// rendered for the request's Accept header is used.
	NotFound http.Handler

	// Static holds the docroot's files and folders other than the mounted
	// pages, as gowebob serve would find them on disk: .go files that are
	// not pages included (never served), so that the mapping sees them.
	// Its regular files that are not .go files are served with
	// ServeStatic. If nil, only the mounted names exist and no static file
	// is served.
	Static fs.FS

	// Fixed says that Static does not change while the Dispatcher serves
	// (an embed.FS, as in a program gowebob build makes): the Dispatcher
	// then keeps where each clean URL path of a page or a static file
	// leads, and resolves it once. Paths with PATH_INFO, and those that
	// lead nowhere, are resolved every time: they cannot grow what is
	// kept past the docroot's own names.
	Fixed bool

	// Timeout, when positive, is the deadline of each page's request:
	// its context ends Timeout after the Dispatcher hands it to the page
	// (context.DeadlineExceeded), as the context of
	// http.TimeoutHandler's handler does, without its buffering of the
	// answer. The deadline rides on the request copy the Dispatcher makes
	// for the page anyway, and costs no timer unless the page asks for
	// its context's Done.
	Timeout time.Duration

	m       mounts
	routes  sync.Map // Fixed's: clean URL path -> Target
	nroutes atomic.Int32
}

// maxRoutes bounds the routes a Fixed Dispatcher keeps: a docroot's names
// give at most three paths each (/a.go, /a, and a folder's two).
const maxRoutes = 1 << 16

// files is a Dispatcher as Resolve sees it: its mounted names, then the
// names of Static. A conversion of the pointer, so that Resolve's
// interface holds it without allocating.
type files Dispatcher

var _ Files = (*files)(nil)

// mounts are the Files of a Dispatcher: its mounted names, and the
// folders that hold them.
type mounts struct {
	pages   map[string]mounted // by file name, "admin/users.go"
	entries map[string]*entry  // pages and folders, "." the docroot
}

// mounted is a page's handler, and the environ keys MountEnviron gave it.
type mounted struct {
	h   http.Handler
	env request.Environ
}

var _ Files = (*mounts)(nil)

// Mount serves h as the page name, a clean slash-separated file name
// relative to the docroot that ends in ".go", such as "hello.go" or
// "admin/index.go". Mount panics on a nil h, on a name that is not clean,
// does not end in ".go", or has a Hidden segment (Resolve would never reach
// it), and on a name mounted twice or used as a folder by another name:
// these are set-up mistakes.
func (d *Dispatcher) Mount(name string, h http.Handler) {
	d.MountEnviron(name, h, nil)
}

// MountEnviron is Mount, and sets env's keys in the environ of every
// request h serves (request.NewContextWithEnviron), over those of an
// outer router and the Dispatcher's SCRIPT_NAME: a page's facts that
// never change (its file, how it is run), set with SCRIPT_NAME in the
// context node the Dispatcher makes for the request anyway, without a
// copy. env is kept: do not change it after.
func (d *Dispatcher) MountEnviron(name string, h http.Handler, env request.Environ) {
	if h == nil {
		panic("docroot: Dispatcher.Mount: nil handler for " + name)
	}
	if !fs.ValidPath(name) || !strings.HasSuffix(name, ".go") || hiddenPath(name) {
		panic("docroot: Dispatcher.Mount: invalid name " + name)
	}
	m := &d.m
	if m.pages == nil {
		m.pages = make(map[string]mounted)
		m.entries = map[string]*entry{".": {name: ".", dir: true}}
	}
	if _, dup := m.entries[name]; dup {
		panic("docroot: Dispatcher.Mount: " + name + " mounted twice, or also a folder")
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if e, ok := m.entries[dir]; ok && !e.dir {
			panic("docroot: Dispatcher.Mount: " + dir + " is a page, not a folder for " + name)
		}
	}
	m.pages[name] = mounted{h: h, env: env}
	m.entries[name] = &entry{name: path.Base(name)}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		m.entries[dir] = &entry{name: path.Base(dir), dir: true}
	}
}

// Match returns the page handler for urlPath, a decoded URL path such as
// http.Request's URL.Path, and the Target Resolve maps it to. h is nil
// when no page matches: t is then a static file of Static, or NotFound.
// ServeTarget answers a request for t.
func (d *Dispatcher) Match(urlPath string) (h http.Handler, t Target) {
	t = d.resolve(urlPath)
	if t.Kind == Page {
		h = d.m.pages[t.File].h
	}
	return h, t
}

// resolve is Resolve over the mounted names and Static.
func (d *Dispatcher) resolve(urlPath string) Target {
	if d.m.pages == nil && d.Static == nil {
		return Target{}
	}
	if !d.Fixed {
		return Resolve((*files)(d), urlPath)
	}
	if t, ok := d.routes.Load(urlPath); ok {
		return t.(Target)
	}
	t := Resolve((*files)(d), urlPath)
	if t.Kind != NotFound && (t.PathInfo == "" || t.PathInfo == "/") && d.nroutes.Load() < maxRoutes {
		if clean, _ := Clean(urlPath); clean == urlPath {
			if _, loaded := d.routes.LoadOrStore(urlPath, t); !loaded {
				d.nroutes.Add(1)
			}
		}
	}
	return t
}

// ServeHTTP dispatches r to the matching page with SCRIPT_NAME (after any
// SCRIPT_NAME an outer router set with request.NewContextWithEnviron) and
// the URL path reduced to PATH_INFO, as http.StripPrefix does; a static
// file of Static is served by ServeStatic.
func (d *Dispatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.ServeTarget(w, r, d.resolve(r.URL.Path))
}

// ServeTarget answers r as ServeHTTP does, r's URL path being resolved to
// t already by Match: a layer that acts on the target before the page
// runs (the per-page limits of a built program) resolves the path once.
// t must be what Match returned for r's URL path.
func (d *Dispatcher) ServeTarget(w http.ResponseWriter, r *http.Request, t Target) {
	if t.Kind == Static {
		ServeStatic(w, r, d.Static, t.File)
		return
	}
	var p mounted
	if t.Kind == Page {
		p = d.m.pages[t.File]
	}
	if p.h == nil {
		if d.NotFound != nil {
			d.NotFound.ServeHTTP(w, r)
			return
		}
		req := request.FromHTTP(r, "")
		exc.NotFound("").Response(req).Serve(w, req)
		return
	}
	// SCRIPT_NAME and the URL path as webob.Mounted sets them: webob is a
	// layer above this package, which does not import it. The page's
	// facts go with SCRIPT_NAME over the outer environ, not copied.
	if d.Timeout > 0 {
		r2, dl := reqcopy.MountUntil(r, t.ScriptName, t.PathInfo, p.env, time.Now().Add(d.Timeout))
		if dl != nil {
			defer dl.Release()
		}
		p.h.ServeHTTP(w, r2)
		return
	}
	p.h.ServeHTTP(w, reqcopy.Mount(r, t.ScriptName, t.PathInfo, p.env))
}

// Stat implements Files: a mounted name, else a name of Static.
func (f *files) Stat(name string) (fs.FileInfo, error) {
	if fi, err := f.m.Stat(name); err == nil {
		return fi, nil
	}
	if f.Static == nil {
		return nil, fs.ErrNotExist
	}
	return fs.Stat(f.Static, name)
}

// IsPage implements Files: the mounted files are the pages.
func (f *files) IsPage(name string, fi fs.FileInfo) bool { return f.m.IsPage(name, fi) }

// Stat implements Files over the mounted names. It returns
// fs.ErrNotExist, which allocates nothing, for any other name.
func (m *mounts) Stat(name string) (fs.FileInfo, error) {
	if e, ok := m.entries[name]; ok {
		return e, nil
	}
	return nil, fs.ErrNotExist
}

// IsPage implements Files: every mounted file is a page.
func (m *mounts) IsPage(name string, _ fs.FileInfo) bool {
	_, ok := m.pages[name]
	return ok
}

// entry is the fs.FileInfo of a mounted page or of a folder holding one.
type entry struct {
	name string
	dir  bool
}

func (e *entry) Name() string { return e.name }
func (e *entry) Size() int64  { return 0 }
func (e *entry) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (e *entry) ModTime() time.Time { return time.Time{} }
func (e *entry) IsDir() bool        { return e.dir }
func (e *entry) Sys() any           { return nil }
