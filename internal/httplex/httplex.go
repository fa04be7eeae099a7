// Package httplex holds the byte classes of HTTP's grammar that several
// gowebob packages check, as lookup tables: they run on every request, and a
// table is faster than a switch or a regular expression. It also holds the
// whitespace WebOb splits an HTTP/1.x message's lines on (PySpace).
package httplex

// tchar marks the bytes of an RFC 7230 token: letters, digits and
// !#$%&'*+-.^_`|~.
var tchar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// IsTokenByte reports whether c may appear in an RFC 7230 token.
func IsTokenByte(c byte) bool { return tchar[c] }

// IsToken reports whether s is a non-empty RFC 7230 token: a header name, a
// cookie name, a content disposition type.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tchar[s[i]] {
			return false
		}
	}
	return true
}

// SafeSet marks the bytes a percent-encoder leaves as they are.
type SafeSet [256]bool

// NewSafeSet returns the set Python's urllib.parse.quote(s, safe) uses:
// ASCII letters, digits, "_.-~" and the bytes of safe.
func NewSafeSet(safe string) *SafeSet {
	var t SafeSet
	for c := 0; c < 256; c++ {
		b := byte(c)
		t[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			b == '_' || b == '.' || b == '-' || b == '~'
	}
	for i := 0; i < len(safe); i++ {
		t[safe[i]] = true
	}
	return &t
}

// AppendQuoted appends s to b with every byte outside safe percent-encoded
// with upper-case hex digits, as Python's quote does.
func AppendQuoted(b []byte, s string, safe *SafeSet) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if safe[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}
