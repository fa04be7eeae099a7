package header

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gowebob/gowebob/internal/cookiequote"
)

// ErrCookieName is returned, wrapped with the name, by SetCookieValue and
// RemoveCookieValue for a name WebOb's RequestCookies refuses (TypeError
// there): one that is not an RFC 2616 token, starts with "$" or is a cookie
// attribute such as path or expires.
var ErrCookieName = errors.New("header: invalid cookie name")

// SetCookieValue returns the Cookie header h with the cookie called name
// set to value, as WebOb's req.cookies[name] = value edits HTTP_COOKIE: the
// first pair called name is replaced where it stands, otherwise
// "; name=value" is appended ("name=value" when h is empty). A value with
// bytes outside RFC 6265's cookie-octets is double-quoted with \ooo octal
// escapes, as WebOb's _value_quote does (WebOb also warns), so CR, LF and
// ";" cannot reach the header unescaped.
func SetCookieValue(h, name, value string) (string, error) {
	if !validCookieName(name) {
		return h, fmt.Errorf("%w: %q", ErrCookieName, name)
	}
	repl := string(cookiequote.AppendValue(append(make([]byte, 0, len(name)+1+len(value)), name+"="...), value))
	if start, end, ok := findCookie(h, name); ok {
		return h[:start] + repl + h[end:], nil
	}
	if h == "" {
		return repl, nil
	}
	return h + "; " + repl, nil
}

// RemoveCookieValue returns h without the first pair called name and
// reports whether there was one, as WebOb's del req.cookies[name]: the text
// before the pair loses its trailing spaces and semicolons, the text after
// it is kept as it is (so removing the first of two cookies leaves "; b=2",
// as in WebOb).
func RemoveCookieValue(h, name string) (string, bool, error) {
	if !validCookieName(name) {
		return h, false, fmt.Errorf("%w: %q", ErrCookieName, name)
	}
	start, end, ok := findCookie(h, name)
	if !ok {
		return h, false, nil
	}
	return strings.TrimRight(h[:start], " ;") + h[end:], true, nil
}

// findCookie returns the span of the first match of WebOb's cookie pattern
// whose name is name, scanning as re.finditer does in _mutate_header.
func findCookie(h, name string) (start, end int, ok bool) {
	for pos := 0; pos < len(h); {
		k, _, next, matched := nextCookie(h, pos)
		if matched && k == name {
			return pos, next, true
		}
		pos = next
	}
	return 0, 0, false
}
