package request

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
)

// Request is WebOb's Request for Go: a view over an Environ and a body that
// parses what a handler asks for, lazily and once.
//
// Every property reads the Environ, so a handler or a test may change
// Environ and read the property again; parse caches are keyed on the environ
// values they were parsed from, as WebOb's are.
//
// A Request that read its body may hold temporary files (large bodies and
// multipart uploads); Close removes them.
type Request struct {
	// Environ is the CGI/WSGI environment of the request. It is the source of
	// truth for every property; change it to change the request.
	Environ Environ

	// Limits bounds what parsing the query, the form and the body may use.
	// The zero value means DefaultLimits().
	Limits Limits

	get     queryCache
	noForm  MultiDict       // what POST returns for a request that is not a form
	scratch *scratch        // storage for parsing the query, nil for none
	http    *http.Request   // the request FromHTTP was given, for its context
	ctx     context.Context // SetContext's, nil for none
	more    *rarelyUsed     // nil until the request needs one of its parts

	pooledEnv     Environ // the map FromHTTP took from environPool, nil for none
	cookieScanned bool    // Cookie scanned the header once already
}

// rarelyUsed holds the parts of a Request that a GET answered from its
// query never needs: the body, the form, the cookies and a query's error.
// Keeping them out of Request makes it 168 bytes instead of 352, and the
// bytes a handler allocates per request are what the garbage collector
// costs.
type rarelyUsed struct {
	body     io.Reader   // the unread input, nil once buffered
	buf      spillBuffer // the buffered body (WebOb's seekable body)
	limited  io.LimitedReader
	bodyErr  error  // why buffering failed, returned again on every read
	bodyGen  uint32 // bumped by SetBody so that POST is parsed again
	buffered bool

	getErr  error // the error of the query parse get holds
	post    formCache
	cookies cookieCache
}

// parts returns r.more, allocating it on first use.
func (r *Request) parts() *rarelyUsed {
	if r.more == nil {
		r.more = new(rarelyUsed)
	}
	return r.more
}

// queryCache holds the last query parse; md is nil before the first.
type queryCache struct {
	src   string
	md    *MultiDict
	first MultiDict // md of the first parse: one allocation less per request
}

// formCache holds the last form parse; md is nil before the first.
type formCache struct {
	ctype   string
	method  string
	bodyGen uint32
	md      *MultiDict
	files   []*File
	err     error
	first   MultiDict // md of the first parse: one allocation less per request
}

// New returns a Request over env with body as its input (WebOb's
// wsgi.input). body may be nil for a request without one. The Request does
// not copy env: changes made through the Request are visible in env.
func New(env Environ, body io.Reader) *Request {
	if env == nil {
		env = Environ{}
	}
	r := newRequest(env["QUERY_STRING"])
	r.Environ = env
	if body != nil {
		r.parts().body = body
	}
	return r
}

// Close removes the temporary files the request made for a large body or
// for uploaded files. The Request, and for a Request made by FromHTTP its
// Environ, must not be used afterwards: FromHTTP recycles the map. A map a
// handler assigned to Environ is its own and is left alone.
func (r *Request) Close() error {
	if m := r.more; m != nil {
		m.buf.close()
		for _, f := range m.post.files {
			f.remove()
		}
		// The MultiDicts stay as they are: a handler may still hold them.
		m.post.files = nil
	}
	if env := r.pooledEnv; env != nil {
		r.pooledEnv = nil
		// A handler that gave the Request a map of its own keeps it: only
		// the map FromHTTP took from the pool goes back, and only while it
		// is still the Environ (one the handler set aside goes to the
		// garbage collector instead).
		if sameMap(r.Environ, env) {
			r.Environ = nil
			if len(env) <= maxPooledEnviron {
				clear(env)
				environPool.Put(env)
			}
		}
	}
	return nil
}

// sameMap reports whether a and b are the same map (not equal contents).
func sameMap(a, b Environ) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// Method returns REQUEST_METHOD, "GET" when absent.
func (r *Request) Method() string { return r.Environ.get("REQUEST_METHOD", "GET") }

