// Package httplex holds the byte classes of HTTP's grammar that several
// gowebob packages check, as lookup tables: they run on every request, and a
// table is faster than a switch or a regular expression.
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
