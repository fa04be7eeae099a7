package cookies

import (
	"fmt"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// maxValueBytes is WebOb's limit on a serialized cookie value.
const maxValueBytes = 4093

// Profile is WebOb's CookieProfile and SignedCookieProfile: one cookie
// holding a serialized value, read from a request and written to a
// response, once per domain. Where WebOb binds a profile to a request
// and takes per-call keyword overrides, a Profile is a plain value: pass
// the request to Value, and copy the Profile to change a field for one
// call.
type Profile struct {
	// Name is the cookie's name.
	Name string

	// Serializer stores values. If nil, Base64{} is used (WebOb's
	// CookieProfile default); a *SignedSerializer makes it WebOb's
	// SignedCookieProfile.
	Serializer Serializer

	// Cookie holds the attributes of the cookies written: Path ("" is
	// "/"), MaxAge, Secure, HTTPOnly, SameSite. Its Domain is not used:
	// see Domains.
	Cookie response.CookieOptions

	// Domains gets one cookie per domain; if empty, one cookie without a
	// Domain attribute is written.
	Domains []string
}

// NewSigned returns the Profile of WebOb's SignedCookieProfile(secret,
// salt, name): values signed by NewSignedSerializer(secret, salt, opts).
func NewSigned(name, secret, salt string, opts SignedOptions) (Profile, error) {
	ss, err := NewSignedSerializer(secret, salt, opts)
	if err != nil {
		return Profile{}, err
	}
	return Profile{Name: name, Serializer: ss}, nil
}

func (p Profile) serializer() Serializer {
	if p.Serializer == nil {
		return Base64{}
	}
	return p.Serializer
}

// Value decodes the cookie's value from req into dst, and reports whether
// the request has the cookie and it decodes (verifies, for a signed
// profile), as WebOb's get_value returns None otherwise.
func (p Profile) Value(req *request.Request, dst any) bool {
	v, ok := req.Cookie(p.Name)
	if !ok {
		return false
	}
	return p.serializer().Loads([]byte(v), dst) == nil
}

// Headers returns the Set-Cookie header values that store v, one per
// domain, as WebOb's get_headers: v nil deletes the cookie (an empty
// value, Max-Age=0 and an expires date in 1997). A serialized value over
// 4093 bytes is an error, as in WebOb, and so are the errors of
// response.MakeCookie.
func (p Profile) Headers(v any) ([]string, error) {
	var value string
	if v != nil {
		b, err := p.serializer().Dumps(v)
		if err != nil {
			return nil, err
		}
		if len(b) > maxValueBytes {
			return nil, fmt.Errorf("cookies: cookie value is too long to store (%d bytes)", len(b))
		}
		value = string(b)
	}
	domains := p.Domains
	if len(domains) == 0 {
		domains = []string{""}
	}
	out := make([]string, 0, len(domains))
	for _, d := range domains {
		opts := p.Cookie
		opts.Domain, opts.Overwrite = d, false
		var (
			line string
			err  error
		)
		if v == nil {
			line, err = response.MakeDeleteCookie(p.Name, opts)
		} else {
			line, err = response.MakeCookie(p.Name, value, opts)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	return out, nil
}

// SetCookies adds Headers(v) to resp, as WebOb's set_cookies.
func (p Profile) SetCookies(resp *response.Response, v any) error {
	lines, err := p.Headers(v)
	if err != nil {
		return err
	}
	for _, l := range lines {
		resp.Header().Add("Set-Cookie", l)
	}
	return nil
}
