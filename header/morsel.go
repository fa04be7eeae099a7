package header

import (
	"errors"
	"slices"
	"strings"

	"github.com/gowebob/gowebob/internal/cookiequote"
)

// ErrSameSiteNone is returned by Morsel.Serialize and Morsels.Serialize
// for a morsel with SameSite=None that is not Secure, which browsers
// refuse (WebOb raises ValueError).
var ErrSameSiteNone = errors.New("header: SameSite=None requires Secure")

// Morsel is one cookie with its attributes, as WebOb's cookies.Morsel: what
// a Set-Cookie header (or one part of a Cookie object) says about it.
// Attribute values are kept as they were given; Serialize quotes them.
type Morsel struct {
	Name, Value string
	Path        string
	Domain      string
	Comment     string
	// Expires and MaxAge are written as they are ("Wed, 09-Jun-2021
	// 10:18:14 GMT", "3600"); response.MakeCookie builds them from times.
	Expires  string
	MaxAge   string
	SameSite string
	Secure   bool
	HTTPOnly bool
}

// Serialize returns the morsel as WebOb's Morsel.serialize(full): name=value
// (the value double-quoted with \ooo escapes when it has bytes outside RFC
// 6265's cookie-octets), then, when full, Comment, Domain, Max-Age and Path
// (those that are not empty, in that order; Comment quoted like a value,
// the others with \ooo escapes), expires, secure, HttpOnly and SameSite.
// SameSite=None without Secure gives ErrSameSiteNone.
//
// As in WebOb, a value is quoted only for bytes outside the
// cookie-octets, a space in Path, Domain or Max-Age is written as it is,
// and so are Expires and SameSite: a browser reads each part up to the
// next ";", but ParseMorsels, as WebOb's Cookie, ends an unquoted value at
// a space or a byte its pattern does not take (such as "]"), and
// unescapes backslashes. Both read "Path=/a b=1" as the path "/a" and a
// cookie b, and "a=]b=" as the cookies a and b.
func (m *Morsel) Serialize(full bool) (string, error) {
	b := cookiequote.AppendValue(append([]byte(m.Name), '='), m.Value)
	if !full {
		return string(b), nil
	}
	if m.Comment != "" {
		b = cookiequote.AppendValue(append(b, "; Comment="...), m.Comment)
	}
	for _, a := range [...]struct{ name, v string }{{"; Domain=", m.Domain}, {"; Max-Age=", m.MaxAge}, {"; Path=", m.Path}} {
		if a.v != "" {
			b = cookiequote.AppendOctal(append(b, a.name...), a.v)
		}
	}
	if m.Expires != "" {
		b = append(append(b, "; expires="...), m.Expires...)
	}
	if m.Secure {
		b = append(b, "; secure"...)
	}
	if m.HTTPOnly {
		b = append(b, "; HttpOnly"...)
	}
	if m.SameSite != "" {
		if !m.Secure && strings.EqualFold(m.SameSite, "none") {
			return "", ErrSameSiteNone
		}
		b = append(append(b, "; SameSite="...), m.SameSite...)
	}
	return string(b), nil
}

// Morsels is a set of cookies by name, WebOb's cookies.Cookie: it parses a
// header where attributes follow the cookie they belong to ("a=1; Path=/;
// b=2") and serialises every morsel, sorted by name. The zero value is an
// empty set.
type Morsels struct {
	m map[string]*Morsel
}

// ParseMorsels parses h as WebOb's Cookie(h).load does: each name=value
// pair that WebOb's cookie pattern finds (see ParseCookies) either starts
// a morsel, replacing one of the same name, or, when its name is an
// attribute (path, domain, comment, expires, max-age, secure, httponly,
// samesite, any case), sets that attribute of the last morsel started.
// Values are unquoted. A pair whose name is not a valid cookie name, such
// as "$Version", starts nothing and its attributes are dropped. secure and
// httponly are set by any non-empty value ("secure=1"), as in WebOb.
func ParseMorsels(h string) *Morsels {
	s := &Morsels{}
	var cur *Morsel
	for pos, n := 0, 0; pos < len(h) && n < maxCookies; {
		name, raw, next, ok := nextCookie(h, pos)
		pos = next
		if !ok {
			continue
		}
		n++
		v := unquoteCookie(raw)
		switch strings.ToLower(name) {
		case "path", "domain", "comment", "expires", "max-age", "secure", "httponly", "samesite":
			if cur != nil {
				cur.setAttr(strings.ToLower(name), v)
			}
		default:
			cur = s.Add(name, v)
		}
	}
	return s
}

// setAttr sets the attribute called name (lower case).
func (m *Morsel) setAttr(name, v string) {
	switch name {
	case "path":
		m.Path = v
	case "domain":
		m.Domain = v
	case "comment":
		m.Comment = v
	case "expires":
		m.Expires = v
	case "max-age":
		m.MaxAge = v
	case "samesite":
		m.SameSite = v
	case "secure":
		m.Secure = v != ""
	case "httponly":
		m.HTTPOnly = v != ""
	}
}

// Add starts a morsel called name with value, replacing one of that name,
// and returns it to set its attributes, as WebOb's Cookie.add. It returns
// nil, and adds nothing, for a name WebOb refuses (not a token, starting
// with "$", or an attribute name).
func (s *Morsels) Add(name, value string) *Morsel {
	if !validCookieName(name) {
		return nil
	}
	if s.m == nil {
		s.m = make(map[string]*Morsel)
	}
	m := &Morsel{Name: name, Value: value}
	s.m[name] = m
	return m
}

// Get returns the morsel called name.
func (s *Morsels) Get(name string) (*Morsel, bool) {
	m, ok := s.m[name]
	return m, ok
}

// Len reports the number of morsels.
func (s *Morsels) Len() int { return len(s.m) }

// All returns the morsels sorted by name, as WebOb's Cookie.values.
func (s *Morsels) All() []*Morsel {
	out := make([]*Morsel, 0, len(s.m))
	for _, m := range s.m {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *Morsel) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Serialize returns every morsel serialised (see Morsel.Serialize), sorted
// by name and joined with "; ", as WebOb's Cookie.serialize(full). The
// first error stops it.
func (s *Morsels) Serialize(full bool) (string, error) {
	parts := make([]string, 0, len(s.m))
	for _, m := range s.All() {
		p, err := m.Serialize(full)
		if err != nil {
			return "", err
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; "), nil
}
