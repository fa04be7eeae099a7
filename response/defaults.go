package response

import "strings"

// Defaults are the defaults of the Responses one application makes, as a
// WebOb Response subclass sets them with default_content_type,
// default_charset, default_body_encoding and default_conditional_response.
// Go has no subclassing: an application keeps one Defaults value and
// calls its New instead of the package's New. The zero value is WebOb's
// defaults, so Defaults{}.New() is New().
type Defaults struct {
	// ContentType is the Content-Type of a new Response, usually without a
	// charset ("application/json"). If empty, "text/html" is used;
	// NoContentType leaves the header out (default_content_type = None).
	ContentType   string
	NoContentType bool

	// Charset is appended ("; charset=" + Charset) to a ContentType that is
	// text-like (text/*, XML) and has no "charset=" yet. If empty, "UTF-8"
	// is used; NoCharset appends none (default_charset = None).
	Charset   string
	NoCharset bool

	// BodyEncoding is the charset Text and SetText use when the
	// Content-Type has none (default_body_encoding): an application/*
	// body, for example. If empty, DefaultBodyEncoding (UTF-8) is used.
	BodyEncoding string

	// ConditionalResponse is the ConditionalResponse field of a new
	// Response (default_conditional_response).
	ConditionalResponse bool
}

// New returns a Response as New does with d's defaults instead of WebOb's:
// 200 OK, the Content-Type d gives (with its charset, as WebOb's
// constructor adds it), "Content-Length: 0", an empty body, and d's body
// encoding and conditional-response setting.
func (d Defaults) New() *Response {
	if d == (Defaults{}) {
		return New()
	}
	r := &Response{status: "200 OK", ConditionalResponse: d.ConditionalResponse, bodyEncoding: d.BodyEncoding}
	r.header.fields = r.inline[:0]
	if !d.NoContentType {
		ct := d.ContentType
		if ct == "" {
			ct = "text/html"
		}
		cs := d.Charset
		if cs == "" {
			cs = DefaultCharset
		}
		if !d.NoCharset && !strings.Contains(ct, "charset=") && hasCharset(ct) {
			ct += "; charset=" + cs
		}
		r.header.fields = append(r.header.fields, Field{"Content-Type", ct})
	}
	r.header.fields = append(r.header.fields, Field{"Content-Length", "0"})
	return r
}
