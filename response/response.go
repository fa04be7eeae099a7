package response

import (
	"io"
	"strings"
)

// Response is an HTTP response being built: a status, an ordered header
// list and a body, with WebOb's properties over them. It is an http.Handler
// that writes itself.
//
// Use New (or NewJSON) to get WebOb's defaults. The zero Response has status
// 200 OK, no headers and an empty body.
//
// A Response is not safe for concurrent mutation. Serving it concurrently
// (as a handler registered once) is safe when its body is in memory and
// nobody changes it meanwhile: ServeHTTP and Serve do not modify it. A
// body set with SetBodyReader or SetBodyFile can be served only once.
type Response struct {
	// ConditionalResponse makes ServeHTTP, Serve and ForRequest answer
	// GET and HEAD requests as WebOb's conditional_response_app does:
	// 304 Not Modified for a matching If-None-Match or If-Modified-Since,
	// 206 Partial Content for a satisfiable Range (only its first range) and
	// 416 for an unsatisfiable one. False, the default, serves the response
	// as it is.
	ConditionalResponse bool

	// MultipartRanges makes a conditional response answer a Range header
	// of several ranges with all of them, as one 206
	// multipart/byteranges body (RFC 9110 §14.6), where WebOb serves only
	// the first. It applies to a body held in memory (a streaming body
	// still gets the first range), and ranges whose total size exceeds
	// the body's are answered with the whole body, against a client that
	// asks for the same bytes many times. False, the default, is WebOb's
	// behaviour.
	MultipartRanges bool

	status string    // "200 OK"; "" means "200 OK"
	header Header    // the headerlist
	body   []byte    // the body, when it is in memory (reader == nil)
	text   string    // a body set by SetText in UTF-8 or ASCII, not copied: body is then empty
	reader io.Reader // a streaming body, nil when the body is in memory

	// bodyEncoding is the charset of text without a Content-Type charset;
	// "" means DefaultBodyEncoding (see Defaults.BodyEncoding).
	bodyEncoding string

	// inline backs the first header fields, so that New allocates once.
	inline [2]Field

	// Storage for the strings serving a Response makes, each handed out
	// once (see lend.go).
	vals       [2]string // the value slices of w.Header()
	valsLent   uint32    // atomic: concurrent serves of one Response race for vals
	digits     [19]byte  // a Content-Length: an int64 has at most 19 digits
	digitsLent bool
}

// New returns a Response with WebOb's defaults: 200 OK,
// "Content-Type: text/html; charset=UTF-8", "Content-Length: 0" and an
// empty body.
func New() *Response {
	r := &Response{status: "200 OK"}
	r.inline[0] = Field{"Content-Type", htmlDefault}
	r.inline[1] = Field{"Content-Length", "0"}
	r.header.fields = r.inline[:2]
	return r
}

// NewJSON returns a Response whose body is v encoded as WebOb's
// Response(json_body=v) encodes it (see SetJSON), with
// "Content-Type: application/json" (no charset, as WebOb) and the
// Content-Length.
func NewJSON(v any) (*Response, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return nil, err
	}
	r := &Response{status: "200 OK", body: b}
	r.inline[0] = Field{"Content-Type", "application/json"}
	r.inline[1] = Field{"Content-Length", r.itoa(int64(len(b)))}
	r.header.fields = r.inline[:2]
	return r, nil
}

// Header returns the response's header list. Changes to it change the
// response.
func (r *Response) Header() *Header { return &r.header }

// Clone returns a copy of r with its own header list. An in-memory body is
// shared (bodies are never modified in place); a streaming body is read
// into memory first, as WebOb's copy() does, and both responses then hold
// it. An error reading it is returned with a nil Response.
func (r *Response) Clone() (*Response, error) {
	if r.reader != nil {
		if _, err := r.Body(); err != nil {
			return nil, err
		}
	}
	// Not *r: the storage handed out while serving stays with r.
	c := &Response{ConditionalResponse: r.ConditionalResponse, status: r.status, body: r.body, text: r.text, reader: r.reader, bodyEncoding: r.bodyEncoding}
	c.header = Header{fields: r.header.Fields()}
	return c, nil
}

// String returns the response as WebOb's str(resp) does: the status, one
// "Name: value" line per header, and, when the body is not empty, a blank
// line and the body decoded by the charset (UTF-8 by default), all joined
// with CRLF. There is no HTTP version. A streaming body is read into memory
// first; if reading it fails the body is left out.
func (r *Response) String() string {
	var b strings.Builder
	b.WriteString(r.Status())
	body, err := r.Body()
	for _, f := range r.header.fields {
		b.WriteString("\r\n")
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
	}
	if err == nil && len(body) > 0 {
		b.WriteString("\r\n\r\n")
		if text, err := decodeText(body, r.textCharset()); err == nil {
			b.WriteString(text)
		} else {
			b.Write(body)
		}
	}
	return b.String()
}
