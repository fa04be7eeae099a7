package middleware

import (
	"iter"
	"net/http"
	"net/netip"
	"strings"
)

// ProxyOptions configures ProxyHeaders.
type ProxyOptions struct {
	// TrustedProxies are the networks of the proxies in front of the
	// application, such as netip.MustParsePrefix("10.0.0.0/8"). Only a
	// request whose peer (r.RemoteAddr) is in one of them has its
	// forwarding headers read, and only addresses in them are skipped when
	// looking for the client in a list. IPv4-mapped IPv6 addresses are
	// compared as IPv4. If empty, no peer is trusted and ProxyHeaders
	// changes nothing.
	TrustedProxies []netip.Prefix

	// Forwarded makes ProxyHeaders read the RFC 7239 Forwarded header
	// instead of X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host.
	// Only one family is read: choose the one your proxies set, since the
	// other one is whatever the client sent.
	Forwarded bool
}

// maxHops bounds how many addresses of a forwarding list are examined,
// from the right.
const maxHops = 32

// ProxyHeaders returns a middleware that, for a request coming from a
// trusted proxy, takes the client's address, the scheme and the host from
// the forwarding headers the proxy set, so that a gowebob Request's
// RemoteAddr, ClientAddr, Scheme, Host, HostURL and URL are the client's.
// The forwarding headers of requests from other peers are ignored.
//
// The client address is found as a proxy chain is read: from the right of
// X-Forwarded-For (or of the Forwarded elements' for= parameters), skipping
// trusted addresses, the first address that is not trusted; if every one is
// trusted, the left-most. An entry that is not an IP address (a name,
// "unknown", an obfuscated identifier) stops the search and the peer address
// is kept, as is the case when the list has more than 32 entries. Ports are
// accepted and dropped. The scheme (http or https, from X-Forwarded-Proto
// or proto=) and host (from X-Forwarded-Host or host=, a host name or
// address with an optional port) are the right-most X-Forwarded-Proto and
// X-Forwarded-Host values, which the nearest proxy set; with Forwarded,
// those of the element that named the client. Invalid values are ignored.
//
// What was found is set in the environ that request.FromHTTP reads from
// the context (REMOTE_ADDR, wsgi.url_scheme, HTTP_HOST), added to any
// environ already there, and on a shallow copy of the *http.Request:
// RemoteAddr (the bare address, without a port) and Host. r.Header, r.TLS
// and r.URL are not changed. Because request.Request.ClientAddr reads
// X-Forwarded-For, the environ's HTTP_X_FORWARDED_FOR is replaced by the
// single address ProxyHeaders settled on whenever the request has that
// header, from a trusted peer or not: the client's, else the peer's.
//
// ProxyHeaders panics if a prefix of TrustedProxies is invalid. The
// parsers use no regular expression and allocate nothing.
func ProxyHeaders(opts ProxyOptions) func(http.Handler) http.Handler {
	p := &proxy{forwarded: opts.Forwarded}
	for _, pre := range opts.TrustedProxies {
		if !pre.IsValid() {
			panic("middleware: ProxyHeaders: invalid trusted proxy prefix " + pre.String())
		}
		if pre.Addr().Is4In6() && pre.Bits() >= 96 {
			pre = netip.PrefixFrom(pre.Addr().Unmap(), pre.Bits()-96)
		}
		p.trusted = append(p.trusted, pre.Masked())
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p.serve(next, w, r)
		})
	}
}