// HTTPVersion returns SERVER_PROTOCOL, such as "HTTP/1.1".
func (r *Request) HTTPVersion() string { return r.Environ["SERVER_PROTOCOL"] }

// ScriptName returns SCRIPT_NAME: the part of the URL path that led to the
// application, percent-decoded.
//
// WebOb decodes it as UTF-8 and raises on invalid bytes; ScriptName returns
// the bytes as they are.
func (r *Request) ScriptName() string { return r.Environ["SCRIPT_NAME"] }

// PathInfo returns PATH_INFO: the rest of the URL path, percent-decoded.
// Like ScriptName it returns bytes that are not UTF-8 as they are.
func (r *Request) PathInfo() string { return r.Environ["PATH_INFO"] }

// QueryString returns QUERY_STRING, raw.
func (r *Request) QueryString() string { return r.Environ["QUERY_STRING"] }

// ServerName returns SERVER_NAME.
func (r *Request) ServerName() string { return r.Environ["SERVER_NAME"] }

// ServerPort returns SERVER_PORT.
func (r *Request) ServerPort() string { return r.Environ["SERVER_PORT"] }

// RemoteAddr returns REMOTE_ADDR, "" when absent.
func (r *Request) RemoteAddr() string { return r.Environ["REMOTE_ADDR"] }

// RemoteHost returns REMOTE_HOST (the client's host name, when the server
// looked it up), "" when absent.
func (r *Request) RemoteHost() string { return r.Environ["REMOTE_HOST"] }

// RemoteUser returns REMOTE_USER, "" when absent.
func (r *Request) RemoteUser() string { return r.Environ["REMOTE_USER"] }

// ClientAddr returns the first address of X-Forwarded-For when the header is
// present, else REMOTE_ADDR, as WebOb's client_addr. The header is sent by
// the client: trust it only behind a proxy that sets it.
func (r *Request) ClientAddr() string {
	if xff, ok := r.Environ["HTTP_X_FORWARDED_FOR"]; ok {
		first, _, _ := strings.Cut(xff, ",")
		return strings.TrimSpace(first)
	}
	return r.Environ["REMOTE_ADDR"]
}

// UserAgent returns the User-Agent header.
func (r *Request) UserAgent() string { return r.Environ["HTTP_USER_AGENT"] }

// Referer returns the Referer header.
func (r *Request) Referer() string { return r.Environ["HTTP_REFERER"] }

// IsXHR reports whether X-Requested-With is "XMLHttpRequest".
func (r *Request) IsXHR() bool { return r.Environ["HTTP_X_REQUESTED_WITH"] == "XMLHttpRequest" }

// ContentType returns CONTENT_TYPE without its parameters, as WebOb's
// content_type: "text/html; charset=UTF-8" gives "text/html". Neither case
// nor spaces are changed.
func (r *Request) ContentType() string {
	ct, _, _ := strings.Cut(r.Environ["CONTENT_TYPE"], ";")
	return ct
}

// SetContentType sets CONTENT_TYPE. As in WebOb, a value without parameters
// keeps the parameters of the current one.
func (r *Request) SetContentType(v string) {
	if !strings.Contains(v, ";") {
		if _, params, ok := strings.Cut(r.Environ["CONTENT_TYPE"], ";"); ok {
			v += ";" + params
		}
	}
	r.Environ["CONTENT_TYPE"] = v
}

// Charset returns the charset parameter of CONTENT_TYPE, "UTF-8" when there
// is none or when it is any spelling of UTF-8.
func (r *Request) Charset() string {
	cs := detectCharset(r.Environ["CONTENT_TYPE"])
	if cs == "" || isUTF8Name(cs) {
		return "UTF-8"
	}
	return cs
}

