package header

import (
	"testing"

	"github.com/gowebob/gowebob/internal/cookiequote"
)

// FuzzParseMorsels checks ParseMorsels on any header: no panic; every
// morsel has a valid name; the short serialisation parses back to the same
// names; and the full one (when SameSite allows it) parses back to the
// same names, values and attributes once more (Serialize is stable),
// unless a part Serialize writes as WebOb does is one the pattern does
// not read back whole (see readsBack).
func FuzzParseMorsels(f *testing.F) {
	for _, s := range []string{"", "a=1; b=2", "b=2; a=1; Path=/x; Domain=ex.com; Max-Age=10; secure=1; HttpOnly=1; SameSite=Lax",
		`a="x y"; Comment="hi there"; expires=Wed, 09-Jun-2021 10:18:14 GMT`, "$Version=1; a=1; $Path=/", `a="\"q\""; Comment=a;b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		s := ParseMorsels(h)
		for _, m := range s.All() {
			if !validCookieName(m.Name) {
				t.Fatalf("ParseMorsels(%q): invalid name %q", h, m.Name)
			}
		}
		full, err := s.Serialize(true)
		if err != nil {
			return
		}
		for _, m := range s.All() {
			if !readsBack(m) {
				return
			}
		}
		again := ParseMorsels(full)
		full2, err := again.Serialize(true)
		if err != nil {
			t.Fatalf("ParseMorsels(%q): %q reserialises with %v", h, full, err)
		}
		if again.Len() != s.Len() {
			t.Fatalf("ParseMorsels(%q): %d morsels, %q gives %d", h, s.Len(), full, again.Len())
		}
		if full3, _ := ParseMorsels(full2).Serialize(true); full3 != full2 {
			t.Fatalf("ParseMorsels(%q): not stable: %q, then %q", h, full2, full3)
		}
	})
}

// readsBack reports whether the cookie pattern reads back each part of m
// that Serialize writes, as WebOb writes it, whole and to the same value:
// the value and Comment quoted only when they hold bytes outside RFC
// 6265's cookie-octets, Path, Domain and Max-Age with \ooo escapes but a
// space as it is, expires and SameSite as they are. A browser reads each
// part up to the next ";", but the pattern (WebOb's Cookie) ends an
// unquoted value at a space or a byte it does not take, and unescapes a
// backslash: WebOb's own Cookie reads "Path=/a b=1" as the path "/a" and
// a cookie b, "0=]1=" as the cookies 0 and 1, and "expires=\\ " as the
// date " ".
func readsBack(m *Morsel) bool {
	for _, v := range []struct{ written, want string }{
		{string(cookiequote.AppendValue(nil, m.Value)), m.Value},
		{string(cookiequote.AppendValue(nil, m.Comment)), m.Comment},
		{string(cookiequote.AppendOctal(nil, m.Path)), m.Path},
		{string(cookiequote.AppendOctal(nil, m.Domain)), m.Domain},
		{string(cookiequote.AppendOctal(nil, m.MaxAge)), m.MaxAge},
		{m.Expires, m.Expires},
		{m.SameSite, m.SameSite},
	} {
		if v.want == "" {
			continue
		}
		_, raw, _, ok := nextCookie("k="+v.written, 0)
		if !ok || raw != v.written || unquoteCookie(raw) != v.want {
			return false
		}
	}
	return true
}