func (p *proxy) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	_, hasXFF := r.Header["X-Forwarded-For"]
	peer, ok := parsePeer(r.RemoteAddr)
	if !ok || !p.trusts(peer) {
		if hasXFF && ok {
			// Keep request.Request.ClientAddr from reading the client's
			// own X-Forwarded-For.
			r = r.WithContext(withEnviron(r.Context(), "HTTP_X_FORWARDED_FOR", peer.String()))
		}
		next.ServeHTTP(w, r)
		return
	}
	var f forwarded
	if p.forwarded {
		f = p.fromForwarded(r.Header.Values("Forwarded"))
	} else {
		f = p.fromXForwarded(r.Header)
	}
	if !f.addr.IsValid() && f.proto == "" && f.host == "" && !hasXFF {
		next.ServeHTTP(w, r)
		return
	}
	kv := make([]string, 0, 8)
	client := peer.String()
	if f.addr.IsValid() {
		client = f.addr.String()
		kv = append(kv, "REMOTE_ADDR", client)
	}
	if f.addr.IsValid() || hasXFF {
		kv = append(kv, "HTTP_X_FORWARDED_FOR", client)
	}
	if f.proto != "" {
		kv = append(kv, "wsgi.url_scheme", f.proto)
	}
	if f.host != "" {
		kv = append(kv, "HTTP_HOST", f.host)
	}
	r2 := r.WithContext(withEnviron(r.Context(), kv...))
	if f.addr.IsValid() {
		r2.RemoteAddr = client
	}
	if f.host != "" {
		r2.Host = f.host
	}
	next.ServeHTTP(w, r2)
}

type proxy struct {
	trusted   []netip.Prefix
	forwarded bool
}

// forwarded is what the forwarding headers say; zero fields are unknown.
type forwarded struct {
	addr  netip.Addr
	proto string // "http" or "https"
	host  string
}

func (p *proxy) trusts(a netip.Addr) bool {
	for _, pre := range p.trusted {
		if pre.Contains(a) {
			return true
		}
	}
	return false
}

// parsePeer parses r.RemoteAddr, "ip:port" or a bare ip.
func parsePeer(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().WithZone("").Unmap(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}

// fromXForwarded reads X-Forwarded-For, -Proto and -Host.
func (p *proxy) fromXForwarded(h http.Header) forwarded {
	var f forwarded
	f.addr = p.clientFromList(h.Values("X-Forwarded-For"))
	f.proto = parseProto(lastElement(h.Values("X-Forwarded-Proto")))
	f.host = parseHost(lastElement(h.Values("X-Forwarded-Host")))
	return f
}

// clientFromList returns the client address of an X-Forwarded-For list
// (its header lines, in order): the right-most address that is not
// trusted, or the left-most when all are. It returns the zero Addr when
// the header is absent, an entry that matters is not an address, or more
// than maxHops entries would have to be read.
func (p *proxy) clientFromList(lines []string) netip.Addr {
	var last netip.Addr
	hops := 0
	for elem := range elementsFromRight(lines) {
		if hops == maxHops {
			return netip.Addr{}
		}
		hops++
		a, ok := parseNode(elem)
		if !ok {
			return netip.Addr{}
		}
		if !p.trusts(a) {
			return a
		}
		last = a
	}
	return last
}

// lastElement returns the right-most non-empty element of a
// comma-separated header, given as its lines.
func lastElement(lines []string) string {
	for elem := range elementsFromRight(lines) {
		return elem
	}
	return ""
}

// elementsFromRight yields the non-empty elements of a comma-separated
// header, given as its lines, trimmed, from the right-most one leftwards.
// Empty list elements are allowed and skipped (RFC 9110 §5.6.1).
func elementsFromRight(lines []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := len(lines) - 1; i >= 0; i-- {
			s := lines[i]
			for s != "" {
				var elem string
				if j := strings.LastIndexByte(s, ','); j >= 0 {
					elem, s = s[j+1:], s[:j]
				} else {
					elem, s = s, ""
				}
				if elem = trimOWS(elem); elem != "" && !yield(elem) {
					return
				}
			}
		}
	}
}

