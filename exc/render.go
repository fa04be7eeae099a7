package exc

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Renderer turns an HTTPError into a response, as WebOb's
// WSGIHTTPException.__call__ and generate_response do. The zero Renderer
// (and a nil *Renderer) renders byte for byte as WebOb 1.8 does, except
// that comments are left out (see ShowComment).
//
// An application that wants its own templates everywhere keeps one
// Renderer and renders its errors with it (Response, Error); there is no
// package-level setting to change. A Renderer must not be changed while it
// is in use.
type Renderer struct {
	// ShowComment renders HTTPError.Comment as WebOb does: in HTML as
	// "<!-- comment -->", and in JSON and plain text as text. False, the
	// default, leaves comments out of every body, because they usually
	// hold information meant for developers. (WebOb always renders them.)
	ShowComment bool

	// BodyTemplates replaces DefaultBodyTemplate for the status codes it
	// has. An HTTPError's own BodyTemplate takes precedence. If nil, the
	// defaults are used.
	BodyTemplates map[int]string

	// HTMLTemplate is the page of a text/html response, with ${status}
	// ("404 Not Found", HTML-escaped), ${title} (escaped too) and ${body}.
	// If empty, DefaultHTMLTemplate is used.
	HTMLTemplate string

	// PlainTemplate is the text/plain response, with ${status}, ${title}
	// and ${body}. If empty, DefaultPlainTemplate is used.
	PlainTemplate string

	// JSON returns the value an application/json response encodes, given
	// the body (the body template expanded without escaping, tags kept),
	// the status line and the title: WebOb's json_formatter. The value is
	// encoded as response.NewJSON encodes it (compact); if that fails the
	// default is used. If nil, the body is
	// {"message": body, "code": status, "title": title}, encoded exactly as
	// Python's json.dumps does.
	JSON func(body, status, title string, req *request.Request) any

	// NoSniff adds "X-Content-Type-Options: nosniff" to generated bodies,
	// as net/http's Error does. WebOb does not send it; the default is
	// off.
	NoSniff bool
}

// Response returns the response e renders for req: the status, the
// header list in order and the body that WebOb's req.get_response(exc)
// gives, computed without changing e.
//
//   - 204, 205 and 304 have no body, Content-Type or Content-Length; a HEAD
//     request gets WebOb's header list ("Content-Type: text/html;
//     charset=UTF-8", "Content-Length: 0", then e.Headers) and no body.
//   - Otherwise the body is chosen by the request's Accept header as
//     WebOb's acceptable_offers(["text/html", "application/json"]) ranks
//     them: an HTML page, a JSON object (see Renderer.JSON), or, when
//     neither is acceptable, plain text. Beyond WebOb, a client that
//     prefers application/problem+json (named, above the other two) gets
//     an RFC 9457 problem details object: type "about:blank", title,
//     status, detail (the plain-text body on one line) and errors (the
//     Fields). Otherwise the plain text is the status, a blank line and the
//     body with its tags stripped. A request without an Accept header gets
//     plain text, as in WebOb (it reads the missing header as "", which
//     accepts nothing). The header list is e.Headers without Content-Type
//     and Content-Length, then Content-Length and Content-Type.
//   - The body template (e.BodyTemplate, else the Renderer's
//     BodyTemplates, else DefaultBodyTemplate) is expanded with
//     ${explanation}, ${detail}, ${comment} and ${html_comment}; templates
//     other than the plain default one (the redirect, 405, 406, 415 and 501
//     templates and every custom one) also see the request environ
//     (${REQUEST_METHOD}, ${HTTP_ACCEPT}) and e's header fields by
//     lower-cased name (${location}, ${allow}). In HTML every value is
//     HTML-escaped; in JSON and plain text nothing is.
//   - A redirect (300, 301, 302, 303, 305, 307, 308) has its Location made
//     absolute against the request's path URL and moved after the other
//     header fields. Unlike WebOb, a location starting with "//" and a host
//     (after leading blanks) stays on this host: "//evil.example/x" becomes
//     "http://host/%2fevil.example/x" rather than "http://evil.example/x",
//     as the response package does for any Location.
//   - Any other Location header is made absolute against the request URL,
//     as response.Response.ForRequest does.
//
// An e that cannot be sent (Code outside 200-599, a redirect location with
// CR or LF) renders as a 500 Internal Server Error with WebOb's default
// text, as would a nil e.
func (rd *Renderer) Response(e *HTTPError, req *request.Request) *response.Response {
	if rd == nil {
		rd = &Renderer{}
	}
	e = e.sendable()
	// New, then Reset: the header list starts in the Response's own
	// backing array instead of growing from nothing.
	resp := response.New()
	resp.Header().Reset()
	if err := resp.SetStatus(e.Status()); err != nil {
		resp.SetStatusCode(e.Code) // unreachable: title() is checked
	}

	extra := e.fields(req)

	h := resp.Header()
	switch {
	case isEmptyBody(e.Code):
		addFields(h, extra, true)
	case req.Environ["REQUEST_METHOD"] == "HEAD":
		h.Add("Content-Type", "text/html; charset=UTF-8")
		h.Add("Content-Length", "0")
		addFields(h, extra, false)
	default:
		body, ctype := rd.body(e, req, extra)
		resp.SetBody(body)
		// SetBody's Content-Length (its digits in the Response's own
		// storage) is added again below, in WebOb's order.
		length := h.Get("Content-Length")
		h.Reset()
		addFields(h, extra, true)
		h.Add("Content-Length", length)
		h.Add("Content-Type", ctype)
		if rd.NoSniff {
			h.Add("X-Content-Type-Options", "nosniff")
		}
	}
	if !h.Has("Location") {
		return resp
	}
	return resp.ForRequest(req)
}

