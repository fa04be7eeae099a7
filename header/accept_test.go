package header

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseAcceptValidity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{",", true},
		{",,", true},
		{",text/html", false}, // WebOb's #rule regex: a leading "," must be followed by OWS ","
		{",,text/html", true},
		{"\n", true},
		{"text/html\n", true},
		{"text/html\n\n", false},
		{"text/html\r\n", false},
		{" text/html", false},
		{"text/html ", false},
		{"text/html,", true},
		{"text/html ,", true},
		{"text/html, ", false},
		{"a/b, ,c/d", true},
		{"text/html;q=1.", true},
		{"text/html;q=1.000", true},
		{"text/html;q=1.0001", false},
		{"text/html;q=1.5", false},
		{"text/html;q=0.1234", false},
		{"text/html;q=.5", false},
		{"text/html;Q=0.5", true},
		{"text/html ; q=0.5", true},
		{"text/html;q = 0.5", false},
		{"text/html;q=0.5;q=0.3", true}, // the second q is an accept-ext
		{"text/html;q=0.5;ext", true},
		{"text/html;q=0.5;ext=", false},
		{"text/html;a", false},
		{"text/html;a=", false},
		{`text/html;a="b`, false},
		{`text/html;a="x\"y"`, true},
		{"text/html;a=\"\\\x01\"", false},
		{"text/html;a=\"\xe9\"", true},
		{"text/html;a=\"\x7f\"", false},
		{"*/*", true},
		{"*", false},
		{"text", false},
		{"text/html/x", false},
		{"*/html", true},
		{"text/html;q=0.5 , */*", true},
	}
	for _, tt := range tests {
		if got := ParseAccept(tt.in).Valid(); got != tt.want {
			t.Errorf("ParseAccept(%q).Valid() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseSimpleValidity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in                      string
		charset, encoding, lang bool
	}{
		{"", false, true, false},
		{",", false, true, false},
		{",gzip", true, false, true},
		{",,gzip", true, true, true},
		{", en", true, false, true},
		{"en,", true, true, true},
		{"en, ", false, false, false},
		{"\n", false, true, false},
		{"en\n", true, true, true},
		{"*", true, true, true},
		{"*;q=0", true, true, true},
		{"en-US", true, true, true},
		{"en_US", true, true, false},
		{"abcdefgh", true, true, true},
		{"abcdefghi", true, true, false},
		{"en-abcdefgh", true, true, true},
		{"en-abcdefghi", true, true, false},
		{"1en", true, true, false},
		{"en-1", true, true, true},
		{"en-", true, true, false},
		{"*-en", true, true, false},
		{"utf-8;level=1", false, false, false},
		{"a;q=1.1", false, false, false},
		{"a ;Q=0.5", true, true, true},
	}
	for _, tt := range tests {
		if got := ParseAcceptCharset(tt.in).Valid(); got != tt.charset {
			t.Errorf("ParseAcceptCharset(%q).Valid() = %v, want %v", tt.in, got, tt.charset)
		}
		if got := ParseAcceptEncoding(tt.in).Valid(); got != tt.encoding {
			t.Errorf("ParseAcceptEncoding(%q).Valid() = %v, want %v", tt.in, got, tt.encoding)
		}
		if got := ParseAcceptLanguage(tt.in).Valid(); got != tt.lang {
			t.Errorf("ParseAcceptLanguage(%q).Valid() = %v, want %v", tt.in, got, tt.lang)
		}
	}
}

func TestAcceptStates(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a              Accept
		header         string
		present, valid bool
	}{
		{Accept{}, "", false, false},
		{Accept{}, "", false, false},
		{ParseAccept(""), "", true, true},
		{ParseAccept("bad"), "bad", true, false},
	} {
		h, ok := tt.a.Header()
		if h != tt.header || ok != tt.present || tt.a.Present() != tt.present || tt.a.Valid() != tt.valid {
			t.Errorf("%#v: Header() = %q, %v; Present() = %v; Valid() = %v", tt.a, h, ok, tt.a.Present(), tt.a.Valid())
		}
	}
}

func TestAcceptBestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		present      bool
		offers       []string
		want         string
	}{
		{"absent takes first offer", "", false, []string{"b/c", "a/b"}, "b/c"},
		{"invalid takes first offer", "text/html;q=2", true, []string{"x", "a/b"}, "x"},
		{"absent no offers", "", false, nil, ""},
		{"empty header", "", true, []string{"text/html"}, ""},
		{"q decides", "text/html;q=0.5, application/json", true, []string{"text/html", "application/json"}, "application/json"},
		{"server order on tie", "text/html, application/json", true, []string{"application/json", "text/html"}, "application/json"},
		{"fewer stars win a tie", "*/*, text/html", true, []string{"image/png", "text/html"}, "text/html"},
		{"q=0 is never a match", "text/html;q=0", true, []string{"text/html"}, ""},
		{"legacy: q=0 does not veto a wildcard", "text/html;q=0, */*;q=0.1", true, []string{"text/html"}, "text/html"},
		{"offer wildcard", "text/html", true, []string{"*/*"}, "*/*"},
		{"offer type wildcard", "text/html", true, []string{"text/*"}, "text/*"},
		{"case-insensitive", "TEXT/HTML", true, []string{"text/html"}, "text/html"},
		{"params only match exactly", "text/html;level=1", true, []string{"text/html", "text/html;level=1"}, "text/html;level=1"},
		{"params canonicalised", `text/html ; a="b"`, true, []string{"text/html;a=b"}, "text/html;a=b"},
		{"params quoted canonically", `text/html;a="x y"`, true, []string{`text/html;a="x y"`}, `text/html;a="x y"`},
		{"chrome", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true, []string{"application/json", "text/html"}, "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := acceptOf(tt.header, tt.present).BestMatch(tt.offers); got != tt.want {
				t.Errorf("ParseAccept(%q, %v).BestMatch(%q) = %q, want %q", tt.header, tt.present, tt.offers, got, tt.want)
			}
		})
	}
}

func TestAcceptAcceptableOffers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		present      bool
		offers       []string
		want         string
	}{
		{"absent keeps valid offers", "", false, []string{"text/html", "text/*", "x", "text/html"}, "[{text/html 1} {text/html 1}]"},
		{"most specific wins", "text/*;q=0.3, text/html;q=0.7, text/html;level=1;q=0.9, */*;q=0.1", true,
			[]string{"text/plain", "text/html", "text/html;level=1", "image/png"},
			"[{text/html;level=1 0.9} {text/html 0.7} {text/plain 0.3} {image/png 0.1}]"},
		{"specific q=0 vetoes", "text/html;q=0, */*", true, []string{"text/html", "text/plain"}, "[{text/plain 1}]"},
		{"duplicates collapse", "*/*", true, []string{"a/b", "c/d", "a/b"}, "[{a/b 1} {c/d 1}]"},
		{"first of equally specific", "a/b;q=0.2, a/b;q=0.9", true, []string{"a/b"}, "[{a/b 0.2}]"},
		{"params must match in order", "a/b;x=1;y=2", true, []string{"a/b;y=2;x=1", "a/b;X=1; y=\"2\""}, "[{a/b;X=1; y=\"2\" 1}]"},
		{"nothing", "a/b", true, []string{"c/d"}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := acceptOf(tt.header, tt.present)
			offers := a.AcceptableOffers(tt.offers)
			assert.Equal(t, tt.want, fmt.Sprint(offers), "AcceptableOffers(%q)", tt.offers)
			preferred, ok := a.Preferred(tt.offers)
			assert.Equal(t, len(offers) > 0, ok, "Preferred(%q) found", tt.offers)
			if len(offers) > 0 {
				assert.Equal(t, offers[0].Value, preferred, "Preferred(%q)", tt.offers)
			}
		})
	}
}