// fromForwarded reads RFC 7239 Forwarded header lines: the element of the
// client (see clientFromList) gives the address, the scheme and the host.
func (p *proxy) fromForwarded(lines []string) forwarded {
	// The last maxHops elements, in a ring: the header is read left to
	// right (quoted strings may hold commas) but used from the right.
	var ring [maxHops]string
	n := 0
	for _, line := range lines {
		for line != "" {
			var elem string
			elem, line = cutUnquoted(line, ',')
			if elem = trimOWS(elem); elem != "" {
				ring[n%maxHops] = elem
				n++
			}
		}
	}
	var last forwarded
	for i := 0; i < min(n, maxHops); i++ {
		elem := ring[(n-1-i)%maxHops]
		f, ok := parseForwardedElement(elem)
		if !ok {
			return forwarded{}
		}
		if !p.trusts(f.addr) {
			return f
		}
		last = f
	}
	if n > maxHops {
		return forwarded{}
	}
	return last
}

// parseForwardedElement parses one element, "for=...;proto=...;host=...",
// and reports whether it has a for= that is an IP address. Unknown
// parameters are ignored; invalid proto and host values are left empty.
func parseForwardedElement(elem string) (forwarded, bool) {
	var f forwarded
	hasFor := false
	for elem != "" {
		var pair string
		pair, elem = cutUnquoted(elem, ';')
		name, value, ok := strings.Cut(trimOWS(pair), "=")
		if !ok {
			continue
		}
		value, ok = unquote(value)
		if !ok {
			continue
		}
		switch {
		case strings.EqualFold(name, "for"):
			if hasFor {
				return forwarded{}, false // ambiguous
			}
			hasFor = true
			a, ok := parseNode(value)
			if !ok {
				return forwarded{}, false
			}
			f.addr = a
		case strings.EqualFold(name, "proto"):
			f.proto = parseProto(value)
		case strings.EqualFold(name, "host"):
			f.host = parseHost(value)
		}
	}
	return f, hasFor
}

// cutUnquoted cuts s at the first sep outside a quoted string.
func cutUnquoted(s string, sep byte) (before, after string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++ // skip the escaped byte
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// unquote returns a token as it is and a quoted string without its
// quotes. Quoted strings with backslash escapes are refused: no value
// ProxyHeaders uses needs them.
func unquote(v string) (string, bool) {
	if !strings.HasPrefix(v, `"`) {
		return v, !strings.ContainsAny(v, "\"\\")
	}
	if len(v) < 2 || v[len(v)-1] != '"' {
		return "", false
	}
	v = v[1 : len(v)-1]
	return v, !strings.ContainsAny(v, "\"\\")
}

// parseNode parses a forwarded node: an IPv4 address, an IPv6 address
// bare or in brackets, either with an optional numeric port ("1.2.3.4:80",
// "[::1]:80"). Zones are dropped and IPv4-mapped addresses unmapped.
func parseNode(s string) (netip.Addr, bool) {
	host := s
	switch {
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return netip.Addr{}, false
		}
		host = s[1:end]
		if rest := s[end+1:]; rest != "" && (rest[0] != ':' || !validPort(rest[1:])) {
			return netip.Addr{}, false
		}
	case strings.Count(s, ":") == 1:
		var port string
		host, port, _ = strings.Cut(s, ":")
		if !validPort(port) {
			return netip.Addr{}, false
		}
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}

// validPort reports whether s is a decimal port of 1 to 5 digits.
func validPort(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseProto returns "http" or "https" for those schemes in any case, ""
// otherwise.
func parseProto(s string) string {
	switch {
	case strings.EqualFold(s, "https"):
		return "https"
	case strings.EqualFold(s, "http"):
		return "http"
	}
	return ""
}

// hostChars marks the bytes parseHost accepts: those of a host name, an
// IPv4 or bracketed IPv6 address, and a port.
var hostChars = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "-._:[]" {
		t[c] = true
	}
	return t
}()

// parseHost returns s if it is a plausible Host value (1 to 255 bytes of
// hostChars), "" otherwise.
func parseHost(s string) string {
	if s == "" || len(s) > 255 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if !hostChars[s[i]] {
			return ""
		}
	}
	return s
}

// trimOWS trims spaces and tabs.
func trimOWS(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
