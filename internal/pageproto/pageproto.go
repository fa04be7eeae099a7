// Package pageproto is the small protocol between gowebob serve and the page
// processes it starts: the environment variable that names the page's unix
// socket, and the header that carries the CGI environ values the server
// decided (SCRIPT_NAME, PATH_INFO, REMOTE_ADDR, the scheme...) through the
// proxy.
//
// The header is trusted only because the socket is private to the server's
// user: the server removes any copy a client sent before setting its own.
//
// A page announces, on the socket, that it begins a request: it sends the
// interim answer StartedStatus just before the application runs. The
// server never relays it; it tells a request the program began (which
// fails with the program) from one it never began (which the server sends
// again, to the program that replaces a dead one).
package pageproto

import (
	"fmt"
	"net/url"
	"strings"
)

const (
	// SocketEnv is the environment variable holding the path of the unix
	// socket a page process listens on.
	SocketEnv = "GOWEBOB_SOCKET"

	// Header carries the environ values, form-encoded (which, unlike JSON,
	// keeps bytes that are not UTF-8, as PATH_INFO may hold).
	Header = "Gowebob-Environ"

	// StartedStatus is the private 1xx status of the interim answer a
	// page sends, without fields, just before the application begins a
	// request it received on its socket.
	StartedStatus = 150

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
