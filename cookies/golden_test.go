package cookies_test

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/cookies"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// cookiesGolden is testdata/golden_cookies.json, made from WebOb 1.8.6 by
// internal/golden/gen_cookies.py.
type cookiesGolden struct {
	WebOb  string `json:"webob_version"`
	Signed []struct {
		Secret, Salt, HashAlg string
		CStructB64            string `json:"cstruct_b64"`
		Value                 any
		Signed                string
		Loads                 goldenLoads
	}
	SignedBad []struct {
		Secret, Salt, HashAlg, Input string
		Loads                        goldenLoads
	} `json:"signed_bad"`
	Base64 []struct {
		Value any
		Dumps string
		Input *string
		Loads goldenLoads
	}
	Profiles []struct {
		Signed   bool
		Profile  goldenProfile
		Value    any
		Headers  []string
		Cookie   string
		GetValue any  `json:"get_value"`
		ReadOnly bool `json:"read_only"`
	}
}

type goldenLoads struct {
	Value any
	Error string
}

type goldenProfile struct {
	Name     string
	Secure   bool
	HTTPOnly *bool
	SameSite *string
	Path     string
	Domains  []string
}

func loadCookiesGolden(t *testing.T) cookiesGolden {
	var g cookiesGolden
	testutil.LoadGolden(t, "golden_cookies.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)
	return g
}

// TestSignedGolden: what WebOb signed verifies and decodes here, and the
// same bytes signed here are WebOb's string exactly, so WebOb verifies
// what this package signs.
func TestSignedGolden(t *testing.T) {
	t.Parallel()
	g := loadCookiesGolden(t)
	require.NotEmpty(t, g.Signed)
	for _, c := range g.Signed {
		ss, err := cookies.NewSignedSerializer(c.Secret, c.Salt, cookies.SignedOptions{HashAlg: c.HashAlg})
		require.NoError(t, err)
		cstruct, err := base64.StdEncoding.DecodeString(c.CStructB64)
		require.NoError(t, err)
		assert.Equal(t, c.Signed, ss.Sign(cstruct), "Sign(%q) with %q/%q/%s", cstruct, c.Secret, c.Salt, c.HashAlg)

		data, err := ss.Verify(c.Signed)
		require.NoError(t, err, "Verify(WebOb's %q)", c.Signed)
		assert.Equal(t, cstruct, data)
		var got any
		require.NoError(t, ss.Loads([]byte(c.Signed), &got))
		assert.Equal(t, c.Loads.Value, got)

		// And WebOb reads what Dumps writes: its value, once verified,
		// is JSON that decodes to the same value.
		mine, err := ss.Dumps(c.Value)
		require.NoError(t, err)
		var back any
		require.NoError(t, ss.Loads(mine, &back))
		assert.Equal(t, c.Value, back)
	}
	for _, c := range g.SignedBad {
		ss, err := cookies.NewSignedSerializer(c.Secret, c.Salt, cookies.SignedOptions{HashAlg: c.HashAlg})
		require.NoError(t, err)
		var got any
		err = ss.Loads([]byte(c.Input), &got)
		if c.Loads.Error != "" {
			assert.ErrorIs(t, err, cookies.ErrInvalid, "Loads(%q)", c.Input)
		} else {
			assert.NoError(t, err, "Loads(%q)", c.Input)
			assert.Equal(t, c.Loads.Value, got)
		}
	}
}

func TestBase64Golden(t *testing.T) {
	t.Parallel()
	g := loadCookiesGolden(t)
	for _, c := range g.Base64 {
		input := c.Dumps
		if c.Input != nil {
			input = *c.Input
		} else {
			// Dumps writes compact JSON where WebOb writes ", " and ": ":
			// compare what the two decode to.
			mine, err := cookies.Base64{}.Dumps(c.Value)
			require.NoError(t, err)
			var back any
			require.NoError(t, cookies.Base64{}.Loads(mine, &back))
			assert.Equal(t, c.Value, back)
		}
		var got any
		err := cookies.Base64{}.Loads([]byte(input), &got)
		if c.Loads.Error != "" {
			assert.ErrorIs(t, err, cookies.ErrInvalid, "Loads(%q)", input)
			continue
		}
		require.NoError(t, err, "Loads(%q)", input)
		assert.Equal(t, c.Loads.Value, got)
	}
}

// TestProfileGolden: the Set-Cookie headers of a profile, and the value
// it reads back from a request, are WebOb's. Headers that hold a value
// WebOb serialized with spaces are compared through the value they carry.
func TestProfileGolden(t *testing.T) {
	t.Parallel()
	g := loadCookiesGolden(t)
	require.NotEmpty(t, g.Profiles)
	for _, c := range g.Profiles {
		p := cookies.Profile{Name: c.Profile.Name, Domains: c.Profile.Domains, Cookie: response.CookieOptions{
			Path: c.Profile.Path, Secure: c.Profile.Secure,
		}}
		if c.Profile.HTTPOnly != nil {
			p.Cookie.HTTPOnly = *c.Profile.HTTPOnly
		}
		if c.Profile.SameSite != nil {
			p.Cookie.SameSite = *c.Profile.SameSite
		}
		if c.Signed {
			sp, err := cookies.NewSigned(c.Profile.Name, "seekrit", "salty", cookies.SignedOptions{})
			require.NoError(t, err)
			p.Serializer = sp.Serializer
		}
		env := request.Environ{}
		if c.Cookie != "" {
			env["HTTP_COOKIE"] = c.Cookie
		}
		var got any
		ok := p.Value(request.New(env, nil), &got)
		assert.Equal(t, c.GetValue != nil, ok, "Value(%q)", c.Cookie)
		assert.Equal(t, c.GetValue, got, "Value(%q)", c.Cookie)
		if c.ReadOnly {
			continue
		}
		lines, err := p.Headers(c.Value)
		require.NoError(t, err)
		require.Len(t, lines, len(c.Headers))
		for i, want := range c.Headers {
			if c.Value == nil || isString(c.Value) {
				// No JSON spacing difference: byte for byte.
				assert.Equal(t, want, lines[i])
				continue
			}
			assert.Equal(t, attrs(want), attrs(lines[i]), "attributes of %q", lines[i])
		}
	}
}

func isString(v any) bool { _, ok := v.(string); return ok }

// attrs returns a Set-Cookie line without its value.
func attrs(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == ';' {
			return line[i:]
		}
	}
	return ""
}

