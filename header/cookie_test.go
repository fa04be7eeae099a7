package header_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseCookies(t *testing.T) {
	t.Parallel()
	type c = header.Cookie
	tests := []struct {
		name string
		in   string
		want []header.Cookie
	}{
		{"empty", "", nil},
		{"one", "a=b", []c{{"a", "b"}}},
		{"several", "a=b; c=d;e=f", []c{{"a", "b"}, {"c", "d"}, {"e", "f"}}},
		{"duplicates kept in order", "a=1; b=2; a=3", []c{{"a", "1"}, {"b", "2"}, {"a", "3"}}},
		{"spaces around = and ;", " a = b ; c= d", []c{{"a", "b"}, {"c", "d"}}},
		{"quoted", `a="x y"`, []c{{"a", "x y"}}},
		{"escaped quote", `a="x\"y"`, []c{{"a", `x"y`}}},
		{"octal escape", `a="\012"`, []c{{"a", "\n"}}},
		{"octal escape unquoted", `a=\101\102`, []c{{"a", "AB"}}},
		{"octal out of range is a plain escape", `a=\400`, []c{{"a", "400"}}},
		{"trailing backslash dropped", `a=x\`, []c{{"a", "x"}}},
		{"unterminated quote gives empty value", `a="x; b=y`, []c{{"a", ""}, {"b", "y"}}},
		{"unterminated quote backtracks to last escape", `a="x\"y`, []c{{"a", `x\`}}},
		{"expires date value", "a=Wed, 09-Jun-2021 10:18:14 GMT; b=c", []c{{"a", "Wed, 09-Jun-2021 10:18:14 GMT"}, {"b", "c"}}},
		{"date with spaces is cut at the comma", "a=Wed, 09 Jun 2021 10:18:14 GMT", []c{{"a", "Wed"}}},
		{"attributes dropped", "path=/; Expires=x; secure; a=b; Max-Age=1", []c{{"a", "b"}}},
		{"dollar names dropped", "$Version=1; a=b; $Path=/", []c{{"a", "b"}}},
		{"comma separated", "a=b, c=d", []c{{"a", "b"}, {"c", "d"}}},
		{"bad byte ends value", "a=b\xffc; d=e", []c{{"a", "b"}, {"d", "e"}}},
		{"bytes via escape kept raw", `a="\377"`, []c{{"a", "\xff"}}},
		{"utf-8 in quotes kept", "a=\"caf\xc3\xa9\"", []c{{"a", "caf\xc3\xa9"}}},
		{"equals in value", "a==b", []c{{"a", "=b"}}},
		{"invalid name consumes text", "a:b=c", nil},
		{"name after invalid", "{a}=b; c=d", []c{{"c", "d"}}},
		{"no equals", "a; b", nil},
		{"empty value", "a=; b=", []c{{"a", ""}, {"b", ""}}},
		{"newline between", "a=b\nc=d", []c{{"a", "b"}, {"c", "d"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equalf(t, tt.want, header.ParseCookies(tt.in), "ParseCookies(%q)", tt.in)
		})
	}
}

func TestRequestCookie(t *testing.T) {
	t.Parallel()
	r := request.New(request.Environ{"HTTP_COOKIE": `a=1; b="x\"y"; a=2; path=/`}, nil)
	assert.Equal(t, map[string]string{"a": "2", "b": `x"y`}, r.Cookies())
	tests := []struct {
		name   string
		want   string
		wantOK bool
	}{
		{"a", "2", true},
		{"b", `x"y`, true},
		{"path", "", false},
		{"c", "", false},
	}
	for _, tt := range tests {
		got, ok := r.Cookie(tt.name)
		assert.Equalf(t, [2]any{tt.want, tt.wantOK}, [2]any{got, ok}, "Cookie(%q)", tt.name)
	}
	empty := request.New(nil, nil)
	assert.Empty(t, empty.Cookies())
	_, ok := empty.Cookie("a")
	assert.False(t, ok, "Cookie on a request without a Cookie header")
}

func TestParseCookiesCap(t *testing.T) {
	t.Parallel()
	h := strings.Repeat("a=b; ", 5000)
	assert.Len(t, header.ParseCookies(h), 1000)
}

func TestCookieAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("alloc counts are not meaningful in -short mode")
	}
	r := request.New(request.Environ{"HTTP_COOKIE": "session=abc123; csrftoken=tok; theme=dark; lang=en"}, nil)
	n := testing.AllocsPerRun(100, func() {
		if v, ok := r.Cookie("theme"); !ok || v != "dark" {
			t.Fatalf("Cookie(theme) = %q, %v", v, ok)
		}
	})
	if n > 0 {
		t.Errorf("Request.Cookie allocates %v times, want 0", n)
	}
}

func BenchmarkCookie(b *testing.B) {
	headers := map[string]string{
		"short":   "session=abc123",
		"typical": "session=abc123; csrftoken=Zm9vYmFy; theme=dark; lang=en; _ga=GA1.2.3.4",
		"quoted":  `a="x y"; b="\"q\""; c=\101`,
	}
	for name, h := range headers {
		r := request.New(request.Environ{"HTTP_COOKIE": h}, nil)
		b.Run("Cookie/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Cookie("lang")
			}
		})
		b.Run("ParseCookies/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				header.ParseCookies(h)
			}
		})
	}
}

// validCookieNameOracle is WebOb's _valid_cookie_name written from its
// definition: a non-empty RFC 2616 token, not starting with "$", and not a
// cookie attribute name in any case.
func validCookieNameOracle(name string) bool {
	const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"
	if name == "" || name[0] == '$' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if strings.IndexByte(token, name[i]) < 0 {
			return false
		}
	}
	switch strings.ToLower(name) {
	case "max-age", "httponly", "samesite", "secure", "domain", "path", "expires", "comment":
		return false
	}
	return true
}

func FuzzParseCookies(f *testing.F) {
	for _, s := range []string{
		"", "a=b", "a=b; c=d", `a="x\"y"`, `a="\012"`, "a=Wed, 09-Jun-2021 10:18:14 GMT",
		"$Version=1; path=/; a=b", "a=\xff", "a==b", `a="x\"y`, "a=\\", "\x00=\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		got := header.ParseCookies(h)
		r := request.New(request.Environ{"HTTP_COOKIE": h}, nil)
		m := r.Cookies()
		for _, c := range got {
			if !validCookieNameOracle(c.Name) {
				t.Fatalf("ParseCookies(%q) returned invalid name %q", h, c.Name)
			}
			if len(c.Value) > len(h) {
				t.Fatalf("ParseCookies(%q): value %q longer than the header", h, c.Value)
			}
		}
		// Cookies and Cookie agree with ParseCookies, last value winning.
		want := map[string]string{}
		for _, c := range got {
			want[c.Name] = c.Value
		}
		if len(want) != len(m) {
			t.Fatalf("Cookies() has %d names, ParseCookies %d", len(m), len(want))
		}
		for k, v := range want {
			if m[k] != v {
				t.Fatalf("Cookies()[%q] = %q, want %q", k, m[k], v)
			}
			if got, ok := r.Cookie(k); !ok || got != v {
				t.Fatalf("Cookie(%q) = %q, %v, want %q", k, got, ok, v)
			}
		}
	})
}
