package header

import (
	"strings"
	"testing"
)

// FuzzAcceptParsed checks Parsed on any Accept header: no panic, a result
// exactly for valid headers, at most 100 elements, and a canonical Range
// that is itself a valid header whose Parsed gives back the same range and
// parameters (the canonical form is stable).
func FuzzAcceptParsed(f *testing.F) {
	for _, s := range []string{"", "text/html", `text/html; level="1";q=0.5;ext;e2="a \"b\"", */*;Q=0.1`,
		`a/b;p="x\\y"`, "text/*;q=0, ,", "bad", `a/b;p=""`, "a/b;q=1;x="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := ParseAccept(s)
		ranges, ok := a.Parsed()
		if ok != a.Valid() {
			t.Fatalf("ParseAccept(%q).Parsed() ok = %v, Valid() = %v", s, ok, a.Valid())
		}
		if len(ranges) > maxAcceptEntries {
			t.Fatalf("ParseAccept(%q).Parsed(): %d ranges", s, len(ranges))
		}
		for _, m := range ranges {
			if m.Q < 0 || m.Q > 1 {
				t.Fatalf("ParseAccept(%q): q %v", s, m.Q)
			}
			again, ok := ParseAccept(m.Range).Parsed()
			if !ok || len(again) != 1 || again[0].Range != m.Range || len(again[0].Params) != len(m.Params) {
				t.Fatalf("ParseAccept(%q): range %q does not parse back: %v %v", s, m.Range, again, ok)
			}
			for i, p := range m.Params {
				if again[0].Params[i] != p {
					t.Fatalf("ParseAccept(%q): range %q param %d: %v, want %v", s, m.Range, i, again[0].Params[i], p)
				}
			}
		}
		for _, parse := range []func(string) ([]QItem, bool){
			func(v string) ([]QItem, bool) { return ParseAcceptCharset(v).Parsed() },
			func(v string) ([]QItem, bool) { return ParseAcceptEncoding(v).Parsed() },
			func(v string) ([]QItem, bool) { return ParseAcceptLanguage(v).Parsed() },
		} {
			items, _ := parse(s)
			for _, it := range items {
				if it.Value == "" || strings.ContainsAny(it.Value, ",; \t") || it.Q < 0 || it.Q > 1 {
					t.Fatalf("Parsed(%q): item %+v", s, it)
				}
			}
		}
	})
}

// FuzzParseOffer checks ParseOffer on any string: no panic, an error
// exactly when parseAcceptOffer refuses it, and String parsing back to the
// same offer.
func FuzzParseOffer(f *testing.F) {
	for _, s := range []string{"text/html", `TEXT/HTML ; a="b c";d=""`, "*/*", "text/html;q=1", "a/b;c=\"\\\\d\\e\"", "text/html\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOffer(s)
		if _, ok := parseAcceptOffer(s); ok != (err == nil) {
			t.Fatalf("ParseOffer(%q) error %v", s, err)
		}
		if err != nil {
			return
		}
		again, err := ParseOffer(o.String())
		if err != nil || again.String() != o.String() || len(again.Params) != len(o.Params) {
			t.Fatalf("ParseOffer(%q).String() = %q parses to %+v, %v", s, o.String(), again, err)
		}
		for i := range o.Params {
			if again.Params[i] != o.Params[i] {
				t.Fatalf("ParseOffer(%q): param %d %+v, then %+v", s, i, o.Params[i], again.Params[i])
			}
		}
	})
}

// FuzzAcceptAdd checks Add on any two Accept values: the rule of addAccept,
// and, when both are valid and the sum is too, the sum's elements are a's
// followed by b's.
func FuzzAcceptAdd(f *testing.F) {
	for _, s := range [][2]string{{"text/html", "application/json;q=0.5"}, {"", "text/html"}, {"bad", ","}, {"*/*;q=0", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, as, bs string) {
		a, b := ParseAccept(as), ParseAccept(bs)
		sum := a.Add(b)
		h, present := sum.Header()
		switch {
		case a.Valid() && b.Valid() && bs != "":
			if h != as+", "+bs {
				t.Fatalf("ParseAccept(%q).Add(ParseAccept(%q)) = %q", as, bs, h)
			}
			pa, _ := a.Parsed()
			pb, _ := b.Parsed()
			ps, ok := sum.Parsed()
			if ok && len(pa)+len(pb) <= maxAcceptEntries && len(ps) != len(pa)+len(pb) {
				t.Fatalf("%q + %q: %d elements, want %d + %d", as, bs, len(ps), len(pa), len(pb))
			}
		case a.Valid():
			if h != as || !sum.Valid() {
				t.Fatalf("%q + invalid %q = %q", as, bs, h)
			}
		case b.Valid():
			if h != bs || !sum.Valid() {
				t.Fatalf("invalid %q + %q = %q", as, bs, h)
			}
		default:
			if present {
				t.Fatalf("invalid %q + invalid %q = %q, want absent", as, bs, h)
			}
		}
	})
}
