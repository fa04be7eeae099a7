package response

import (
	"net/http"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// requestURI is WebOb's _request_uri for an environ: scheme, host (from
// HTTP_HOST, else SERVER_NAME:SERVER_PORT, without a default port) and the
// percent-quoted SCRIPT_NAME and PATH_INFO. The query string is not part of
// it.
func requestURI(env map[string]string) string {
	scheme := env["wsgi.url_scheme"]
	b := make([]byte, 0, 64)
	b = append(b, scheme...)
	b = append(b, "://"...)
	if h := env["HTTP_HOST"]; h != "" {
		b = append(b, h...)
	} else {
		b = append(b, env["SERVER_NAME"]...)
		b = append(b, ':')
		b = append(b, env["SERVER_PORT"]...)
	}
	switch {
	case scheme == "http" && strings.HasSuffix(string(b), ":80"):
		b = b[:len(b)-3]
	case scheme == "https" && strings.HasSuffix(string(b), ":443"):
		b = b[:len(b)-4]
	}
	script, hasScript := env["SCRIPT_NAME"]
	if !hasScript {
		script = "/"
	}
	b = appendQuote(b, script)
	path := appendQuote(nil, env["PATH_INFO"])
	if !hasScript && len(path) > 0 {
		path = path[1:]
	}
	return string(append(b, path...))
}

// httpRequestURI is requestURI for the environ request.FromHTTP builds from
// r, computed without building it.
func httpRequestURI(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	if host == "" {
		host = "localhost"
	}
	b := make([]byte, 0, len(scheme)+3+len(host)+len(r.URL.Path)+8)
	b = append(b, scheme...)
	b = append(b, "://"...)
	b = append(b, host...)
	switch {
	case scheme == "http" && strings.HasSuffix(host, ":80"):
		b = b[:len(b)-3]
	case scheme == "https" && strings.HasSuffix(host, ":443"):
		b = b[:len(b)-4]
	}
	return string(appendQuote(b, r.URL.Path))
}

// quoteSafe marks the bytes Python's urllib.parse.quote(s, safe='/')
// leaves alone.
var quoteSafe = httplex.NewSafeSet("/")

// appendQuote appends s percent-encoded as Python's quote(s) does.
func appendQuote(b []byte, s string) []byte { return httplex.AppendQuoted(b, s, quoteSafe) }

// absoluteLocation makes loc absolute against the request URI base, as
// WebOb's _make_location_absolute does, with the fixes of WebOb 1.8.8 and
// later, which the port applies before resolving:
//
//   - tab, CR and LF are removed everywhere, and leading C0 controls and
//     spaces are stripped (what Python's urlsplit does silently, so that
//     "\t//evil.example" cannot slip past the next rule);
//   - a leading "//" becomes "/%2f", so that a Location such as
//     "//evil.example" is a path on this host, not another host
//     (CVE-2024-42353, GHSA-mg3v-6m49-jhp3).
//
// A value with a scheme is returned as it is; anything else is joined to
// base as Python's urljoin does.
func absoluteLocation(base, loc string) string {
	if strings.ContainsAny(loc, "\t\r\n") {
		loc = strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(loc)
	}
	loc = strings.TrimLeft(loc, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	if hasScheme(loc) {
		return loc
	}
	if strings.HasPrefix(loc, "//") {
		loc = "/%2f" + loc[2:]
	}
	return urljoin(base, loc)
}

// hasScheme reports whether urlsplit finds a scheme in s: a letter, then
// letters, digits, '+', '-' or '.', then ':'. WebOb's SCHEME_RE
// (`^[a-z]+:`) is the common case of it; other schemes make urljoin return
// the value unchanged too.
func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	c := s[0]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return false
	}
	for j := 1; j < i; j++ {
		c := s[j]
		if !isAlnum(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// urljoin is Python's urllib.parse.urljoin(base, ref) for a base that is
// an http(s) request URI (no query, fragment or params, as requestURI
// gives) and a ref without scheme or netloc.
func urljoin(base, ref string) string {
	if ref == "" {
		return base
	}
	// Split base into scheme://netloc and path.
	bprefix, bpath := base, ""
	if i := strings.Index(base, "://"); i >= 0 {
		if j := strings.IndexByte(base[i+3:], '/'); j >= 0 {
			bprefix, bpath = base[:i+3+j], base[i+3+j:]
		}
	}
	// urlsplit: fragment, then query; urlparse: params of the last segment.
	path, fragment, _ := strings.Cut(ref, "#")
	path, query, _ := strings.Cut(path, "?")
	params := ""
	if strings.Contains(path, ";") {
		start := strings.LastIndexByte(path, '/')
		if start < 0 {
			start = 0
		}
		if k := strings.IndexByte(path[start:], ';'); k >= 0 {
			path, params = path[:start+k], path[start+k+1:]
		}
	}

	if path == "" && params == "" {
		return unparse(bprefix, bpath, "", query, fragment)
	}

	var segments []string
	if strings.HasPrefix(path, "/") {
		segments = strings.Split(path, "/")
	} else {
		baseParts := strings.Split(bpath, "/")
		if baseParts[len(baseParts)-1] != "" {
			baseParts = baseParts[:len(baseParts)-1]
		}
		segments = append(baseParts, strings.Split(path, "/")...)
		// Drop empty inner segments, as Python does to avoid doubled
		// slashes.
		if len(segments) > 2 {
			inner := segments[1 : len(segments)-1]
			kept := inner[:0]
			for _, s := range inner {
				if s != "" {
					kept = append(kept, s)
				}
			}
			last := segments[len(segments)-1]
			segments = append(append(segments[:1], kept...), last)
		}
	}
	resolved := make([]string, 0, len(segments))
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
	rpath := strings.Join(resolved, "/")
	if rpath == "" {
		rpath = "/"
	}
	return unparse(bprefix, rpath, params, query, fragment)
}

// unparse is urlunparse for an http(s) scheme://netloc prefix.
func unparse(prefix, path, params, query, fragment string) string {
	var b strings.Builder
	b.WriteString(prefix)
	if path != "" && path[0] != '/' {
		b.WriteByte('/')
	}
	b.WriteString(path)
	if params != "" {
		b.WriteByte(';')
		b.WriteString(params)
	}
	if query != "" {
		b.WriteByte('?')
		b.WriteString(query)
	}
	if fragment != "" {
		b.WriteByte('#')
		b.WriteString(fragment)
	}
	return b.String()
}
