// Package pyurl ports the parts of Python 3.11's urllib.parse that WebOb's
// URL handling rests on: urlparse, urlunparse and urljoin. WebOb resolves
// relative URLs (Request.relative_url, Location headers) with urljoin, whose
// rules differ from net/url's ResolveReference: it keeps dot segments in a
// base when the reference has no path, drops empty segments when merging
// and does not validate ports.
package pyurl

import "strings"

// Join resolves ref against base like Python 3.11's urllib.parse.urljoin,
// which WebOb's relative_url uses. It differs from net/url's
// ResolveReference: it keeps dot segments in the base when ref has no path,
// drops empty segments from relative merges and does not validate ports.
func Join(base, ref string) string {
	if base == "" {
		return ref
	}
	if ref == "" {
		return base
	}
	b := Parse(base, "")
	u := Parse(ref, b.Scheme)
	if u.Scheme != b.Scheme || !pyUsesRelative(u.Scheme) {
		return ref
	}
	if u.Netloc != "" {
		return u.String()
	}
	u.Netloc = b.Netloc
	if u.Path == "" && u.Params == "" {
		u.Path, u.Params = b.Path, b.Params
		if u.Query == "" {
			u.Query = b.Query
		}
		return u.String()
	}
	baseParts := strings.Split(b.Path, "/")
	if baseParts[len(baseParts)-1] != "" {
		baseParts = baseParts[:len(baseParts)-1]
	}
	var segments []string
	if strings.HasPrefix(u.Path, "/") {
		segments = strings.Split(u.Path, "/")
	} else {
		segments = append(baseParts, strings.Split(u.Path, "/")...)
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
	u.Path = strings.Join(resolved, "/")
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// URL is the result of Python's urlparse: six parts, Params being what
// follows ';' in the last path segment.
type URL struct {
	Scheme, Netloc, Path, Params, Query, Fragment string
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

// HasScheme reports whether urlsplit finds a scheme in s: a letter, then
// letters, digits, '+', '-' or '.', then ':'.
func HasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || !('a' <= s[0]|0x20 && s[0]|0x20 <= 'z') {
		return false
	}
	for j := 1; j < i; j++ {
		if !isSchemeChar(s[j]) {
			return false
		}
	}
	return true
}

// Parse is Python 3.11's urlparse(s, scheme) for the parts urljoin
// needs, including its removal of leading blanks and of tab, CR and LF.
func Parse(s, scheme string) URL {
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(s)
	var u URL
	u.Scheme = strings.TrimLeft(scheme, " \t")
	if HasScheme(s) {
		i := strings.IndexByte(s, ':')
		u.Scheme, s = strings.ToLower(s[:i]), s[i+1:]
	}
	if strings.HasPrefix(s, "//") {
		end := len(s)
		if i := strings.IndexAny(s[2:], "/?#"); i >= 0 {
			end = i + 2
		}
		u.Netloc, s = s[2:end], s[end:]
	}
	s, u.Fragment, _ = strings.Cut(s, "#")
	s, u.Query, _ = strings.Cut(s, "?")
	u.Path = s
	if pyUsesParams(u.Scheme) && strings.Contains(s, ";") {
		i := -1
		if slash := strings.LastIndexByte(s, '/'); slash >= 0 {
			if j := strings.IndexByte(s[slash:], ';'); j >= 0 {
				i = slash + j
			}
		} else {
			i = strings.IndexByte(s, ';')
		}
		if i >= 0 {
			u.Path, u.Params = s[:i], s[i+1:]
		}
	}
	return u
}

// String is Python's urlunparse.
func (u URL) String() string {
	path := u.Path
	if u.Params != "" {
		path += ";" + u.Params
	}
	if u.Netloc != "" || (u.Scheme != "" && pyUsesNetloc(u.Scheme) && !strings.HasPrefix(path, "//")) {
		if path != "" && path[0] != '/' {
			path = "/" + path
		}
		path = "//" + u.Netloc + path
	}
	if u.Scheme != "" {
		path = u.Scheme + ":" + path
	}
	if u.Query != "" {
		path += "?" + u.Query
	}
	if u.Fragment != "" {
		path += "#" + u.Fragment
	}
	return path
}
