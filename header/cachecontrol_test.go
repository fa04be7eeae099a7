package header_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func TestParseCacheControl(t *testing.T) {
	t.Parallel()
	type d = header.CacheDirective
	tests := []struct {
		name       string
		in         string
		want       []header.CacheDirective
		wantString string
	}{
		{"empty", "", nil, ""},
		{"flags and values keep order, String sorts", "public, max-age=3600, no-store",
			[]d{{"public", "", false}, {"max-age", "3600", true}, {"no-store", "", false}},
			"max-age=3600, no-store, public"},
		{"quoted value", `no-cache="Set-Cookie, X"`, []d{{"no-cache", "Set-Cookie, X", true}}, `no-cache="Set-Cookie, X"`},
		{"integers are canonical", "max-age=007, s-maxage=+5, min-fresh=1_0, a=-0",
			[]d{{"max-age", "7", true}, {"s-maxage", "5", true}, {"min-fresh", "10", true}, {"a", "0", true}},
			"a=0, max-age=7, min-fresh=10, s-maxage=5"},
		{"empty value is no value", `max-age=, no-cache=""`, []d{{"max-age", "", false}, {"no-cache", "", false}}, "max-age, no-cache"},
		{"last wins, first position", "max-age=5, public, max-age=10", []d{{"max-age", "10", true}, {"public", "", false}}, "max-age=10, public"},
		{"case kept", "Max-Age=5", []d{{"Max-Age", "5", true}}, "Max-Age=5"},
		{"unterminated quote", `a="x b`, []d{{"a", "", false}, {"x", "", false}, {"b", "", false}}, "a, b, x"},
		{"semicolon separated", "a=1;b=2", []d{{"a", "1", true}, {"b", "2", true}}, "a=1, b=2"},
		{"name starts with a letter", "5max=1", []d{{"max", "1", true}}, "max=1"},
		{"nbsp before =", "a\xa0=1", []d{{"a", "1", true}}, "a=1"},
		{"quotes when needed", "foo=a/b", []d{{"foo", "a/b", true}}, `foo="a/b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cc := header.ParseCacheControl(tt.in)
			assert.Equalf(t, tt.want, cc.Directives(), "ParseCacheControl(%q).Directives()", tt.in)
			assert.Equalf(t, tt.wantString, cc.String(), "ParseCacheControl(%q).String()", tt.in)
		})
	}
}

func TestCacheControlGetters(t *testing.T) {
	t.Parallel()
	cc := header.ParseCacheControl(`max-age, s-maxage=60, min-fresh=abc, max-stale, no-cache="X", private, ` +
		"no-store, no-transform, only-if-cached, public, must-revalidate, proxy-revalidate, stale-while-revalidate=5, stale-if-error")
	intTests := []struct {
		name   string
		get    func() (int, bool)
		want   int
		wantOK bool
	}{
		{"MaxAge", cc.MaxAge, -1, true},
		{"SMaxAge", cc.SMaxAge, 60, true},
		{"MinFresh", cc.MinFresh, 0, false},
		{"StaleWhileRevalidate", cc.StaleWhileRevalidate, 5, true},
		{"StaleIfError", cc.StaleIfError, 0, false},
	}
	for _, tt := range intTests {
		got, ok := tt.get()
		assert.Equalf(t, [2]any{tt.want, tt.wantOK}, [2]any{got, ok}, "%s()", tt.name)
	}
	starTests := []struct {
		name string
		get  func() (string, bool)
		want string
	}{
		{"MaxStale", cc.MaxStale, "*"},
		{"NoCache", cc.NoCache, "X"},
		{"Private", cc.Private, "*"},
	}
	for _, tt := range starTests {
		got, ok := tt.get()
		assert.Equalf(t, [2]any{tt.want, true}, [2]any{got, ok}, "%s()", tt.name)
	}
	for name, got := range map[string]bool{
		"NoStore": cc.NoStore(), "NoTransform": cc.NoTransform(), "OnlyIfCached": cc.OnlyIfCached(),
		"Public": cc.Public(), "MustRevalidate": cc.MustRevalidate(), "ProxyRevalidate": cc.ProxyRevalidate(),
	} {
		assert.Truef(t, got, "%s()", name)
	}
	v, ok := cc.Lookup("min-fresh")
	assert.Equal(t, [2]any{"abc", true}, [2]any{v, ok}, `Get("min-fresh")`)

	var empty header.CacheControl
	_, ok = empty.MaxAge()
	assert.False(t, ok, "MaxAge() of an empty header")
	_, ok = empty.NoCache()
	assert.False(t, ok, "NoCache() of an empty header")
	assert.False(t, empty.NoStore(), "NoStore() of an empty header")
}

func TestCacheControlSetters(t *testing.T) {
	t.Parallel()
	cc := header.ParseCacheControl("max-age=5, public")
	cc.SetInt("max-age", 60)
	cc.SetFlag("public", false)
	cc.SetFlag("no-store", true)
	cc.Set("no-cache", "Set-Cookie")
	assert.Equal(t, "max-age=60, no-cache=Set-Cookie, no-store", cc.String())
	cc.Del("no-cache")
	cc.Del("absent")
	assert.Equal(t, "max-age=60, no-store", cc.String())
	assert.True(t, cc.Has("no-store"))
}

func TestRequestCacheControl(t *testing.T) {
	t.Parallel()
	r := request.New(request.Environ{"HTTP_CACHE_CONTROL": "no-cache, max-age=0"}, nil)
	cc := r.CacheControl()
	v, ok := cc.NoCache()
	assert.Equal(t, [2]any{"*", true}, [2]any{v, ok})
	n, ok := cc.MaxAge()
	assert.Equal(t, [2]any{0, true}, [2]any{n, ok})
}

func TestParseCacheControlCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString("x")
		b.WriteString(strings.Repeat("a", i/26))
		b.WriteByte(byte('a' + i%26))
		b.WriteString(", ")
	}
	assert.Len(t, header.ParseCacheControl(b.String()).Directives(), 100)
}

func FuzzParseCacheControl(f *testing.F) {
	for _, s := range []string{"", "no-cache", "public, max-age=3600", `private="Set-Cookie, X"`, "max-age=007",
		`a="unterminated`, "a=1;b=2", "max-age=99999999999999999999", "max-age=\xa05", "foo=a/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cc := header.ParseCacheControl(s)
		dirs := cc.Directives()
		if len(dirs) > 100 {
			t.Fatalf("ParseCacheControl(%q) has %d directives", s, len(dirs))
		}
		seen := map[string]bool{}
		for _, d := range dirs {
			if seen[d.Name] {
				t.Fatalf("ParseCacheControl(%q): duplicate %q", s, d.Name)
			}
			seen[d.Name] = true
		}
		cc.MaxAge()
		cc.SMaxAge()
		cc.NoCache()
		// String is stable: parsing it again gives the same String, as
		// long as no value holds a double quote (which WebOb does not
		// escape either).
		out := cc.String()
		if strings.Contains(out, `""`) || strings.Count(out, `"`)%2 != 0 {
			return
		}
		for _, d := range dirs {
			if strings.ContainsRune(d.Value, '"') {
				return
			}
		}
		if again := header.ParseCacheControl(out).String(); again != out {
			t.Fatalf("ParseCacheControl(%q).String() = %q, which reparses to %q", s, out, again)
		}
	})
}
