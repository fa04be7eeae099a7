package request

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// FromHTTP returns a Request for r with the environ a CGI or mod_wsgi server
// would build: PATH_INFO percent-decoded, every header as HTTP_NAME (with
// repeated headers joined by ", ", cookies by "; "), REMOTE_ADDR and
// REMOTE_PORT from the connection, SERVER_PORT from the local address.
//
// scriptName is the URL path prefix the application is mounted at (decoded,
// without a trailing slash, "" for the root); when r's path starts with it,
// it becomes SCRIPT_NAME and the rest PATH_INFO.
//
// As Apache does, headers whose names contain '_' are dropped, so that a
// client cannot forge X_Forwarded_For as HTTP_X_FORWARDED_FOR.
//
// Environ values stored in r's context by NewContextWithEnviron are set last, over
// the derived ones.
//
// The body is r.Body, read lazily. The Request keeps r for Context and
// HTTPRequest.
func FromHTTP(r *http.Request, scriptName string) *Request {
	env := environPool.Get().(Environ)
	path := r.URL.Path
	if scriptName != "" && strings.HasPrefix(path, scriptName) &&
		(len(path) == len(scriptName) || path[len(scriptName)] == '/') {
		env["SCRIPT_NAME"], env["PATH_INFO"] = scriptName, path[len(scriptName):]
	} else {
		env["SCRIPT_NAME"], env["PATH_INFO"] = "", path
	}
	env["REQUEST_METHOD"] = r.Method
	env["QUERY_STRING"] = r.URL.RawQuery
	env["REQUEST_URI"] = r.RequestURI
	env["SERVER_PROTOCOL"] = r.Proto
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	env["wsgi.url_scheme"] = scheme
	if r.Host != "" {
		env["HTTP_HOST"] = r.Host
	}
	env["SERVER_NAME"], env["SERVER_PORT"] = serverNamePort(r, scheme)
	if host, port, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		env["REMOTE_ADDR"], env["REMOTE_PORT"] = host, port
	} else if r.RemoteAddr != "" {
		env["REMOTE_ADDR"] = r.RemoteAddr
	}
	for name, values := range r.Header {
		if strings.IndexByte(name, '_') >= 0 {
			continue
		}
		key := headerKey(name)
		switch {
		case len(values) == 1:
			env[key] = values[0]
		case key == "HTTP_COOKIE":
			env[key] = strings.Join(values, "; ")
		default:
			env[key] = strings.Join(values, ", ")
		}
	}
	switch {
	case r.ContentLength > 0:
		env["CONTENT_LENGTH"] = strconv.FormatInt(r.ContentLength, 10)
	case r.ContentLength < 0:
		delete(env, "CONTENT_LENGTH")
		env["wsgi.input_terminated"] = "1"
	}
	if contextUsed.Load() {
		if over, ok := EnvironFromContext(r.Context()); ok {
			for k, v := range over {
				env[k] = v
			}
		}
	}
	var body io.Reader
	if r.Body != nil && r.Body != http.NoBody {
		body = r.Body
	}
	req := New(env, body)
	req.http = r
	req.pooledEnv = env
	return req
}

// environPool recycles the environ maps of requests made by FromHTTP: one
// map per request is most of what building a Request costs. Close returns
// a map to the pool. A new map has room for 28 keys (FromHTTP's dozen and
// 16 headers) in 32 slots; Close clears every slot group holding a key, so
// room for 64 made each request 45 ns slower.
var environPool = sync.Pool{New: func() any { return make(Environ, 16) }}

// maxPooledEnviron keeps maps that grew for an unusual request out of the
// pool.
const maxPooledEnviron = 128

// serverNamePort gives SERVER_NAME and SERVER_PORT: the Host header's name
// and the port of the local address the connection arrived on.
func serverNamePort(r *http.Request, scheme string) (string, string) {
	name, port, _ := splitHostPort(r.Host)
	if name == "" {
		name = "localhost"
	}
	switch a := r.Context().Value(http.LocalAddrContextKey).(type) {
	case *net.TCPAddr:
		return name, portString(a.Port)
	case net.Addr:
		if _, p, err := net.SplitHostPort(a.String()); err == nil {
			return name, p
		}
	}
	if port == "" {
		port = "80"
		if scheme == "https" {
			port = "443"
		}
	}
	return name, port
}

// lastPort caches the decimal form of the last local port seen: a server
// listens on one port or a few, and formatting it (with the address
// around it) was an allocation per request.
var lastPort atomic.Pointer[cachedPort]

type cachedPort struct {
	n int
	s string
}

// portString returns strconv.Itoa(n), usually from lastPort.
func portString(n int) string {
	if c := lastPort.Load(); c != nil && c.n == n {
		return c.s
	}
	c := &cachedPort{n: n, s: strconv.Itoa(n)}
	lastPort.Store(c)
	return c.s
}

// Context returns the context of the *http.Request the Request was made
// from, or context.Background.
func (r *Request) Context() context.Context {
	if r.http != nil {
		return r.http.Context()
	}
	return context.Background()
}

// PathValue returns the value of a wildcard of the http.ServeMux pattern
// that matched the *http.Request the Request was made from
// (http.Request.PathValue), or "" for a Request not made by FromHTTP.
func (r *Request) PathValue(name string) string {
	if r.http == nil {
		return ""
	}
	return r.http.PathValue(name)
}

// HTTPRequest returns an *http.Request for the Request's current environ:
// method, URL (from the URL parts), Host, headers from the HTTP_ keys and
// CONTENT_*, and the body. When the Request was made by FromHTTP, the
// result carries the original's context.
func (r *Request) HTTPRequest() (*http.Request, error) {
	u, err := url.Parse(r.URL())
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if r.IsBodyReadable() {
		rd, err := r.BodyReader()
		if err != nil {
			return nil, err
		}
		body = rd
	}
	hr, err := http.NewRequestWithContext(r.Context(), r.Method(), u.String(), body)
	if err != nil {
		return nil, err
	}
	hr.Host = r.Host()
	for key, v := range r.Environ {
		if name := headerName(key); name != "" && key != "HTTP_HOST" {
			hr.Header.Set(name, v)
		}
	}
	if n, ok := r.ContentLength(); ok {
		hr.ContentLength = n
	}
	hr.Proto = r.HTTPVersion()
	hr.ProtoMajor, hr.ProtoMinor, _ = http.ParseHTTPVersion(hr.Proto)
	hr.RemoteAddr = r.RemoteAddr()
	if p := r.Environ["REMOTE_PORT"]; p != "" {
		hr.RemoteAddr = net.JoinHostPort(hr.RemoteAddr, p)
	}
	return hr, nil
}
