package bench

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// HelloWebOb is the seed's WebOb form page (hello_webob.py) written with
// net/http alone. For an application mounted at the root, a GET with a
// query or a POST of an urlencoded form, it answers byte for byte what
// examples/pages.HelloWebOb answers through webob.Handle (TestHelloWebOb
// checks it): the same HTML, the params in order (query first, then the
// form), "first" and "last name" from the last value of the query or else
// of the form, all escaped as Python's html.escape escapes.
func HelloWebOb(w http.ResponseWriter, r *http.Request) {
	params := splitPairs(nil, r.URL.RawQuery, "&;")
	nGET := len(params)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
			if err != nil {
				http.Error(w, "cannot read body", http.StatusBadRequest)
				return
			}
			params = splitPairs(params, string(body), "&")
		}
	}
	get := func(key string) string {
		for _, part := range [][]pair{params[:nGET], params[nGET:]} {
			for i := len(part) - 1; i >= 0; i-- {
				if part[i].k == key {
					return part[i].v
				}
			}
		}
		return ""
	}
	host := r.Host
	if h, ok := strings.CutSuffix(host, ":80"); ok {
		host = h
	}
	var b strings.Builder
	b.WriteString("<html><head><title>Hello WebOb</title></head><body>\n<form method=\"POST\" action=\"")
	b.WriteString(pyHTMLEscaper.Replace("http://" + host + r.URL.EscapedPath()))
	b.WriteString("\">\n<p>First name: <input type=\"text\" name=\"firstname\" value=\"")
	b.WriteString(pyHTMLEscaper.Replace(get("firstname")))
	b.WriteString("\"></p>\n<p>Last name: <input type=\"text\" name=\"lastname\" value=\"")
	b.WriteString(pyHTMLEscaper.Replace(get("lastname")))
	b.WriteString("\"></p>\n<input type=\"submit\" value=\"Send\">\n</form>\n<p>Path info: ")
	b.WriteString(pyHTMLEscaper.Replace(r.URL.Path))
	b.WriteString("</p>\n<ul>")
	for _, p := range params {
		b.WriteString("<li>")
		b.WriteString(pyHTMLEscaper.Replace(p.k))
		b.WriteString(" = ")
		b.WriteString(pyHTMLEscaper.Replace(p.v))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n</body></html>")
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	io.WriteString(w, b.String())
}

// pair is one decoded key and value.
type pair struct{ k, v string }

// splitPairs appends the pairs of an urlencoded string, in order, split on
// any byte of seps; empty pairs are skipped and a bad escape is kept as is.
func splitPairs(dst []pair, s, seps string) []pair {
	for s != "" {
		var p string
		if i := strings.IndexAny(s, seps); i >= 0 {
			p, s = s[:i], s[i+1:]
		} else {
			p, s = s, ""
		}
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		dst = append(dst, pair{unescape(k), unescape(v)})
	}
	return dst
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// pyHTMLEscaper escapes as Python's html.escape(s, quote=True).
var pyHTMLEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;")
