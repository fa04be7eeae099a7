package pages

import (
	"strings"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// HelloWebOb is the seed's WebOb form page (hello_webob.py): a form that
// posts to the request's path URL, with the first and last name fields filled
// from the params, the path info, and every param listed in order. Everything
// interpolated is escaped as Python's html.escape does, so the page is byte
// for byte what WebOb answers for the same request, with "Content-Type:
// text/html; charset=UTF-8".
//
// Where WebOb raises, HelloWebOb differs: a query string or form that cannot
// be decoded is the request package's error (a 400 through webob.Handle)
// where WebOb answers 500; an uploaded file is listed by its file name where
// html.escape fails on WebOb's FieldStorage; and a path that is not UTF-8 is
// shown as its bytes.
func HelloWebOb(req *request.Request) (*response.Response, error) {
	params, err := req.Params()
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(pageHead)
	writeForm(&b, req.PathURL(), params.Get("firstname"), params.Get("lastname"))
	b.WriteString("<p>Path info: ")
	b.WriteString(htmlEscape(req.PathInfo()))
	b.WriteString("</p>\n<ul>")
	for _, it := range params.Items() {
		b.WriteString("<li>")
		b.WriteString(htmlEscape(it.Key))
		b.WriteString(" = ")
		b.WriteString(htmlEscape(it.Value))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n</body></html>")
	resp := response.New()
	if err := resp.SetText(b.String()); err != nil {
		return nil, err
	}
	return resp, nil
}

// pageHead starts the hello_webob pages.
const pageHead = "<html><head><title>Hello WebOb</title></head><body>\n"

// writeForm writes the hello_webob form posting to action, with the names
// filled in, escaped.
func writeForm(b *strings.Builder, action, first, last string) {
	b.WriteString("<form method=\"POST\" action=\"")
	b.WriteString(htmlEscape(action))
	b.WriteString("\">\n<p>First name: <input type=\"text\" name=\"firstname\" value=\"")
	b.WriteString(htmlEscape(first))
	b.WriteString("\"></p>\n<p>Last name: <input type=\"text\" name=\"lastname\" value=\"")
	b.WriteString(htmlEscape(last))
	b.WriteString("\"></p>\n<input type=\"submit\" value=\"Send\">\n</form>\n")
}

// pyHTMLEscaper escapes as Python's html.escape(s, quote=True). It differs
// from html.EscapeString, which writes &#39; and &#34;.
var pyHTMLEscaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&quot;",
	"'", "&#x27;",
)

// htmlEscape returns s escaped as Python's html.escape(s) escapes it.
func htmlEscape(s string) string { return pyHTMLEscaper.Replace(s) }
