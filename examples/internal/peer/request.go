package peer

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// DefaultHost is the Host header a Request sends when its Host is empty: both
// servers see the same one, so that URLs built from it compare equal.
const DefaultHost = "peer.example:8081"

// Request is one request sent to Apache and to the Go handler alike.
type Request struct {
	// Name identifies the request in failures and in known-difference maps.
	Name string
	// Method is the request method; "" means GET.
	Method string
	// Script, when set, replaces the script's path in the request line, to
	// send it percent-encoded ("/inspect%2Epy").
	Script string
	// Target is what follows the script's path in the request line, exactly
	// as sent: "/a//b/?x=1&x=2", "?q", "" for the script itself.
	Target string
	// Host is the Host header; "" means DefaultHost.
	Host string
	// Header holds extra header lines in order; a name may repeat.
	Header [][2]string
	// Body is the request body, sent with its Content-Length.
	Body string
}

// Send sends r to the application mounted at script ("/inspect.py") on the
// server at base ("http://127.0.0.1:8081") and returns the response with its
// body read.
func (r Request) Send(c *http.Client, base, script string) (*http.Response, []byte, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, nil, err
	}
	path, query, hasQuery := strings.Cut(r.Target, "?")
	// Opaque is written as the request-target verbatim, so that "//a//b/",
	// bad escapes and the like reach the server as they are.
	if r.Script != "" {
		script = r.Script
	}
	u.Opaque = script + path
	u.RawQuery = query
	u.ForceQuery = hasQuery && query == ""
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	hr, err := http.NewRequest(method, base, body)
	if err != nil {
		return nil, nil, err
	}
	hr.URL = u
	hr.Host = r.Host
	if hr.Host == "" {
		hr.Host = DefaultHost
	}
	for _, h := range r.Header {
		hr.Header.Add(h[0], h[1])
	}
	resp, err := c.Do(hr)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// String describes r for failure messages.
func (r Request) String() string {
	m := r.Method
	if m == "" {
		m = http.MethodGet
	}
	s := fmt.Sprintf("%s: %s %q", r.Name, m, r.Target)
	for _, h := range r.Header {
		s += fmt.Sprintf(" [%s: %s]", h[0], h[1])
	}
	if r.Body != "" {
		s += fmt.Sprintf(" body %q", r.Body)
	}
	return s
}

// Part is one part of a multipart body: a field, or a file when File is
// set (Filename may then be empty, as a browser sends an empty file input).
type Part struct {
	// Name is the field name of the Content-Disposition header.
	Name string
	// Content is the part's body.
	Content string
	// ContentType is the part's Content-Type header; "" leaves it out.
	ContentType string
	// File adds a filename parameter, Filename, to Content-Disposition.
	File     bool
	Filename string
}

// Boundary is the multipart boundary Multipart uses.
const Boundary = "peer-boundary-1234"

// Multipart returns a multipart/form-data body of parts with Boundary, and
// its Content-Type.
func Multipart(parts ...Part) (body, contentType string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if err := w.SetBoundary(Boundary); err != nil {
		panic(err)
	}
	for _, p := range parts {
		h := make(map[string][]string)
		disp := fmt.Sprintf(`form-data; name="%s"`, p.Name)
		if p.File {
			disp += fmt.Sprintf(`; filename="%s"`, p.Filename)
		}
		h["Content-Disposition"] = []string{disp}
		if p.ContentType != "" {
			h["Content-Type"] = []string{p.ContentType}
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			panic(err)
		}
		io.WriteString(pw, p.Content)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.String(), w.FormDataContentType()
}
