package header

import (
	"testing"

	"github.com/gowebob/gowebob/internal/cookiequote"
)

// FuzzParseMorsels checks ParseMorsels on any header: no panic; every
// morsel has a valid name; the short serialisation parses back to the same
// names; and the full one (when SameSite allows it) parses back to the
// same names, values and attributes once more (Serialize is stable),
// unless an attribute Serialize writes unquoted does not read back whole
// (see rawReadsBack).
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
			if !rawReadsBack(m) {
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

// rawReadsBack reports whether the cookie pattern reads back whole each
// attribute of m that Serialize writes unquoted, as WebOb does: Path,
// Domain and Max-Age with \ooo escapes but a space as it is, expires as it
// is. A browser reads each up to the next ";", but the pattern (WebOb's
// Cookie) ends an unquoted value at a space: "Path=/a b=1" reads back as
// the path "/a" and a cookie b, in WebOb as here.
func rawReadsBack(m *Morsel) bool {
	for _, w := range []string{
		string(cookiequote.AppendOctal(nil, m.Path)),
		string(cookiequote.AppendOctal(nil, m.Domain)),
		string(cookiequote.AppendOctal(nil, m.MaxAge)),
		m.Expires,
	} {
		if w == "" {
			continue
		}
		if _, raw, _, ok := nextCookie("k="+w, 0); !ok || raw != w {
			return false
		}
	}
	return true
}
