package request

import (
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
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
	return urljoin(base, other)
}

// urljoin resolves ref against base like Python 3.11's urllib.parse.urljoin,
// which WebOb's relative_url uses. It differs from net/url's
// ResolveReference: it keeps dot segments in the base when ref has no path,
// drops empty segments from relative merges and does not validate ports.
func urljoin(base, ref string) string {
	if base == "" {
		return ref
	}
	if ref == "" {
		return base
	}
	b := pyURLParse(base, "")
	u := pyURLParse(ref, b.scheme)
	if u.scheme != b.scheme || !pyUsesRelative(u.scheme) {
		return ref
	}
	if u.netloc != "" {
		return u.String()
	}
	u.netloc = b.netloc
	if u.path == "" && u.params == "" {
		u.path, u.params = b.path, b.params
		if u.query == "" {
			u.query = b.query
		}
		return u.String()
	}
	baseParts := strings.Split(b.path, "/")
	if baseParts[len(baseParts)-1] != "" {
		baseParts = baseParts[:len(baseParts)-1]
	}
	var segments []string
	if strings.HasPrefix(u.path, "/") {
		segments = strings.Split(u.path, "/")
	} else {
		segments = append(baseParts, strings.Split(u.path, "/")...)
		if len(segments) > 2 {
			kept := []string{segments[0]}
			for _, s := range segments[1 : len(segments)-1] {
				if s != "" {
					kept = append(kept, s)
				}
			}
			segments = append(kept, segments[len(segments)-1])
		}
	}
	var resolved []string
	for _, seg := range segments {
		switch seg {
		case "..":
			if len(resolved) > 0 {
				resolved = resolved[:len(resolved)-1]
			}
		case ".":
		default:
			resolved = append(resolved, seg)
		}
	}
	if last := segments[len(segments)-1]; last == "." || last == ".." {
		resolved = append(resolved, "")
	}
	u.path = strings.Join(resolved, "/")
	if u.path == "" {
		u.path = "/"
	}
	return u.String()
}

// pyURL is the result of Python's urlparse: six parts, params being what
// follows ';' in the last path segment.
type pyURL struct {
	scheme, netloc, path, params, query, fragment string
}

func pyUsesRelative(scheme string) bool {
	switch scheme {
	case "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms",
		"prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss":
		return true
	}
	return false
}

func pyUsesNetloc(scheme string) bool {
	switch scheme {
	case "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
		"snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh",
		"ws", "wss":
		return true
	}
	return false
}

func pyUsesParams(scheme string) bool {
	switch scheme {
	case "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips",
		"mms", "sftp", "tel":
		return true
	}
	return false
}

func isSchemeChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}

// pyURLParse is Python 3.11's urlparse(s, scheme) for the parts urljoin
// needs, including its removal of leading blanks and of tab, CR and LF.
func pyURLParse(s, scheme string) pyURL {
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(s)
	var u pyURL
	u.scheme = strings.TrimLeft(scheme, " \t")
	if i := strings.IndexByte(s, ':'); i > 0 && ('a' <= s[0]|0x20 && s[0]|0x20 <= 'z') {
		ok := true
		for j := 0; j < i; j++ {
			if !isSchemeChar(s[j]) {
				ok = false
				break
			}
		}
		if ok {
			u.scheme, s = strings.ToLower(s[:i]), s[i+1:]
		}
	}
	if strings.HasPrefix(s, "//") {
		end := len(s)
		if i := strings.IndexAny(s[2:], "/?#"); i >= 0 {
			end = i + 2
		}
		u.netloc, s = s[2:end], s[end:]
	}
	s, u.fragment, _ = strings.Cut(s, "#")
	s, u.query, _ = strings.Cut(s, "?")
	u.path = s
	if pyUsesParams(u.scheme) && strings.Contains(s, ";") {
		i := -1
		if slash := strings.LastIndexByte(s, '/'); slash >= 0 {
			if j := strings.IndexByte(s[slash:], ';'); j >= 0 {
				i = slash + j
			}
		} else {
			i = strings.IndexByte(s, ';')
		}
		if i >= 0 {
			u.path, u.params = s[:i], s[i+1:]
		}
	}
	return u
}

// String is Python's urlunparse.
func (u pyURL) String() string {
	path := u.path
	if u.params != "" {
		path += ";" + u.params
	}
	if u.netloc != "" || (u.scheme != "" && pyUsesNetloc(u.scheme) && !strings.HasPrefix(path, "//")) {
		if path != "" && path[0] != '/' {
			path = "/" + path
		}
		path = "//" + u.netloc + path
	}
	if u.scheme != "" {
		path = u.scheme + ":" + path
	}
	if u.query != "" {
		path += "?" + u.query
	}
	if u.fragment != "" {
		path += "#" + u.fragment
	}
	return path
}
