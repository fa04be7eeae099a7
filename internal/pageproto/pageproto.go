// Package pageproto is the small protocol between gowebob serve and the page
// processes it starts: the environment variable that names the page's unix
// socket, and the header that carries the CGI environ values the server
// decided (SCRIPT_NAME, PATH_INFO, REMOTE_ADDR, the scheme...) through the
// proxy.
//
// The header is trusted only because the socket is private to the server's
// user: the server removes any copy a client sent before setting its own.
package pageproto

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

const (
	// SocketEnv is the environment variable holding the path of the unix
	// socket a page process listens on.
	SocketEnv = "GOWEBOB_SOCKET"

	// PageEnv is the environment variable holding the page's file,
	// slash-separated and relative to the docroot, as the server's log
	// names it: the program names it so in its own logs (see
	// MapBuildPaths).
	PageEnv = "GOWEBOB_PAGE"

	// Header carries the environ values, form-encoded (which, unlike JSON,
	// keeps bytes that are not UTF-8, as PATH_INFO may hold).
	Header = "Gowebob-Environ"

	// maxEncoded bounds the header a page accepts.
	maxEncoded = 64 << 10
)

// Encode returns the Header value for env.
func Encode(env map[string]string) string {
	var b strings.Builder
	b.Grow(256)
	for k, v := range env {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	return b.String()
}

// Decode parses a Header value.
func Decode(s string) (map[string]string, error) {
	if s == "" {
		return nil, fmt.Errorf("pageproto: no %s header", Header)
	}
	if len(s) > maxEncoded {
		return nil, fmt.Errorf("pageproto: %s header too large", Header)
	}
	v, err := url.ParseQuery(s)
	if err != nil {
		return nil, fmt.Errorf("pageproto: %w", err)
	}
	env := make(map[string]string, len(v))
	for k, vs := range v {
		env[k] = vs[0]
	}
	return env, nil
}

// buildMarker is what the paths of a page's own source hold in a page
// program: gowebob serve builds the page as the only file of the package
// .gowebob/build/KEY of the docroot's module (see internal/serve's build).
const buildMarker = "/.gowebob/build/"

// IsBuildFile reports whether file, a stack frame's file, is page's source
// as a page program knows it (MODULE/.gowebob/build/KEY/NAME.go).
func IsBuildFile(file, page string) bool {
	dir, name := path.Split(file)
	return page != "" && name == path.Base(page) && strings.Contains(dir, buildMarker) &&
		!strings.HasSuffix(dir, buildMarker) && strings.Count(dir[strings.LastIndex(dir, buildMarker)+len(buildMarker):], "/") == 1
}

// MapBuildPaths returns s, a line of a page program's output or a stack
// frame's file, with each path of the page's source as the program knows
// it (MODULE/.gowebob/build/KEY/NAME.go) replaced by page, the page's file
// relative to the docroot, which is the file its author edits. A path
// ends where it meets a space, a quote or a parenthesis; its line number
// after a colon stays.
func MapBuildPaths(s, page string) string {
	if page == "" || !strings.Contains(s, buildMarker) {
		return s
	}
	name := path.Base(page)
	var b strings.Builder
	for {
		i := strings.Index(s, buildMarker)
		if i < 0 {
			break
		}
		start := strings.LastIndexAny(s[:i], " \t\"'(=") + 1
		key, rest, ok := strings.Cut(s[i+len(buildMarker):], "/")
		end := len(s) - len(rest) + len(name)
		if !ok || key == "" || strings.ContainsAny(key, " \t\"'") || !strings.HasPrefix(rest, name) ||
			end < len(s) && !strings.ContainsRune(": \t\"')", rune(s[end])) {
			b.WriteString(s[:i+len(buildMarker)])
			s = s[i+len(buildMarker):]
			continue
		}
		b.WriteString(s[:start])
		b.WriteString(page)
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}