// fields returns e's header fields as they are sent: for a redirect, the
// Location made absolute for req and moved to the end.
func (e *HTTPError) fields(req *request.Request) []response.Field {
	if !isMove(e.Code) {
		return e.Headers
	}
	location := e.resolveLocation(req)
	extra := make([]response.Field, 0, len(e.Headers)+1)
	for _, f := range e.Headers {
		if !strings.EqualFold(f.Name, "Location") {
			extra = append(extra, f)
		}
	}
	return append(extra, response.Field{Name: "Location", Value: location})
}

// addFields appends fields to h, leaving Content-Type and Content-Length
// out when skipBody is set.
func addFields(h *response.Header, fields []response.Field, skipBody bool) {
	for _, f := range fields {
		if skipBody && (strings.EqualFold(f.Name, "Content-Type") || strings.EqualFold(f.Name, "Content-Length")) {
			continue
		}
		h.Add(f.Name, f.Value)
	}
}

// sendable returns e, or the 500 Internal Server Error that stands for it
// when it cannot be sent.
func (e *HTTPError) sendable() *HTTPError {
	switch {
	case e == nil:
		return newError(http.StatusInternalServerError, "")
	case !validCode(e.Code):
		return newError(http.StatusInternalServerError, "")
	case isMove(e.Code) && e.AddSlash && e.rawLocation() != "":
		ae := newError(http.StatusInternalServerError, "")
		ae.Err = ErrAddSlashLocation
		return ae
	case isMove(e.Code) && !e.AddSlash && strings.ContainsAny(e.rawLocation(), "\r\n"):
		return invalidLocation(e.rawLocation())
	}
	return e
}

// body renders the body of e for req and returns it with its
// Content-Type.
func (rd *Renderer) body(e *HTTPError, req *request.Request, headers []response.Field) ([]byte, string) {
	return rd.bodyAs(Format(pickType(req)), e, req, headers)
}

// bodyAs renders the body of e for req in format f (plain text for any f
// it does not know) and returns it with its Content-Type.
func (rd *Renderer) bodyAs(f Format, e *HTTPError, req *request.Request, headers []response.Field) ([]byte, string) {
	switch f {
	case FormatHTML:
		body := rd.expand(e, req, headers, htmlEscape)
		if len(e.Fields) > 0 {
			body += "\n<ul>\n"
			for _, f := range e.Fields {
				body += "<li>" + htmlEscape(f.Message) + "</li>\n"
			}
			body += "</ul>"
		}
		page := fillPage(or(rd.HTMLTemplate, DefaultHTMLTemplate), htmlEscape(e.Status()), htmlEscape(e.title()), body)
		return []byte(page), "text/html; charset=UTF-8"
	case FormatJSON:
		body := rd.expand(e, req, headers, nil)
		if e.JSON != nil {
			jr := *rd
			jr.JSON = e.JSON
			return jr.json(body, e.Status(), e.title(), e.Fields, req), "application/json"
		}
		return rd.json(body, e.Status(), e.title(), e.Fields, req), "application/json"
	case FormatProblem:
		return rd.problem(e, req, headers), "application/problem+json"
	}
	body := stripTags(rd.expand(e, req, headers, nil))
	for _, f := range e.Fields {
		body += "\n- " + f.Message
	}
	text := fillPage(or(rd.PlainTemplate, DefaultPlainTemplate), e.Status(), e.title(), body)
	return []byte(text), "text/plain; charset=UTF-8"
}

// fillPage substitutes ${status}, ${title} and ${body} in a page template.
func fillPage(tmpl, status, title, body string) string {
	return substitute(tmpl, func(name string) (string, bool) {
		switch name {
		case "status":
			return status, true
		case "title":
			return title, true
		case "body":
			return body, true
		}
		return "", false
	})
}

// pageTypes are the types an error page is offered in, in order.
// application/problem+json comes last, so that only a client that names it
// (above the others) gets it: every Accept header WebOb answers with HTML
// or JSON is answered the same.
var pageTypes = []string{"text/html", "application/json", "application/problem+json"}

