// Package pageproto is the protocol between gowebob serve and the page
// programs it starts, version Version (a program announces its version in
// its first message; the server refuses a program of another version, and
// keys its build cache by it, so that a mismatch is never silent).
//
// Start. The server runs a page program with SocketEnv naming a private
// unix socket to listen on, and, where the system has unix socket pairs,
// HandoffEnv ("VERSION;SETTINGS", see Settings.String), one end of a
// SEQPACKET socket pair as descriptor HandoffFD and a connection table
// (handoff.Table, shared memory) as descriptor TableFD. The program
// listens on its socket, then sends MsgHello with its Version; the server
// takes the hello for "ready".
//
// Lending (the fast path). For a request of a client connection that is
// the page's, the server writes the bytes it read from the connection
// (the request as parsed, see handoff.AppendHead, and what followed it)
// into a free slot of the table and sends MsgConn with the connection's
// descriptor, the slot's index and the Route. The server keeps its own
// descriptor until the slot says the program is done with the connection
// (SlotDone) or gives it back (MsgBack, SlotBack), or the program exits.
// The program answers the first request, and the connection's next
// requests for a path the server routed to it while the Route's Checks
// hold; it gives any other request back with MsgBack. Between requests it
// records in the slot every byte it reads before taking it from the
// socket; it marks a request begun (SlotBusy) just before the page's code
// runs, an answer begun (SlotSent), and the last write of an answer
// (SlotEnding, with the byte count at which it is complete). When the
// program dies, the server reads the slots: a connection with no request
// begun is served again with the bytes recorded that the program took
// from the socket (the system's counts of bytes read and written tell
// which), a request begun gets a 502 (a 504 past the request timeout),
// and an answer begun is cut.
//
// Other messages: MsgStop (server to program: finish the requests in
// flight, give the idle connections back, exit within
// Settings.ShutdownTimeout), MsgLog (program to server: log records, see
// AppendRecord, logged by the server's logger), MsgRecycle (program to
// server: start a successor and stop me; the reason follows).
//
// Proxying (the fallback: HTTP/2, TLS, a request head larger than a
// slot, a full table). The server sends the request over the program's
// unix socket with Header carrying its Route (EncodeRoute: the same
// encoding as on the fast path, without Checks), whose Environ adds to the
// fast path's the values a unix socket cannot tell (REMOTE_ADDR,
// REMOTE_PORT, the scheme, the server's name and port, REQUEST_URI). The
// header is trusted only because the socket is private to the server's
// user: the server removes any copy a client sent before setting its own.
//
// A page announces, on the socket, that it begins a proxied request: it
// sends the interim answer StartedStatus just before the application
// runs. The server never relays it; it tells a request the program began
// (which fails with the program) from one it never began (which the
// server sends again, to the program that replaces a dead one).
package pageproto

import (
	"encoding/base64"
	"fmt"
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

	// DevEnv is set when the server runs with -dev, to the build key of
	// the program: the program then answers a panic with devpage's panic
	// page and adds devpage's live-reload script to its HTML answers.
	DevEnv = "GOWEBOB_DEV"

	// Header carries a proxied request's Route (see EncodeRoute).
	Header = "Gowebob-Route"

	// StartedStatus is the private 1xx status of the interim answer a
	// page sends, without fields, just before the application begins a
	// request it received on its socket.
	StartedStatus = 150

	// maxEncoded bounds the header a page accepts.
	maxEncoded = 64 << 10
)

// EncodeRoute returns the Header value for rt: AppendRoute's bytes in
// unpadded base64url, which a header field carries unchanged, whatever
// bytes the environ holds (PATH_INFO may hold any).
func EncodeRoute(rt *Route) string {
	return base64.RawURLEncoding.EncodeToString(AppendRoute(make([]byte, 0, 256), rt))
}

// DecodeRoute parses a Header value.
func DecodeRoute(s string) (*Route, error) {
	if s == "" {
		return nil, fmt.Errorf("pageproto: no %s header", Header)
	}
	if len(s) > maxEncoded {
		return nil, fmt.Errorf("pageproto: %s header too large", Header)
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("pageproto: %s header: %w", Header, err)
	}
	rt, rest, err := ParseRoute(b)
	if err != nil {
		return nil, fmt.Errorf("pageproto: %s header: %w", Header, err)
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("pageproto: %s header: %d bytes after the route", Header, len(rest))
	}
	return rt, nil
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
