package exc

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// ErrInvalidLocation is the cause (HTTPError.Err) of the 500 Internal Server
// Error that the redirect constructors return for a location containing CR
// or LF, where WebOb raises ValueError("Control characters are not allowed
// in location"). A redirect whose Location is changed to such a value after
// construction renders as the same 500. It matches via errors.Is.
var ErrInvalidLocation = errors.New("exc: control characters are not allowed in location")

// ErrAddSlashLocation is the Err of the 500 Internal Server Error that a
// redirect with both AddSlash and a Location (the field or a header)
// renders as: it is the programmer's mistake, which WebOb refuses with
// TypeError, and which is not answered by guessing which was meant. It
// matches via errors.Is.
var ErrAddSlashLocation = errors.New("exc: a redirect cannot have both AddSlash and a Location")

// HTTPError is an HTTP response that is also an error: WebOb's
// webob.exc.WSGIHTTPException and all its subclasses in one type. Return it
// from a handler, or serve it: it is an http.Handler that renders itself
// for the request's Accept header (see Renderer).
//
// Every status has a constructor (NotFound, Found, MethodNotAllowed, ...,
// or New for any code) that fills Code, Title and Explanation as WebOb's
// class does. Because there is one type, a single errors.As finds any of
// them through wrapping:
//
//	var he *exc.HTTPError
//	if errors.As(err, &he) { ... he.Code ... }
//
// The fields split what the client sees from what only the server should
// know: Detail, Explanation and (when the Renderer asks for it) Comment are
// rendered; Err is the internal cause, for logging, and is never rendered.
//
// An HTTPError is not modified by rendering, so a value may be shared and
// served concurrently as long as nobody changes its fields meanwhile. The
// With methods return changed copies.
type HTTPError struct {
	// Code is the HTTP status code, 200-599.
	Code int

	// Title is the reason phrase of the status line ("Not Found"). If
	// empty, or if it contains control characters, WebOb's title for Code
	// is used. Note that WebOb's titles differ from net/http's for 414
	// ("Request-URI Too Long"), 416 and 451.
	Title string

	// Explanation is the fixed, plain-text sentence of the status (WebOb's
	// class attribute explanation). The constructors set it; rendering
	// uses it as it is, so an empty Explanation renders none.
	Explanation string

	// Detail is the plain-text message for this occurrence, shown after
	// the explanation. It is HTML-escaped in HTML bodies. Do not put
	// internal information in it.
	Detail string

	// Comment is additional plain text that WebOb renders as an HTML
	// comment (and as text in the plain-text body). It is rendered only
	// when the Renderer's ShowComment is set.
	Comment string

	// Headers are extra header fields, in order, sent after WebOb's own
	// (Content-Type and Content-Length are replaced by those of the
	// generated body; see Renderer.Response).
	Headers []response.Field

	// Location is where a redirect (300, 301, 302, 303, 305, 307, 308)
	// points. A relative value is resolved against the request's path
	// URL, as WebOb's urljoin(req.path_url, location) does; an empty one
	// means the last Location in Headers, or else the request's path URL.
	// A leading "//" stays on this host (see Renderer.Response). Location
	// is not used for other codes; add a Location header for those.
	Location string

	// AddSlash makes a redirect point to the request's path URL with a
	// "/" appended and the query string kept (WebOb's add_slash=True). It
	// cannot be combined with Location (see ErrAddSlashLocation).
	AddSlash bool

	// BodyTemplate replaces DefaultBodyTemplate(Code) and the Renderer's
	// BodyTemplates for this error. The empty string means no
	// replacement.
	BodyTemplate string

	// JSON, when set, is this error's WebOb json_formatter: it replaces
	// the Renderer's JSON (see Renderer.JSON) for this error only.
	JSON func(body, status, title string, req *request.Request) any

	// Fields are the per-field problems of a request that did not bind
	// (the bind package's Error; FromError copies them). They are
	// rendered after the body: an HTML list, one plain-text line each,
	// and "errors" in the default JSON object.
	Fields []FieldError

	// Err is the internal cause, returned by Unwrap, for logging. It is
	// never rendered.
	Err error
}

// FieldError is one field of a request that could not be bound or did not
// validate (bind.FieldError is this type). Its text is safe to show: it
// names the client's field, never the value the client sent.
type FieldError struct {
	// Field is the name of the field as the client sent it: its schema
	// tag name in a form or query string, its json tag name in a JSON
	// body, its header or path name for those fields; nested fields,
	// slice indexes and map keys are dot-separated ("items.0.name").
	Field string `json:"field"`

	// Rule is what failed: the validate tag ("required", "min", "email",
	// ...), or "type" for a value that does not convert, "unknown" for an
	// unknown key and "index" for a slice index above the binder's limit.
	Rule string `json:"rule"`

	// Message is a sentence for the client, such as "name is required."
	Message string `json:"message"`
}

