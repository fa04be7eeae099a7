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

	"github.com/gowebob/gowebob/internal/envctx"
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
// Environ values stored in r's context by NewContextWithEnviron are set
// last, over the derived ones. When r is one that Request.HTTPRequest made
// (or a copy with the same method and URL, as r.WithContext gives), the
// environ is that Request's, exactly: nothing is derived, and scriptName
// is not used.
//
// The body is r.Body, read lazily. The Request keeps r for Context and
// HTTPRequest.
func FromHTTP(r *http.Request, scriptName string) *Request {
	if contextUsed.Load() {
		if x, ok := r.Context().Value(exactKey{}).(*exactEnviron); ok && x.method == r.Method && x.url == r.URL.String() {
			return fromExact(r, x)
		}
	}
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
	envctx.Of(r.Context()).CopyTo(env)
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

// Context returns the Request's context: the one SetContext gave, else
// the context of the *http.Request the Request was made from, else
// context.Background. HTTPRequest passes it on, so a handler that Send
// (response.Send) runs sees it.
func (r *Request) Context() context.Context {
	if r.ctx != nil {
		return r.ctx
	}
	if r.http != nil {
		return r.http.Context()
	}
	return context.Background()
}

// SetContext makes ctx the Request's context; a nil ctx panics, as
// http.Request.WithContext does. Values go in as with any context:
//
//	req.SetContext(context.WithValue(req.Context(), userKey{}, user))
//
// It changes r rather than returning a copy, as http.Request.WithContext
// does, because a Request owns its body and its parse caches (and Close
// releases them): two Requests sharing them would each think they own
// them. WebOb's request is mutable too.
func (r *Request) SetContext(ctx context.Context) {
	if ctx == nil {
		panic("request: nil context")
	}
	r.ctx = ctx
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
// CONTENT_*, and the body. It carries the Request's context (Context),
// and in it a copy of the environ, so that FromHTTP on the result gives
// back a Request with this environ exactly (SCRIPT_NAME, PATH_INFO and
// every custom key), as WebOb's req.get_response(app) hands its app the
// environ itself.
//
// As WebOb does, an environ without wsgi.url_scheme is taken to be http.
func (r *Request) HTTPRequest() (*http.Request, error) {
	raw := r.URL()
	if r.Scheme() == "" {
		raw = "http" + raw
	}
	u, err := url.Parse(raw)
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
	if !contextUsed.Load() {
		contextUsed.Store(true)
	}
	hr = hr.WithContext(context.WithValue(hr.Context(), exactKey{},
		&exactEnviron{env: r.Environ.Clone(), method: hr.Method, url: hr.URL.String(), limits: r.Limits}))
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

// exactKey is the context key of the environ HTTPRequest stores.
type exactKey struct{}

// exactEnviron is the environ of a Request that HTTPRequest turned into an
// *http.Request, with what identifies that *http.Request: a handler that
// rewrites the method or the URL (http.StripPrefix) gets a derived environ
// instead, which agrees with what it changed.
type exactEnviron struct {
	env         Environ
	method, url string
	limits      Limits
}

// fromExact is FromHTTP for an *http.Request made by HTTPRequest.
func fromExact(r *http.Request, x *exactEnviron) *Request {
	var body io.Reader
	if r.Body != nil && r.Body != http.NoBody {
		body = r.Body
	}
	req := New(x.env.Clone(), body)
	req.Limits = x.limits
	req.http = r
	return req
}