func TestAcceptMask(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"text/html", "text/html"},
		{"text/html;a=b;c=d", "text/html;a=b;c=d"},
		{"text/html ; a=b", "text/html;a=b"},
		{`text/html;a="b"`, "text/html;a=b"},
		{`text/html;a="\b"`, "text/html;a=b"},
		{`text/html;a=""`, `text/html;a=""`},
		{`text/html;a="x y"`, `text/html;a="x y"`},
		{`text/html;a="x\"y"`, `text/html;a="x\"y"`},
		{`text/html;a="x\\y"`, `text/html;a="x\\y"`},
		{`text/html;a="x/y"`, `text/html;a="x/y"`},
	}
	for _, tt := range tests {
		m, end := parseMediaRange(tt.in, 0, true)
		if end != len(tt.in) {
			t.Fatalf("parseMediaRange(%q) end = %d", tt.in, end)
		}
		if got := m.mask(); got != tt.want {
			t.Errorf("parseMediaRange(%q).mask() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAcceptQualityAndHTML(t *testing.T) {
	t.Parallel()
	a := ParseAccept("text/*;q=0.3, text/html;q=0, image/png")
	for _, tt := range []struct {
		offer string
		q     float64
		ok    bool
	}{
		{"text/html", 0.3, true}, // legacy: the highest matching q, q=0 ignored
		{"text/plain", 0.3, true},
		{"image/png", 1, true},
		{"application/json", 0, false},
	} {
		if q, ok := a.Quality(tt.offer); q != tt.q || ok != tt.ok {
			t.Errorf("Quality(%q) = %v, %v; want %v, %v", tt.offer, q, ok, tt.q, tt.ok)
		}
	}
	if q, ok := (Accept{}).Quality("x"); q != 1 || !ok {
		t.Errorf("absent Quality = %v, %v; want 1, true", q, ok)
	}
	for _, tt := range []struct {
		header  string
		present bool
		want    bool
	}{
		{"", false, true},
		{"nonsense", true, true},
		{"", true, false},
		{"image/png", true, false},
		{"*/*", true, true},
		{"text/*", true, true},
		{"application/xml;q=0.1", true, true},
		{"text/html;q=0, */*;q=0", true, false},
	} {
		if got := acceptOf(tt.header, tt.present).AcceptHTML(); got != tt.want {
			t.Errorf("ParseAccept(%q, %v).AcceptHTML() = %v, want %v", tt.header, tt.present, got, tt.want)
		}
	}
}

func TestAcceptCharsetEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		offers       []string
		charset      string
		encoding     string
	}{
		{"star", "*", []string{"a", "b"}, "[{a 1} {b 1}]", "[{a 1} {b 1}]"},
		{"star q0", "*;q=0", []string{"a", "identity"}, "[]", "[]"},
		{"identity implicit", "gzip", []string{"identity", "gzip", "br"}, "[{gzip 1}]", "[{identity 1} {gzip 1}]"},
		{"identity refused", "identity;q=0", []string{"identity"}, "[]", "[]"},
		{"star before identity", "*;q=0.5, identity;q=0.2", []string{"identity", "x"}, "[{x 0.5} {identity 0.2}]", "[{x 0.5} {identity 0.2}]"},
		{"first occurrence decides", "a;q=0, a, b;q=0.5, b", []string{"a", "b"}, "[{b 0.5}]", "[{b 0.5}]"},
		{"case-insensitive", "UTF-8;q=0.7", []string{"utf-8"}, "[{utf-8 0.7}]", "[{utf-8 0.7}]"},
		{"order by q then offers", "a;q=0.5, b;q=0.9, c;q=0.5", []string{"c", "a", "b"}, "[{b 0.9} {c 0.5} {a 0.5}]", "[{b 0.9} {c 0.5} {a 0.5}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(ParseAcceptCharset(tt.header).AcceptableOffers(tt.offers)); got != tt.charset {
				t.Errorf("ParseAcceptCharset(%q).AcceptableOffers(%q) = %s, want %s", tt.header, tt.offers, got, tt.charset)
			}
			if got := fmt.Sprint(ParseAcceptEncoding(tt.header).AcceptableOffers(tt.offers)); got != tt.encoding {
				t.Errorf("ParseAcceptEncoding(%q).AcceptableOffers(%q) = %s, want %s", tt.header, tt.offers, got, tt.encoding)
			}
		})
	}
	if got := fmt.Sprint(ParseAcceptEncoding("").AcceptableOffers([]string{"gzip", "identity"})); got != "[{identity 1}]" {
		t.Errorf("empty Accept-Encoding AcceptableOffers = %s, want [{identity 1}]", got)
	}
	if got := fmt.Sprint(AcceptCharset{}.AcceptableOffers([]string{"x", "x"})); got != "[{x 1} {x 1}]" {
		t.Errorf("absent Accept-Charset AcceptableOffers = %s", got)
	}
	// Legacy best_match: "*" matches gzip with q=1 first, and br ties.
	if got := ParseAcceptEncoding("gzip;q=0.5, *").BestMatch([]string{"gzip", "br"}); got != "gzip" {
		t.Errorf("BestMatch = %q, want gzip", got)
	}
	if q, ok := ParseAcceptCharset("a;q=0, *;q=0").Quality("a"); ok || q != 0 {
		t.Errorf("Quality = %v, %v; want 0, false", q, ok)
	}
}

