package middleware

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gowebob/gowebob/internal/httplex"
)

// CORSOptions configures CORS. The zero value allows no origin.
type CORSOptions struct {
	// AllowedOrigins are the origins allowed to make cross-origin requests,
	// as browsers send them: scheme, host and port if not the default,
	// such as "https://app.example.com". They are compared ignoring case.
	// "*" allows every origin, answered with a literal
	// "Access-Control-Allow-Origin: *" (the origin is never echoed for it),
	// and cannot be combined with AllowCredentials. If empty, no origin is
	// allowed.
	AllowedOrigins []string

	// AllowedMethods are the methods a preflight request may ask for.
	// If empty, GET, HEAD and POST.
	AllowedMethods []string

	// AllowedHeaders are the request headers a preflight request may ask
	// for, compared ignoring case; "*" allows any. If empty, Accept,
	// Accept-Language, Content-Language and Content-Type.
	AllowedHeaders []string

	// ExposedHeaders are the response headers scripts may read beyond the
	// CORS-safelisted ones. If empty, none.
	ExposedHeaders []string

	// AllowCredentials lets the browser send cookies and read the response
	// of a credentialed request (Access-Control-Allow-Credentials: true).
	AllowCredentials bool

	// MaxAge is how long a browser may cache a preflight answer, rounded
	// down to seconds. If zero, no Access-Control-Max-Age is sent and the
	// browser's default (5 seconds) applies; if negative, "0" is sent,
	// which disables caching.
	MaxAge time.Duration
}

// CORS returns a middleware that answers cross-origin requests as the
// Fetch standard's CORS protocol asks, for the origins of an explicit
// allow list:
//
//   - A preflight request (OPTIONS with Origin and
//     Access-Control-Request-Method) is answered with 204 No Content and
//     not passed on. If the origin, the method and every requested header
//     are allowed, the answer carries Access-Control-Allow-Origin,
//     -Methods, -Headers, -Credentials and -Max-Age; otherwise it carries
//     none, and the browser refuses the request.
//   - Another request with an allowed Origin gets
//     Access-Control-Allow-Origin (and -Credentials, -Expose-Headers) and
//     goes on to the handler; one with another Origin, or none, goes on
//     without them.
//
// Every response gets "Vary: Origin", and preflight answers also vary on
// Access-Control-Request-Method and -Headers, so that caches keep them
// apart.
//
// CORS panics if AllowedOrigins has "*" and AllowCredentials is set, which
// browsers reject.
func CORS(opts CORSOptions) func(http.Handler) http.Handler {
	c := &cors{credentials: opts.AllowCredentials}
	for _, o := range opts.AllowedOrigins {
		if o == "*" {
			c.anyOrigin = true
			continue
		}
		c.origins = append(c.origins, strings.TrimSuffix(o, "/"))
	}
	if c.anyOrigin && c.credentials {
		panic("middleware: CORS: AllowedOrigins \"*\" cannot be used with AllowCredentials")
	}
	methods := opts.AllowedMethods
	if len(methods) == 0 {
		methods = []string{"GET", "HEAD", "POST"}
	}
	c.methods = methods
	c.allowMethods = strings.Join(methods, ", ")
	headers := opts.AllowedHeaders
	if len(headers) == 0 {
		headers = []string{"Accept", "Accept-Language", "Content-Language", "Content-Type"}
	}
	for _, h := range headers {
		if h == "*" {
			c.anyHeader = true
		}
	}
	c.headers = headers
	c.allowHeadersValue = strings.Join(headers, ", ")
	c.expose = strings.Join(opts.ExposedHeaders, ", ")
	switch {
	case opts.MaxAge > 0:
		c.maxAge = strconv.FormatInt(int64(opts.MaxAge/time.Second), 10)
	case opts.MaxAge < 0:
		c.maxAge = "0"
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.serve(next, w, r)
		})
	}
}

// cors is CORSOptions prepared for requests: the header values are built
// once.
type cors struct {
	origins      []string
	anyOrigin    bool
	methods      []string
	allowMethods string
	headers      []string
	anyHeader    bool
	// allowHeadersValue is headers joined, sent in preflight answers.
	allowHeadersValue string
	expose            string
	credentials       bool
	maxAge            string
}

func (c *cors) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	addVary(h, "Origin")
	origin := r.Header.Get("Origin")
	reqMethod := r.Header.Get("Access-Control-Request-Method")
	if r.Method == http.MethodOptions && origin != "" && reqMethod != "" {
		addVary(h, "Access-Control-Request-Method")
		addVary(h, "Access-Control-Request-Headers")
		reqHeaders := strings.Join(r.Header.Values("Access-Control-Request-Headers"), ",")
		if c.allowOrigin(origin) && c.allowMethod(reqMethod) && c.allowHeaders(reqHeaders) {
			c.setOrigin(h, origin)
			h.Set("Access-Control-Allow-Methods", c.allowMethods)
			switch {
			case !c.anyHeader:
				h.Set("Access-Control-Allow-Headers", c.allowHeadersValue)
			case trimOWS(reqHeaders) != "":
				// Any header is allowed, and these were checked to be
				// tokens: name them back ("*" is not a wildcard for
				// credentialed requests).
				h.Set("Access-Control-Allow-Headers", trimOWS(reqHeaders))
			}
			if c.maxAge != "" {
				h.Set("Access-Control-Max-Age", c.maxAge)
			}
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if origin != "" && c.allowOrigin(origin) {
		c.setOrigin(h, origin)
		if c.expose != "" {
			h.Set("Access-Control-Expose-Headers", c.expose)
		}
	}
	next.ServeHTTP(w, r)
}

func (c *cors) setOrigin(h http.Header, origin string) {
	if c.anyOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	if c.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
}

// allowOrigin reports whether origin is in the allow list.
func (c *cors) allowOrigin(origin string) bool {
	if c.anyOrigin {
		return true
	}
	for _, o := range c.origins {
		if strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// allowMethod reports whether a preflight may ask for method. Methods
// are case-sensitive.
func (c *cors) allowMethod(method string) bool {
	for _, m := range c.methods {
		if m == method {
			return true
		}
	}
	return false
}

// allowHeaders reports whether every header of the comma-separated list
// is allowed: a token, and in the allow list unless any is. It does not
// allocate.
func (c *cors) allowHeaders(list string) bool {
	for list != "" {
		var name string
		name, list, _ = strings.Cut(list, ",")
		if name = trimOWS(name); name == "" {
			continue
		}
		if !httplex.IsToken(name) {
			return false
		}
		if c.anyHeader {
			continue
		}
		ok := false
		for _, h := range c.headers {
			if strings.EqualFold(h, name) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
