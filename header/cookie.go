package header

import "strings"

// Cookie is one name/value pair of a Cookie request header, as WebOb's
// parse_cookie yields it: Value is unquoted and its backslash escapes are
// decoded, but it is not decoded as UTF-8.
type Cookie struct {
	Name, Value string
}

// maxCookies bounds how many cookies ParseCookies returns; WebOb has no
// limit. Scanning is linear in the header length either way.
const maxCookies = 1000

// ParseCookies parses a Cookie header as WebOb's parse_cookie does and
// returns the cookies in wire order, duplicates kept.
//
// It reproduces WebOb's regular expression exactly with a hand-written
// scanner: a name is a run of the bytes WebOb allows ([a-zA-Z0-9_] and
// ~!@#$%^&*()+=-`.?|:/{}<>'), then optional whitespace, "=", optional
// whitespace and a value that is a double-quoted string, an expires date
// ("Wed, 09-Jun-2021 10:18:14 GMT"), or a run of allowed bytes and
// backslash escapes. Text that does not fit is skipped. Pairs whose name is
// not a valid cookie name (an RFC 2616 token that does not start with "$"
// and is not a cookie attribute such as path or expires) are dropped after
// matching, so "$Version=1" or "path=/" consume their text but yield
// nothing. Values lose one pair of surrounding double quotes and have \NNN
// octal escapes and \X escapes decoded.
//
// Unlike WebOb, which fails with UnicodeDecodeError when Request.cookies
// meets a value that is not UTF-8 (possible only through quoting or
// escapes), ParseCookies keeps the raw bytes. At most 1000 cookies are
// returned.
func ParseCookies(header string) []Cookie {
	var out []Cookie
	for pos := 0; pos < len(header) && len(out) < maxCookies; {
		name, raw, next, ok := nextCookie(header, pos)
		pos = next
		if ok && validCookieName(name) {
			out = append(out, Cookie{Name: name, Value: unquoteCookie(raw)})
		}
	}
	return out
}

// ParseCookieMap is ParseCookies into a map, as WebOb's Request.cookies:
// when a name repeats, the last value wins. At most 1000 cookies are read.
func ParseCookieMap(header string) map[string]string {
	m := make(map[string]string)
	for pos, n := 0, 0; pos < len(header) && n < maxCookies; {
		name, raw, next, ok := nextCookie(header, pos)
		pos = next
		if ok && validCookieName(name) {
			m[name] = unquoteCookie(raw)
			n++
		}
	}
	return m
}

// LookupCookie returns the value of the cookie called name in a Cookie
// header, and reports whether the header has it; when the name repeats,
// the last value wins, as in ParseCookieMap. It scans the header without
// allocating (unless the value has backslash escapes), for the handler
// that reads one cookie.
func LookupCookie(header, name string) (string, bool) {
	var (
		found bool
		raw   string
	)
	// Scan without building a map or a slice, for allocation reasons.
	for pos, n := 0, 0; pos < len(header) && n < maxCookies; {
		k, v, next, ok := nextCookie(header, pos)
		pos = next
		if ok && validCookieName(k) {
			n++
			if k == name {
				found, raw = true, v
			}
		}
	}
	if !found {
		return "", false
	}
	return unquoteCookie(raw), true
}

// cookieLegal marks the bytes of WebOb's _re_legal_char: ASCII letters,
// digits, "_" and ~!@#$%^&*()+=-`.?|:/{}<>'. A [256]bool table replaces
// the regular expression, for speed.
var cookieLegal = [256]bool{}

// cookieToken marks the bytes of an RFC 2616 token (WebOb's
// _valid_token_bytes).
var cookieToken = [256]bool{}

func init() {
	for c := 'a'; c <= 'z'; c++ {
		cookieLegal[c], cookieToken[c] = true, true
		cookieLegal[c-'a'+'A'], cookieToken[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		cookieLegal[c], cookieToken[c] = true, true
	}
	for _, c := range []byte("_~!@#$%^&*()+=-`.?|:/{}<>'") {
		cookieLegal[c] = true
	}
	for _, c := range []byte("!#$%&'*+-.^_`|~") {
		cookieToken[c] = true
	}
}

// isByteSpace reports whether c matches \s in a Python bytes pattern.
func isByteSpace(c byte) bool {
	return c == ' ' || ('\t' <= c && c <= '\r')
}

// cookieAttrs are the names WebOb refuses as cookie names (_c_keys).
var cookieAttrs = [...]string{"max-age", "httponly", "samesite", "secure", "domain", "path", "expires", "comment"}

// validCookieName reports whether name passes WebOb's _valid_cookie_name:
// a non-empty token that does not start with "$" and is not, in any case,
// a cookie attribute name.
func validCookieName(name string) bool {
	if name == "" || name[0] == '$' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !cookieToken[name[i]] {
			return false
		}
	}
	for _, a := range cookieAttrs {
		if asciiEqualFold(name, a) {
			return false
		}
	}
	return true
}

