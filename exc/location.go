package exc

import (
	"fmt"
	"strings"

	"github.com/gowebob/gowebob/request"
)

// rawLocation returns the location a redirect was given: Location, else
// the last Location header field (what WebOb's self.location reads).
func (e *HTTPError) rawLocation() string {
	if e.Location != "" {
		return e.Location
	}
	for i := len(e.Headers) - 1; i >= 0; i-- {
		if strings.EqualFold(e.Headers[i].Name, "Location") {
			return e.Headers[i].Value
		}
	}
	return ""
}

// resolveLocation returns the absolute URL a redirect points to for req,
// as WebOb's _HTTPMove.__call__ computes it: with AddSlash, the path URL
// plus "/" and the query string; otherwise urljoin(req.path_url,
// location), an empty location being the path URL itself.
//
// Before joining, the location is cleaned as Python's urlsplit does (tab
// removed, leading C0 controls and spaces stripped), and a leading "//"
// that starts a network location becomes "/%2f", so that the result stays
// on this host: WebOb resolves "//evil.example/x" to
// "http://evil.example/x", this to "http://host/%2fevil.example/x".
// ("///x" has an empty network location and resolves to "http://host/x" in
// both.) The caller has refused CR and LF already.
func (e *HTTPError) resolveLocation(req *request.Request) string {
	if e.AddSlash {
		u := req.PathURL() + "/"
		if qs := req.Environ["QUERY_STRING"]; qs != "" {
			u += "?" + qs
		}
		return req.RelativeURL(u, false)
	}
	loc := strings.ReplaceAll(e.rawLocation(), "\t", "")
	loc = strings.TrimLeft(loc, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"+
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	if len(loc) > 2 && loc[0] == '/' && loc[1] == '/' && strings.IndexByte("/?#", loc[2]) < 0 {
		loc = "/%2f" + loc[2:] // "//host/x" names another host
	}
	return req.RelativeURL(loc, false)
}

// invalidLocation returns the 500 Internal Server Error that replaces a
// redirect to loc, which contains CR or LF.
func invalidLocation(loc string) *HTTPError {
	e := newError(500, "")
	e.Err = fmt.Errorf("%w: %q", ErrInvalidLocation, loc)
	return e
}