func TestAcceptEntryCap(t *testing.T) {
	t.Parallel()
	// Element maxAcceptEntries+1 is validated but not used.
	var b strings.Builder
	for i := range maxAcceptEntries {
		fmt.Fprintf(&b, "x%d/y, ", i)
	}
	b.WriteString("text/html")
	h := b.String()
	a := ParseAccept(h)
	if !a.Valid() {
		t.Fatal("long header not valid")
	}
	if got := a.BestMatch([]string{"text/html"}); got != "" {
		t.Errorf("BestMatch past the cap = %q, want \"\"", got)
	}
	if got := a.BestMatch([]string{fmt.Sprintf("x%d/y", maxAcceptEntries-1)}); got == "" {
		t.Errorf("BestMatch at the cap = %q", got)
	}
	if ParseAccept(h + ", bad").Valid() {
		t.Error("an invalid element past the cap must still make the header invalid")
	}
	l := ParseAcceptLanguage(strings.Repeat("en;q=0.1, ", maxAcceptEntries) + "fr")
	if got := l.Lookup([]string{"fr"}, "zz"); got != "zz" {
		t.Errorf("Lookup past the cap = %q, want zz", got)
	}
}

// chromeAccept is what Chrome sends for a navigation.
const chromeAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif," +
	"image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"

// acceptOf is ParseAccept for a present header and the zero Accept for an
// absent one, for the tables that have both.
func acceptOf(v string, present bool) Accept {
	if !present {
		return Accept{}
	}
	return ParseAccept(v)
}

// acceptLanguageOf is acceptOf for Accept-Language.
func acceptLanguageOf(v string, present bool) AcceptLanguage {
	if !present {
		return AcceptLanguage{}
	}
	return ParseAcceptLanguage(v)
}

func BenchmarkAccept(b *testing.B) {
	offers := []string{"application/json", "text/html", "image/png"}
	for _, bb := range []struct{ name, header string }{
		{"simple", "text/html"},
		{"chrome", chromeAccept},
		{"quoted", `text/html;level="1";q=0.5, text/*;q=0.1`},
	} {
		b.Run("Parse/"+bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = ParseAccept(bb.header)
			}
		})
		b.Run("BestMatch/"+bb.name, func(b *testing.B) {
			b.ReportAllocs()
			a := ParseAccept(bb.header)
			for b.Loop() {
				_ = a.BestMatch(offers)
			}
		})
		b.Run("AcceptableOffers/"+bb.name, func(b *testing.B) {
			b.ReportAllocs()
			a := ParseAccept(bb.header)
			for b.Loop() {
				_ = a.AcceptableOffers(offers)
			}
		})
	}
}