// detectCharset finds the first ";\s*charset=" (any case) in a content type
// and returns its value up to the next ';', unquoted and trimmed, as WebOb's
// CHARSET_RE does.
func detectCharset(ct string) string {
	for i := 0; i < len(ct); i++ {
		if ct[i] != ';' {
			continue
		}
		j := i + 1
		for j < len(ct) && isPySpace(ct[j]) {
			j++
		}
		if len(ct)-j >= 8 && strings.EqualFold(ct[j:j+8], "charset=") {
			v := ct[j+8:]
			if k := strings.IndexByte(v, ';'); k >= 0 {
				v = v[:k]
			}
			return strings.TrimSpace(strings.Trim(v, `"`))
		}
	}
	return ""
}

// isUTF8Name reports whether cs spells UTF-8 in any case, with or without
// '-', as WebOb's _is_utf8. It does not allocate: Charset is on every
// request's path.
func isUTF8Name(cs string) bool {
	const want = "utf8"
	j := 0
	for i := 0; i < len(cs); i++ {
		c := cs[i] | 0x20
		if cs[i] == '-' {
			continue
		}
		if j >= len(want) || c != want[j] {
			return false
		}
		j++
	}
	return j == len(want)
}

func isPySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// GET returns the query string parsed into a MultiDict, as WebOb's GET:
// '&' and ';' separate pairs, '+' is a space, bad percent escapes are kept
// as they are. The result is cached until QUERY_STRING changes.
//
// A query that is not UTF-8 gives a *DecodeError (WebOb raises
// UnicodeDecodeError); one longer than Limits.MaxQueryBytes or with more
// than Limits.MaxFormKeys pairs gives a *TooLargeError. On error the
// returned MultiDict is empty, never nil.
func (r *Request) GET() (*MultiDict, error) {
	qs := r.QueryString()
	if r.get.md != nil && r.get.src == qs {
		return r.get.md, r.getErr()
	}
	lim := r.Limits.effective()
	var items []Item
	var err error
	if lim.MaxQueryBytes >= 0 && len(qs) > lim.MaxQueryBytes {
		err = &TooLargeError{What: "query string", Limit: int64(lim.MaxQueryBytes)}
	} else {
		items, err = parseQuery(qs, lim.MaxFormKeys, r.scratch)
	}
	// A MultiDict handed out before must not change under its holder:
	// only the first parse uses the storage inside r.
	md := &r.get.first
	if r.get.md != nil {
		md = &MultiDict{}
	}
	md.items = items
	r.get.src, r.get.md = qs, md
	if err != nil || r.more != nil {
		r.parts().getErr = err
	}
	return md, err
}

// getErr returns the error of the query parse r.get holds.
func (r *Request) getErr() error {
	if r.more == nil {
		return nil
	}
	return r.more.getErr
}

// Params returns GET and POST together, as WebOb's params. Its error is the
// first of GET's and POST's.
func (r *Request) Params() (Params, error) {
	get, gerr := r.GET()
	post, perr := r.POST()
	if gerr != nil {
		return Params{GET: get, POST: post}, gerr
	}
	return Params{GET: get, POST: post}, perr
}

// Copy returns a request with a copy of the Environ and of the body, so that
// reading or changing one does not affect the other, as WebOb's copy().
// Reading the body of r for the copy may fail; the error is returned.
func (r *Request) Copy() (*Request, error) {
	c := &Request{Environ: r.Environ.Clone(), Limits: r.Limits}
	b, err := r.Body()
	if err != nil {
		return nil, err
	}
	c.setBuffer(append([]byte(nil), b...))
	return c, nil
}

// CopyGET returns a copy of r made into a GET without a body, as WebOb's
// copy_get: the environ is copied, REQUEST_METHOD is GET, CONTENT_TYPE is
// removed and the body is empty (CONTENT_LENGTH 0). r's body is not read.
func (r *Request) CopyGET() *Request {
	env := r.Environ.Clone()
	env["REQUEST_METHOD"] = "GET"
	delete(env, "CONTENT_TYPE")
	c := &Request{Environ: env, Limits: r.Limits, ctx: r.ctx, http: r.http}
	c.SetBody(nil)
	return c
}