// pickType returns the first of pageTypes that the request's Accept header
// accepts best, "" for none. A missing header is read
// as "" (accepts nothing), as WebOb's environ.get("HTTP_ACCEPT", "").
func pickType(req *request.Request) string {
	t, _ := header.ParseAccept(req.Environ["HTTP_ACCEPT"]).Preferred(pageTypes)
	return t
}

// expand expands the body template of e (WebOb's _make_body), escaping
// every value with escape (nil for none).
func (rd *Renderer) expand(e *HTTPError, req *request.Request, headers []response.Field, escape func(string) string) string {
	if escape == nil {
		escape = func(s string) string { return s }
	}
	tmpl, custom := rd.template(e)
	comment := ""
	if rd.ShowComment {
		comment = e.Comment
	}
	return substitute(tmpl, func(name string) (string, bool) {
		if custom {
			// WebOb adds the environ, then the headers by lower-cased
			// name, over the four names below: later entries win.
			for i := len(headers) - 1; i >= 0; i-- {
				if lowerEqual(headers[i].Name, name) {
					return escape(headers[i].Value), true
				}
			}
			if v, ok := req.Environ[name]; ok {
				return escape(v), true
			}
		}
		switch name {
		case "explanation":
			return escape(e.Explanation), true
		case "detail":
			return escape(e.Detail), true
		case "comment":
			return escape(comment), true
		case "html_comment":
			if comment == "" {
				return "", true
			}
			return "<!-- " + escape(comment) + " -->", true
		}
		return "", false
	})
}

// lowerEqual reports whether strings.ToLower(header) == name, which is how
// WebOb keys header fields for templates.
func lowerEqual(header, name string) bool {
	if len(header) != len(name) {
		return false
	}
	for i := 0; i < len(header); i++ {
		c := header[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// template returns the body template for e and whether WebOb would treat
// it as custom (anything but WSGIHTTPException's own template), which
// exposes the environ and headers to it.
func (rd *Renderer) template(e *HTTPError) (tmpl string, custom bool) {
	if e.BodyTemplate != "" {
		return e.BodyTemplate, true
	}
	if t, ok := rd.BodyTemplates[e.Code]; ok {
		return t, true
	}
	t := DefaultBodyTemplate(e.Code)
	return t, t != baseBodyTemplate
}

// json encodes the JSON body.
func (rd *Renderer) json(body, status, title string, fields []FieldError, req *request.Request) []byte {
	if rd.JSON != nil {
		if r, err := response.NewJSON(rd.JSON(body, status, title, req)); err == nil {
			if b, err := r.Body(); err == nil {
				return b
			}
		}
	}
	b := make([]byte, 0, len(body)+len(status)+len(title)+48)
	b = append(b, `{"message": `...)
	b = appendJSONString(b, body)
	b = append(b, `, "code": `...)
	b = appendJSONString(b, status)
	b = append(b, `, "title": `...)
	b = appendJSONString(b, title)
	if len(fields) > 0 {
		b = append(b, `, "errors": [`...)
		for i, f := range fields {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, `{"field": `...)
			b = appendJSONString(b, f.Field)
			b = append(b, `, "rule": `...)
			b = appendJSONString(b, f.Rule)
			b = append(b, `, "message": `...)
			b = appendJSONString(b, f.Message)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// problemDetails is an RFC 9457 problem details object.
type problemDetails struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
}

// problem encodes the RFC 9457 body of e: type about:blank (the status
// says it all), the title, the status code, the plain-text body as detail
// and the field errors. WebOb has no such body.
func (rd *Renderer) problem(e *HTTPError, req *request.Request, headers []response.Field) []byte {
	p := problemDetails{
		Type:   "about:blank",
		Title:  e.title(),
		Status: e.Code,
		Detail: strings.Join(strings.Fields(stripTags(rd.expand(e, req, headers, nil))), " "),
		Errors: e.Fields,
	}
	b, err := json.Marshal(p)
	if err != nil {
		return []byte(`{"type":"about:blank","status":500}`) // unreachable: plain strings
	}
	return b
}

// Error writes the response for err to w, rendered for r by rd:
// FromError(err), so that an *HTTPError anywhere in err's chain is sent as
// it is, a request error as its 4xx status, and anything else as a generic
// 500 Internal Server Error that does not reveal err. A nil err writes
// nothing. Logging err is up to the caller.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	rd.serve(w, r, FromError(err))
}

// serve writes e rendered for r.
func (rd *Renderer) serve(w http.ResponseWriter, r *http.Request, e *HTTPError) {
	req := request.FromHTTP(r, "")
	rd.Response(e, req).Serve(w, req)
}

// Error writes the response for err to w with the zero Renderer; see
// Renderer.Error. Like http.Error, it does not end the handler.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	(*Renderer)(nil).Error(w, r, err)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