func TestSignedRotation(t *testing.T) {
	t.Parallel()
	old, err := cookies.NewSignedSerializer("old-secret", "s", cookies.SignedOptions{})
	require.NoError(t, err)
	signedOld, err := old.Dumps(map[string]any{"u": "ada"})
	require.NoError(t, err)

	rotated, err := cookies.NewSignedSerializer("new-secret", "s", cookies.SignedOptions{OldSecrets: []string{"old-secret"}})
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, rotated.Loads(signedOld, &got), "an old secret verifies")
	assert.Equal(t, "ada", got["u"])

	signedNew, err := rotated.Dumps("x")
	require.NoError(t, err)
	var s string
	assert.ErrorIs(t, old.Loads(signedNew, &s), cookies.ErrInvalid, "the new secret signs")

	newOnly, err := cookies.NewSignedSerializer("new-secret", "s", cookies.SignedOptions{})
	require.NoError(t, err)
	assert.NoError(t, newOnly.Loads(signedNew, &s))
	assert.ErrorIs(t, newOnly.Loads(signedOld, &s), cookies.ErrInvalid, "without the old secret, old values fail")
}

func TestNewSignedSerializerErrors(t *testing.T) {
	t.Parallel()
	_, err := cookies.NewSignedSerializer("", "s", cookies.SignedOptions{})
	assert.Error(t, err)
	_, err = cookies.NewSignedSerializer("k", "s", cookies.SignedOptions{HashAlg: "sha3"})
	assert.Error(t, err)
}

func TestProfileTooLong(t *testing.T) {
	t.Parallel()
	_, err := cookies.Profile{Name: "big"}.Headers(string(make([]byte, 4000)))
	assert.Error(t, err)
}
