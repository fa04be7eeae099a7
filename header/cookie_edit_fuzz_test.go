package header

import (
	"errors"
	"strings"
	"testing"
)

// FuzzCookieEdit checks SetCookieValue and RemoveCookieValue on any header,
// name and value: no panic; an error exactly for the names WebOb refuses;
// a set value reads back through the parser when the header is plain
// (no quotes or backslashes, which let WebOb's pattern run across pairs);
// and a removed pair is no longer the first of its name.
func FuzzCookieEdit(f *testing.F) {
	for _, s := range [][3]string{
		{"", "a", "1"}, {"a=1; b=2", "a", "x y"}, {"b=2; a=1; a=3", "a", `q"\;`},
		{`x="q; y"; a=1`, "a", "v"}, {"$Version=1; a=1", "$Version", "2"},
		{"path=/; a=1", "path", "1"}, {"a = 1 ; b=2", "b", "\r\n"}, {"a=Wed, 09-Jun-2021 10:18:14 GMT", "a", "é"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, h, name, value string) {
		out, err := SetCookieValue(h, name, value)
		if valid := validCookieName(name); valid != (err == nil) {
			t.Fatalf("SetCookieValue(%q, %q, _) error %v, valid name %v", h, name, err, valid)
		}
		if err != nil {
			if !errors.Is(err, ErrCookieName) || out != h {
				t.Fatalf("SetCookieValue(%q, %q, _) = %q, %v", h, name, out, err)
			}
			return
		}
		if strings.ContainsAny(out, "\r\n") && !strings.ContainsAny(h, "\r\n") {
			t.Fatalf("SetCookieValue(%q, %q, %q) = %q: CR or LF written", h, name, value, out)
		}
		plain := !strings.ContainsAny(h, "\"\\") && strings.Count(h, "=") == len(ParseCookies(h))
		if plain && strings.Trim(h, " ;") == h {
			if _, _, ok := findCookie(out, name); !ok {
				t.Fatalf("SetCookieValue(%q, %q, %q) = %q: the pair is not found", h, name, value, out)
			}
		}
		rm, found, err := RemoveCookieValue(h, name)
		if err != nil {
			t.Fatalf("RemoveCookieValue(%q, %q): %v", h, name, err)
		}
		if _, _, had := findCookie(h, name); had != found || !found && rm != h {
			t.Fatalf("RemoveCookieValue(%q, %q) = %q, %v", h, name, rm, found)
		}
	})
}