// nextCookie tries WebOb's _rx_cookie at pos, as re.findall does. On a
// match it returns the name, the raw value and the end of the match. When
// nothing matches at pos it returns ok false and the next position worth
// trying, which is always past pos.
func nextCookie(s string, pos int) (name, value string, next int, ok bool) {
	if !cookieLegal[s[pos]] {
		return "", "", pos + 1, false
	}
	// The name is lazy: the shortest run of legal bytes followed by
	// optional whitespace and "=". Whether "\s*=" follows position j does
	// not depend on where the name started, so when no j in the run works,
	// no start inside the run can work either and the scan resumes after
	// the run; this keeps findall linear.
	j := pos + 1
	eq := -1
	for {
		k := j
		for k < len(s) && isByteSpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '=' {
			eq = k
			break
		}
		if j < len(s) && cookieLegal[s[j]] {
			j++
			continue
		}
		return "", "", j + 1, false
	}
	name = s[pos:j]
	v := eq + 1
	for v < len(s) && isByteSpace(s[v]) {
		v++
	}
	if end := quotedEnd(s, v); end > 0 {
		return name, s[v:end], end, true
	}
	if end := expiresEnd(s, v); end > 0 {
		return name, s[v:end], end, true
	}
	end := v
	for end < len(s) {
		c := s[end]
		switch {
		case cookieLegal[c]:
			end++
		case c == '\\' && end+3 < len(s) && isOctal3(s[end+1:end+4]):
			end += 4
		case c == '\\' && end+1 < len(s) && s[end+1] != '\n':
			end += 2
		default:
			return name, s[v:end], end, true
		}
	}
	return name, s[v:end], end, true
}

// quotedEnd matches the Python pattern "(?:\\"|.)*?" at s[v:] and returns
// the index just past the closing quote, or -1. The lazy loop stops at the
// first unescaped quote; if it runs into a newline or the end first, the
// regex backtracks to the last \" pair and takes its quote as the closing
// one.
func quotedEnd(s string, v int) int {
	if v >= len(s) || s[v] != '"' {
		return -1
	}
	lastEsc := -1
	for i := v + 1; i < len(s); {
		switch c := s[i]; {
		case c == '"':
			return i + 1
		case c == '\\' && i+1 < len(s) && s[i+1] == '"':
			lastEsc = i + 1
			i += 2
		case c == '\n':
			i = len(s)
		default:
			i++
		}
	}
	if lastEsc >= 0 {
		return lastEsc + 1
	}
	return -1
}

// isWordByte reports whether c matches \w in a Python bytes pattern.
func isWordByte(c byte) bool {
	return c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// expiresEnd matches WebOb's _re_expires_val,
// \w{3},\s[\w\d-]{9,11}\s[\d:]{8}\sGMT, at s[v:] and returns the index just
// past it, or -1.
func expiresEnd(s string, v int) int {
	if len(s)-v < 3+1+1+9+1+8+1+3 {
		return -1
	}
	if !isWordByte(s[v]) || !isWordByte(s[v+1]) || !isWordByte(s[v+2]) || s[v+3] != ',' || !isByteSpace(s[v+4]) {
		return -1
	}
	i := v + 5
	n := 0
	for i < len(s) && n < 12 && (isWordByte(s[i]) || s[i] == '-') {
		i++
		n++
	}
	if n < 9 || n > 11 || i >= len(s) || !isByteSpace(s[i]) {
		return -1
	}
	i++
	for k := 0; k < 8; k++ {
		if i >= len(s) || !(s[i] == ':' || ('0' <= s[i] && s[i] <= '9')) {
			return -1
		}
		i++
	}
	if i+4 > len(s) || !isByteSpace(s[i]) || s[i+1:i+4] != "GMT" {
		return -1
	}
	return i + 4
}

// isOctal3 reports whether s is [0-3][0-7][0-7], an escape WebOb decodes.
func isOctal3(s string) bool {
	return len(s) == 3 && '0' <= s[0] && s[0] <= '3' && '0' <= s[1] && s[1] <= '7' && '0' <= s[2] && s[2] <= '7'
}

// unquoteCookie is WebOb's _unquote: drop one pair of surrounding double
// quotes, then replace \NNN (octal, [0-3][0-7][0-7]) by that byte and \X by
// X, X being any byte but a newline. It returns v itself, without
// allocating, when there is no backslash.
func unquoteCookie(v string) string {
	if len(v) > 0 && v[0] == '"' && v[len(v)-1] == '"' {
		if len(v) == 1 {
			v = ""
		} else {
			v = v[1 : len(v)-1]
		}
	}
	i := strings.IndexByte(v, '\\')
	if i < 0 {
		return v
	}
	b := make([]byte, 0, len(v))
	b = append(b, v[:i]...)
	for i < len(v) {
		c := v[i]
		switch {
		case c != '\\':
			b = append(b, c)
			i++
		case i+3 < len(v) && isOctal3(v[i+1:i+4]):
			b = append(b, (v[i+1]-'0')<<6|(v[i+2]-'0')<<3|(v[i+3]-'0'))
			i += 4
		case i+1 < len(v) && v[i+1] != '\n':
			b = append(b, v[i+1])
			i += 2
		default:
			b = append(b, c)
			i++
		}
	}
	return string(b)
}