// New returns the HTTPError for code with detail: the WebOb class's title
// and explanation when WebOb has a class for code, else the reason phrase
// of response.StatusText and the explanation of the class's base
// (HTTPClientError's for 4xx, HTTPServerError's for 5xx, none for 2xx and
// 3xx). The redirects among them redirect to the request URL until a
// Location is set; prefer Redirect for those.
//
// New panics if code is outside 200-599 (a programmer mistake, as
// net/http's WriteHeader treats one).
func New(code int, detail string) *HTTPError {
	mustCode("New", code)
	return newError(code, detail)
}

func newError(code int, detail string) *HTTPError {
	return &HTTPError{
		Code:        code,
		Title:       defaultTitle(code),
		Explanation: defaultExplanation(code),
		Detail:      detail,
	}
}

// Error returns the public message, as WebOb's str(exc) does: Detail, or
// Explanation when Detail is empty. When both are empty (204, say, where
// WebOb returns "") it returns the status line, "204 No Content". The
// internal cause is not included; see Unwrap.
//
// The methods of HTTPError accept a nil receiver, which stands for a 500
// Internal Server Error.
func (e *HTTPError) Error() string {
	switch {
	case e == nil:
		return serverErrorExplanation
	case e.Detail != "":
		return e.Detail
	case e.Explanation != "":
		return e.Explanation
	}
	return e.Status()
}

// Unwrap returns Err, the internal cause.
func (e *HTTPError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// StatusCode returns Code, so that an HTTPError satisfies the same
// interface{ StatusCode() int } as the request package's errors.
func (e *HTTPError) StatusCode() int {
	if e == nil {
		return http.StatusInternalServerError
	}
	return e.Code
}

// Status returns the status line without the HTTP version: Code and the
// title, "404 Not Found".
func (e *HTTPError) Status() string {
	if e == nil {
		return "500 Internal Server Error"
	}
	if line, ok := statusLines[e.Code]; ok && (e.Title == "" || e.Title == defaultTitle(e.Code)) {
		return line
	}
	return strconv.Itoa(e.Code) + " " + e.title()
}

// statusLines holds the status line of every code with a class, built once:
// Status is called several times for each rendered error.
var statusLines = func() map[int]string {
	m := make(map[int]string, len(statuses))
	for code, s := range statuses {
		m[code] = strconv.Itoa(code) + " " + s.title
	}
	return m
}()

// title returns Title, or the default title when Title is empty or could
// not be sent.
func (e *HTTPError) title() string {
	t := e.Title
	if t == "" || strings.ContainsFunc(t, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return defaultTitle(e.Code)
	}
	return t
}

// WithDetail returns a copy of e with Detail set to detail.
func (e *HTTPError) WithDetail(detail string) *HTTPError {
	c := e.clone()
	c.Detail = detail
	return c
}

// WithComment returns a copy of e with Comment set to comment.
func (e *HTTPError) WithComment(comment string) *HTTPError {
	c := e.clone()
	c.Comment = comment
	return c
}

// WithHeader returns a copy of e with the header field name: value
// appended to its Headers.
func (e *HTTPError) WithHeader(name, value string) *HTTPError {
	c := e.clone()
	c.Headers = append(slices.Clip(c.Headers), response.Field{Name: name, Value: value})
	return c
}

// WithErr returns a copy of e with Err, the internal cause, set to err.
func (e *HTTPError) WithErr(err error) *HTTPError {
	c := e.clone()
	c.Err = err
	return c
}

// clone returns a shallow copy of e (a new 500 for nil).
func (e *HTTPError) clone() *HTTPError {
	if e == nil {
		return newError(http.StatusInternalServerError, "")
	}
	c := *e
	return &c
}

// Response returns the response e renders for req with the zero Renderer:
// what WebOb's req.get_response(exc) returns. See Renderer.Response.
func (e *HTTPError) Response(req *request.Request) *response.Response {
	return (*Renderer)(nil).Response(e, req)
}

// ServeHTTP writes e to w as rendered for r by the zero Renderer (see
// Renderer.Response). A nil *HTTPError is served as a 500 Internal Server
// Error.
func (e *HTTPError) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*Renderer)(nil).serve(w, r, e)
}

var (
	_ error        = (*HTTPError)(nil)
	_ http.Handler = (*HTTPError)(nil)
)
