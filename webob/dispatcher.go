package webob

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// Dispatcher mounts applications by file name, as mod_wsgi maps one script
// file to one URL. Mount("hello_webob.go", app) serves /hello_webob.go,
// the pretty URL /hello_webob, and everything below them, with SCRIPT_NAME
// the matched part of the URL and PATH_INFO the rest; names may be nested
// ("admin/users.go"); "index.go" in a folder answers for the folder itself
// (DirectoryIndex). Anything else is one uniform 404.
//
// The zero value is an empty Dispatcher ready to use. Mount is not safe to
// call while the Dispatcher serves requests.
type Dispatcher struct {
	// NotFound answers requests no application matches. If nil, an
	// exc.NotFound rendered for the request's Accept header is used.
	NotFound http.Handler

	apps map[string]http.Handler // by name without ".go", e.g. "admin/users"
	dirs map[string]http.Handler // index.go of a folder, by folder ("" is the root)
}

// Mount serves app under name, a slash-separated file name relative to the
// docroot ending in ".go". app may be any shape Adapt accepts. Mount panics
// on an invalid name or app, or on a name mounted twice: these are set-up
// mistakes.
func (d *Dispatcher) Mount(name string, app any) {
	h, err := Adapt(app)
	if err != nil {
		panic(err)
	}
	base, ok := strings.CutSuffix(name, ".go")
	if !ok || base == "" || path.Clean(name) != name || strings.HasPrefix(name, "/") || strings.HasPrefix(name, "../") {
		panic("webob: Dispatcher.Mount: invalid name " + name)
	}
	if d.apps == nil {
		d.apps, d.dirs = make(map[string]http.Handler), make(map[string]http.Handler)
	}
	dir, file := path.Split(base)
	if file == "index" {
		key := strings.TrimSuffix(dir, "/")
		if _, dup := d.dirs[key]; dup {
			panic("webob: Dispatcher.Mount: " + name + " mounted twice")
		}
		d.dirs[key] = h
	}
	if _, dup := d.apps[base]; dup {
		panic("webob: Dispatcher.Mount: " + name + " mounted twice")
	}
	d.apps[base] = h
}

// Match returns the application for a URL path (decoded, as r.URL.Path),
// with the matched part and the rest. ok is false when nothing matches.
func (d *Dispatcher) Match(urlPath string) (app http.Handler, script, rest string, ok bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.IndexByte(urlPath, 0) >= 0 {
		return nil, "", "", false
	}
	for _, seg := range strings.Split(urlPath[1:], "/") {
		if seg == ".." || seg == "." {
			return nil, "", "", false
		}
	}
	// The longest mounted prefix wins: try each segment boundary from the
	// end, as a name with and without its ".go".
	for end := len(urlPath); end > 0; end = strings.LastIndexByte(urlPath[:end], '/') {
		prefix := urlPath[1:end]
		if prefix == "" {
			continue
		}
		if h, ok := d.apps[strings.TrimSuffix(prefix, ".go")]; ok {
			if _, isDir := d.dirs[prefix]; !isDir || strings.HasSuffix(prefix, ".go") {
				return h, urlPath[:end], urlPath[end:], true
			}
		}
	}
	dir := strings.TrimSuffix(urlPath[1:], "/")
	if h, ok := d.dirs[dir]; ok {
		script := "/" + dir
		if dir == "" {
			script = ""
		}
		return h, script, urlPath[len(script):], true
	}
	return nil, "", "", false
}

// ServeHTTP dispatches r to the matching application with SCRIPT_NAME (after
// any SCRIPT_NAME an outer router set with request.NewContext) and the
// URL path reduced to PATH_INFO, as http.StripPrefix does.
func (d *Dispatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, script, rest, ok := d.Match(r.URL.Path)
	if !ok {
		if d.NotFound != nil {
			d.NotFound.ServeHTTP(w, r)
			return
		}
		notFound(w, r)
		return
	}
	serveMounted(w, r, h, script, rest)
}

// notFound writes the uniform 404, rendered for the request's Accept.
func notFound(w http.ResponseWriter, r *http.Request) {
	req := request.FromHTTP(r, "")
	exc.NotFound("").Response(req).WriteTo(w, req)
}

// Mounted returns a handler that serves h under prefix, a decoded URL path
// such as "/app": like http.StripPrefix it removes prefix from the URL path
// (requests outside it get the uniform 404), and it adds prefix to the
// SCRIPT_NAME the request carries in its context, so that the Request h
// builds has the right SCRIPT_NAME, application_url and path_url.
func Mounted(prefix string, h http.Handler) http.Handler {
	prefix = strings.TrimSuffix(prefix, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok || (rest != "" && rest[0] != '/') {
			notFound(w, r)
			return
		}
		serveMounted(w, r, h, prefix, rest)
	})
}

// serveMounted calls h with a shallow copy of r whose URL path is rest and
// whose context adds script to SCRIPT_NAME.
func serveMounted(w http.ResponseWriter, r *http.Request, h http.Handler, script, rest string) {
	env := request.Environ{}
	if outer, ok := request.EnvironFromContext(r.Context()); ok {
		env = outer.Clone()
	}
	env["SCRIPT_NAME"] += script
	r2 := r.WithContext(request.NewContext(r.Context(), env))
	r2.URL = new(url.URL)
	*r2.URL = *r.URL
	r2.URL.Path = rest
	r2.URL.RawPath = ""
	h.ServeHTTP(w, r2)
}
