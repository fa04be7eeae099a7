package response

import (
	"net/http"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
	"github.com/gowebob/gowebob/internal/pyurl"
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
	if pyurl.HasScheme(loc) {
		return loc
	}
	if strings.HasPrefix(loc, "//") {
		loc = "/%2f" + loc[2:]
	}
	return pyurl.Join(base, loc)
}
