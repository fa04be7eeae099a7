package request

import (
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
	"github.com/gowebob/gowebob/internal/pyurl"
)

// pathSafe marks the bytes WebOb leaves unescaped when quoting a path:
// Python's always-safe set plus PATH_SAFE, "/~!$&'()*+,;=:@".
var pathSafe = httplex.NewSafeSet("/~!$&'()*+,;=:@")

// appendQuotedPath appends s to b percent-encoded as WebOb's
// url_quote(s, PATH_SAFE).
func appendQuotedPath(b []byte, s string) []byte { return httplex.AppendQuoted(b, s, pathSafe) }

// QuotePath percent-encodes a decoded path as WebOb does for path, path_url
// and friends.
func QuotePath(s string) string {
	for i := 0; i < len(s); i++ {
		if !pathSafe[s[i]] {
			return string(appendQuotedPath(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

// Scheme returns wsgi.url_scheme: "http" or "https".
func (r *Request) Scheme() string { return r.Environ["wsgi.url_scheme"] }

// Host returns the Host header verbatim, or "SERVER_NAME:SERVER_PORT" when
// there is none (the port is kept even when it is the default, as WebOb's
// host does).
func (r *Request) Host() string {
	if h, ok := r.Environ["HTTP_HOST"]; ok {
		return h
	}
	return r.Environ["SERVER_NAME"] + ":" + r.Environ["SERVER_PORT"]
}

// splitHostPort splits "host:port" at the last colon unless the host is a
// bracketed IPv6 literal without a port, as WebOb does.
func splitHostPort(h string) (host, port string, hasPort bool) {
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		return h[:i], h[i+1:], true
	}
	return h, "", false
}

// HostPort returns the effective port as a string: the port of the Host
// header, else 443 or 80 by scheme when there is a Host header, else
// SERVER_PORT.
func (r *Request) HostPort() string {
	h, ok := r.Environ["HTTP_HOST"]
	if !ok {
		return r.Environ["SERVER_PORT"]
	}
	if _, port, ok := splitHostPort(h); ok {
		return port
	}
	if r.Scheme() == "https" {
		return "443"
	}
	return "80"
}

// Domain returns Host without its port.
func (r *Request) Domain() string {
	host, _, _ := splitHostPort(r.Host())
	return host
}

// HostURL returns scheme://host[:port], with the port dropped when it is the
// scheme's default (80 for http, 443 for https).
func (r *Request) HostURL() string {
	return string(r.appendHostURL(make([]byte, 0, 64)))
}

func (r *Request) appendHostURL(b []byte) []byte {
	scheme := r.Scheme()
	var host, port string
	if h, ok := r.Environ["HTTP_HOST"]; ok {
		host, port, _ = splitHostPort(h)
	} else {
		host, port = r.Environ["SERVER_NAME"], r.Environ["SERVER_PORT"]
	}
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	b = append(b, scheme...)
	b = append(b, "://"...)
	b = append(b, host...)
	if port != "" {
		b = append(b, ':')
		b = append(b, port...)
	}
	return b
}

// ApplicationURL returns HostURL followed by the quoted SCRIPT_NAME: the URL
// of the application, without PATH_INFO or query.
func (r *Request) ApplicationURL() string {
	return string(appendQuotedPath(r.appendHostURL(make([]byte, 0, 96)), r.ScriptName()))
}

// PathURL returns ApplicationURL followed by the quoted PATH_INFO: the URL
// without the query string.
func (r *Request) PathURL() string {
	return string(r.appendPathURL(make([]byte, 0, 128)))
}

func (r *Request) appendPathURL(b []byte) []byte {
	b = appendQuotedPath(r.appendHostURL(b), r.ScriptName())
	return appendQuotedPath(b, r.PathInfo())
}

// URL returns the full request URL: PathURL plus "?QUERY_STRING" when the
// query string is not empty (the query is kept raw, not re-encoded).
func (r *Request) URL() string {
	b := r.appendPathURL(make([]byte, 0, 160))
	if qs := r.QueryString(); qs != "" {
		b = append(append(b, '?'), qs...)
	}
	return string(b)
}

// Path returns the quoted SCRIPT_NAME and PATH_INFO: the URL path without
// host or query.
func (r *Request) Path() string {
	return string(appendQuotedPath(appendQuotedPath(make([]byte, 0, 64), r.ScriptName()), r.PathInfo()))
}

// PathQS returns Path plus "?QUERY_STRING" when the query is not empty.
func (r *Request) PathQS() string {
	b := appendQuotedPath(appendQuotedPath(make([]byte, 0, 96), r.ScriptName()), r.PathInfo())
	if qs := r.QueryString(); qs != "" {
		b = append(append(b, '?'), qs...)
	}
	return string(b)
}

// RelativeURL resolves other against PathURL, or, when toApplication is
// true, against ApplicationURL with a trailing slash, as WebOb's
// relative_url does with urljoin. An other that is not a valid URL
// reference is returned unchanged.
func (r *Request) RelativeURL(other string, toApplication bool) string {
	base := r.PathURL()
	if toApplication {
		base = r.ApplicationURL()
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
	}
	return pyurl.Join(base, other)
}
