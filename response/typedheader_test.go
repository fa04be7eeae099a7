package response_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/response"
)

// typedGolden is testdata/golden_typed_headers.json, made from WebOb 1.8.6
// by internal/golden/gen_typed_headers.py.
type typedGolden struct {
	WebOb string `json:"webob_version"`
	Get   []struct {
		Header, Value string
		Get           any
	}
	Set []struct {
		Prop    string
		Set     any
		Headers []string
	}
}

func TestTypedHeadersGolden(t *testing.T) {
	defer response.FreezeNow(time.Date(2021, 6, 15, 12, 0, 0, 0, time.UTC))()
	var g typedGolden
	testutil.LoadGolden(t, "golden_typed_headers.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)
	now := time.Date(2021, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, c := range g.Get {
		r := response.New()
		r.Header().Set(c.Header, c.Value)
		name := c.Header + ": " + c.Value
		switch c.Header {
		case "WWW-Authenticate":
			a, ok := r.WWWAuthenticate()
			require.True(t, ok, name)
			want := c.Get.([]any)
			assert.Equal(t, want[0], a.Scheme, name)
			if m, isMap := want[1].(map[string]any); isMap {
				got := map[string]any{}
				for k, v := range a.Params {
					got[k] = v
				}
				assert.Equal(t, m, got, name)
			} else {
				assert.Nil(t, a.Params, name)
				assert.Equal(t, want[1], a.Raw, name)
			}
		case "Retry-After":
			got, ok := r.RetryAfter()
			if c.Get == nil {
				assert.False(t, ok, name)
				continue
			}
			require.True(t, ok, name)
			want := c.Get.(map[string]any)
			if d, isDelta := want["delta"]; isDelta {
				assert.Equal(t, now.Add(time.Duration(d.(float64))*time.Second), got, name)
			} else {
				assert.Equal(t, int64(want["unix"].(float64)), got.Unix(), name)
			}
		case "Content-Range":
			cr, ok := r.ContentRange()
			if c.Get == nil {
				assert.False(t, ok, name)
				continue
			}
			require.True(t, ok, name)
			assert.Equal(t, c.Get.([]any)[3], cr.String(), name)
		case "Age":
			n, ok := r.Age()
			if c.Get == nil {
				assert.False(t, ok, name)
				continue
			}
			require.True(t, ok, name)
			assert.Equal(t, int(c.Get.(float64)), n, name)
		default:
			t.Fatalf("unknown header %q", c.Header)
		}
	}
	for _, c := range g.Set {
		r := response.New()
		var err error
		switch c.Prop {
		case "www_authenticate":
			v := c.Set.([]any)
			if m, isMap := v[1].(map[string]any); isMap {
				// WebOb keeps the dict's insertion order; the JSON sorted
				// it, so give the pairs in the order WebOb wrote them.
				var pairs []string
				for _, part := range strings.Split(strings.SplitN(c.Headers[0], " ", 2)[1], ", ") {
					k, _, _ := strings.Cut(part, "=")
					pairs = append(pairs, k, m[k].(string))
				}
				err = r.SetWWWAuthenticate(header.NewAuthorization(v[0].(string), pairs...))
			} else {
				err = r.SetWWWAuthenticate(header.Authorization{Scheme: v[0].(string), Raw: v[1].(string)})
			}
		case "retry_after":
			v := c.Set.(map[string]any)
			if s, ok := v["seconds"]; ok {
				r.SetRetryAfter(time.Duration(s.(float64)) * time.Second)
			} else {
				r.SetRetryAfterDate(time.Unix(int64(v["unix"].(float64)), 0))
			}
		case "content_range":
			v := c.Set.([]any)
			cr := header.ContentRange{Start: -1, Stop: -1, Length: int64(v[2].(float64))}
			if v[0] != nil {
				cr.Start, cr.Stop = int64(v[0].(float64)), int64(v[1].(float64))
			}
			r.SetContentRange(cr)
		case "age":
			r.SetAge(int(c.Set.(float64)))
		case "content_location":
			err = r.SetContentLocation(c.Set.(string))
		case "accept_ranges":
			err = r.SetAcceptRanges(c.Set.(string))
		case "server":
			err = r.SetServer(c.Set.(string))
		case "pragma":
			err = r.SetPragma(c.Set.(string))
		}
		require.NoError(t, err, c.Prop)
		name := map[string]string{"www_authenticate": "WWW-Authenticate", "retry_after": "Retry-After",
			"content_range": "Content-Range", "age": "Age", "content_location": "Content-Location",
			"accept_ranges": "Accept-Ranges", "server": "Server", "pragma": "Pragma"}[c.Prop]
		assert.Equal(t, c.Headers, r.Header().Values(name), "%s = %v", c.Prop, c.Set)
	}
}

func TestTypedHeadersRemove(t *testing.T) {
	t.Parallel()
	r := response.New()
	require.NoError(t, r.SetServer("x"))
	require.NoError(t, r.SetServer(""))
	assert.False(t, r.Header().Has("Server"))
	r.SetAge(3)
	r.SetAge(-1)
	assert.False(t, r.Header().Has("Age"))
	r.SetRetryAfter(time.Minute)
	r.SetRetryAfter(0)
	assert.False(t, r.Header().Has("Retry-After"))
	require.NoError(t, r.SetWWWAuthenticate(header.NewAuthorization("Basic", "realm", "x")))
	require.NoError(t, r.SetWWWAuthenticate(header.Authorization{}))
	assert.False(t, r.Header().Has("WWW-Authenticate"))
	assert.ErrorIs(t, r.SetPragma("a\r\nb"), response.ErrInvalidHeaderValue)
	_, ok := r.WWWAuthenticate()
	assert.False(t, ok)
}

// FuzzWWWAuthenticate: a WWW-Authenticate header the response parses
// writes back (SetWWWAuthenticate) to one that parses the same.
func FuzzWWWAuthenticate(f *testing.F) {
	for _, s := range []string{`Basic realm="app"`, `Digest realm="x", nonce="abc", qop="auth"`, "Bearer",
		`Digest a="x"y, b=2`, "Negotiate abc==", "", `Digest realm=",", b="`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\r\n") {
			return
		}
		r := response.New()
		r.Header().Set("WWW-Authenticate", v)
		a, ok := r.WWWAuthenticate()
		if !ok {
			t.Fatalf("WWWAuthenticate() of a present header reports false")
		}
		r2 := response.New()
		if err := r2.SetWWWAuthenticate(a); err != nil {
			return
		}
		b, _ := r2.WWWAuthenticate()
		if a.Params == nil {
			return // the raw form is written back as it was read
		}
		for k, want := range a.Params {
			if strings.ContainsAny(want, `"`) || strings.ContainsAny(k, `"`) {
				return // serialize_auth does not escape quotes, nor do we
			}
		}
		if fmt.Sprint(b.Params) != fmt.Sprint(a.Params) || b.Scheme != a.Scheme {
			t.Fatalf("%q parses to %q %v; written as %q it parses to %q %v", v, a.Scheme, a.Params, a.String(), b.Scheme, b.Params)
		}
	})
}

// A 401 with a challenge, and a 503 that says when to come back.
func ExampleResponse_SetWWWAuthenticate() {
	r := response.New()
	_ = r.SetStatusCode(401)
	_ = r.SetWWWAuthenticate(header.NewAuthorization("Digest", "realm", "api", "qop", "auth"))
	r.SetRetryAfter(2 * time.Minute)
	fmt.Println(r.Header().Get("WWW-Authenticate"))
	fmt.Println(r.Header().Get("Retry-After"))
	a, _ := r.WWWAuthenticate()
	fmt.Println(a.Scheme, a.Params["realm"])
	// Output:
	// Digest realm="api", qop="auth"
	// 120
	// Digest api
}
