package header_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseAuthorization(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         string
		wantScheme string
		wantParams map[string]string
		wantRaw    string
		wantString string
	}{
		{"basic stays raw", "Basic dXNlcjpwYXNz", "Basic", nil, "dXNlcjpwYXNz", "Basic dXNlcjpwYXNz"},
		{"basic with a quote is parsed", `Basic realm="x"`, "Basic", map[string]string{"realm": "x"}, `realm="x"`, `Basic realm="x"`},
		{"unknown scheme stays raw", "Bearer abc.def", "Bearer", nil, "abc.def", "Bearer abc.def"},
		{"scheme is case-sensitive", "digest a=1", "digest", nil, "a=1", "digest a=1"},
		{"digest", `Digest username="Mufasa", qop=auth, nc=00000001`, "Digest",
			map[string]string{"username": "Mufasa", "qop": "auth", "nc": "00000001"},
			`username="Mufasa", qop=auth, nc=00000001`, `Digest username="Mufasa", qop="auth", nc="00000001"`},
		{"comma in quotes", `Digest realm="a,b", x=y`, "Digest", map[string]string{"realm": "a,b", "x": "y"},
			`realm="a,b", x=y`, `Digest realm="a,b", x="y"`},
		{"last duplicate wins, first position kept", "Digest a=1, b=2, a=3", "Digest",
			map[string]string{"a": "3", "b": "2"}, "a=1, b=2, a=3", `Digest a="3", b="2"`},
		{"upper-case name is cut", "Digest Realm=x", "Digest", map[string]string{"ealm": "x"}, "Realm=x", `Digest ealm="x"`},
		{"spaces around =", "Digest a = 1 ,b=2", "Digest", map[string]string{"a": "1", "b": "2"}, "a = 1 ,b=2", `Digest a="1", b="2"`},
		{"no params", "Digest", "Digest", map[string]string{}, "", "Digest "},
		{"empty", "", "", nil, "", " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, ok := header.ParseAuthorization(tt.in)
			assert.Truef(t, ok, "ParseAuthorization(%q) ok", tt.in)
			assert.Equalf(t, tt.wantScheme, a.Scheme, "ParseAuthorization(%q).Scheme", tt.in)
			assert.Equalf(t, tt.wantParams, a.Params, "ParseAuthorization(%q).Params", tt.in)
			assert.Equalf(t, tt.wantRaw, a.Raw, "ParseAuthorization(%q).Raw", tt.in)
			assert.Equalf(t, tt.wantString, a.String(), "ParseAuthorization(%q).String()", tt.in)
		})
	}
}

func TestRequestAuthorization(t *testing.T) {
	t.Parallel()
	r := request.New(request.Environ{}, nil)
	_, ok := r.Authorization()
	assert.False(t, ok, "Authorization() without the header")
	r.Environ["HTTP_AUTHORIZATION"] = "Basic dXNlcjpwYXNz"
	a, ok := r.Authorization()
	assert.True(t, ok)
	assert.Equal(t, "Basic", a.Scheme)
	assert.Equal(t, "dXNlcjpwYXNz", a.Raw)

	built := header.Authorization{Scheme: "Digest", Params: map[string]string{"b": "2", "a": "1"}}
	assert.Equal(t, `Digest a="1", b="2"`, built.String(), "hand-built params serialise sorted")
}

func TestParseAuthorizationCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Digest ")
	for i := 0; i < 300; i++ {
		b.WriteString("a")
		b.WriteString(strings.Repeat("b", i%7+1))
		b.WriteString(`="x", `)
	}
	a, _ := header.ParseAuthorization(b.String())
	assert.LessOrEqual(t, len(a.Params), 100)
}

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{"Basic dXNlcjpwYXNz", `Digest username="Mufasa", realm="a,b", qop=auth`,
		`Digest a="x"y, b=2`, "Digest a=1,,b=2", `Basic "`, "Bearer x", "", "Digest a=\"x\ny\", b=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := header.ParseAuthorization(s)
		if !ok {
			t.Fatalf("ParseAuthorization(%q) not ok", s)
		}
		if len(a.Params) > 100 {
			t.Fatalf("ParseAuthorization(%q) has %d params", s, len(a.Params))
		}
		if a.Scheme+" "+a.Raw != s && strings.Contains(s, " ") {
			t.Fatalf("ParseAuthorization(%q): Scheme %q + Raw %q", s, a.Scheme, a.Raw)
		}
		for k := range a.Params {
			if k == "" || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") != "" {
				t.Fatalf("ParseAuthorization(%q): param name %q", s, k)
			}
		}
		// A serialised raw Authorization parses back to itself.
		if a.Params == nil && strings.Contains(s, " ") {
			back, _ := header.ParseAuthorization(a.String())
			if back.Scheme != a.Scheme || back.Raw != a.Raw {
				t.Fatalf("ParseAuthorization(%q).String() = %q parses to %+v", s, a.String(), back)
			}
		}
	})
}
