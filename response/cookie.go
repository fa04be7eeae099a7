package response

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gowebob/gowebob/internal/cookiequote"
)

// ErrInvalidCookie is the condition behind every *CookieError: SetCookie,
// DeleteCookie and UnsetCookie refused a cookie name, value or attribute.
// It matches via errors.Is.
var ErrInvalidCookie = errors.New("response: invalid cookie")

// ErrNoCookie is returned by UnsetCookie in strict mode when no Set-Cookie
// header sets the name (WebOb raises KeyError). It matches via errors.Is.
var ErrNoCookie = errors.New("response: no cookie has been set with that name")

// CookieError reports which part of a cookie SetCookie refused, and why.
// It unwraps to ErrInvalidCookie.
type CookieError struct {
	Name   string // the cookie name as given
	Attr   string // "name", "value", "path", "domain", "comment" or "samesite"
	Reason string
}

// Error returns "response: invalid cookie "<name>": <attr> <reason>".
func (e *CookieError) Error() string {
	return "response: invalid cookie " + strconv.Quote(e.Name) + ": " + e.Attr + " " + e.Reason
}

// Unwrap returns ErrInvalidCookie.
func (e *CookieError) Unwrap() error { return ErrInvalidCookie }

// CookieOptions are the attributes of a cookie set by SetCookie: WebOb's
// set_cookie keyword arguments. The zero value is a session cookie for
// Path=/ with no other attribute.
type CookieOptions struct {
	// MaxAge is the lifetime in seconds. When positive it gives
	// "Max-Age=N" and an expires date N seconds from now, as WebOb does.
	// Zero means no Max-Age (unless Expires is set); negative means
	// "Max-Age=0" with an expires date of now, which deletes the cookie
	// (WebOb's max_age=0), following net/http's convention.
	MaxAge int

	// Expires, when MaxAge is zero and Expires is not the zero time, is
	// turned into a Max-Age of the whole seconds from now until it, and that
	// Max-Age into the expires date, exactly as WebOb's deprecated expires
	// argument.
	Expires time.Time

	// Path is the Path attribute. "" means "/" (WebOb's default). CR, LF and
	// ';' are refused, and so are characters above U+00FF (WebOb encodes
	// attributes in latin-1); other bytes outside the RFC 6265 set are
	// written as \ooo octal escapes of their latin-1 byte, as WebOb does.
	Path string

	// Domain is the Domain attribute; "" leaves it out. It is checked and
	// escaped like Path.
	Domain string

	// Secure adds the secure flag.
	Secure bool

	// HTTPOnly adds the HttpOnly flag.
	HTTPOnly bool

	// SameSite is the SameSite attribute: "strict", "lax" or "none" in any
	// case, written as given; "" leaves it out. "none" requires Secure, as
	// browsers and WebOb do.
	SameSite string

	// Comment is the Comment attribute, latin-1 encoded and quoted like a
	// value; "" leaves it out.
	Comment string

	// Overwrite removes the Set-Cookie headers already set for this name
	// first (WebOb's overwrite=True, which calls unset_cookie).
	Overwrite bool
}

// cookieDeleteExpires is the date WebOb's delete_cookie writes.
const cookieDeleteExpires = "Wed, 31-Dec-97 23:59:59 GMT"

// SetCookie appends a Set-Cookie header for name=value with opts, written
// exactly as WebOb's set_cookie writes it:
//
//	name=value; Comment=...; Domain=...; Max-Age=N; Path=/; expires=Wdy, DD-Mon-YYYY HH:MM:SS GMT; secure; HttpOnly; SameSite=...
//
// A value with bytes outside the RFC 6265 cookie-octet set (space, '"',
// ',', ';', '\', non-ASCII) is double-quoted with \ooo octal escapes, as
// WebOb's _value_quote does.
//
// It returns a *CookieError (ErrInvalidCookie) and changes nothing when the
// name is not an RFC 2616 token, starts with '$' or is an attribute name
// (WebOb's checks), when SameSite is not strict, lax or none or is none
// without Secure, and, unlike WebOb, which escapes them, when the value,
// path, domain or comment contains CR or LF, or the path or domain
// contains ';'.
func (r *Response) SetCookie(name, value string, opts CookieOptions) error {
	line, err := formatCookie(name, value, opts, false)
	if err != nil {
		return err
	}
	if opts.Overwrite {
		r.UnsetCookie(name, false)
	}
	r.header.Add("Set-Cookie", line)
	return nil
}

// MakeCookie returns the Set-Cookie header value SetCookie would add, as
// WebOb's make_cookie does; opts.Overwrite is not used. Errors are those
// of SetCookie.
func MakeCookie(name, value string, opts CookieOptions) (string, error) {
	return formatCookie(name, value, opts, false)
}

// MakeDeleteCookie returns a Set-Cookie header value that deletes the
// cookie name, as WebOb's make_cookie(name, None, ...) does: an empty
// value, "Max-Age=0" and an expires date in 1997, with opts' Path, Domain,
// Secure, HttpOnly, SameSite and Comment; opts.MaxAge and opts.Expires are
// not used. Errors are those of SetCookie.
func MakeDeleteCookie(name string, opts CookieOptions) (string, error) {
	return formatCookie(name, "", opts, true)
}

// DeleteCookie appends a Set-Cookie header that deletes the cookie name on
// the client: "name=; Max-Age=0; Path=/; expires=Wed, 31-Dec-97 23:59:59
// GMT", with Domain when domain is not empty. path "" means "/". path and
// domain must match those the cookie was set with. Errors are those of
// SetCookie.
func (r *Response) DeleteCookie(name, path, domain string) error {
	line, err := formatCookie(name, "", CookieOptions{Path: path, Domain: domain}, true)
	if err != nil {
		return err
	}
	r.header.Add("Set-Cookie", line)
	return nil
}

// UnsetCookie removes the Set-Cookie headers already set for name, so that
// the cookie is not sent at all. When there is none it returns ErrNoCookie
// if strict, and nil otherwise.
//
// Unlike WebOb, which re-parses and re-serialises the remaining cookies
// (sorting them by name and dropping their secure and HttpOnly flags), the
// other Set-Cookie headers are left exactly as they were.
func (r *Response) UnsetCookie(name string, strict bool) error {
	found := false
	r.header.fields = slices.DeleteFunc(r.header.fields, func(f Field) bool {
		if equalFold(f.Name, "Set-Cookie") && setCookieName(f.Value) == name {
			found = true
			return true
		}
		return false
	})
	if !found && strict {
		return fmt.Errorf("%w: %q", ErrNoCookie, name)
	}
	return nil
}

// setCookieName returns the cookie name a Set-Cookie value sets.
func setCookieName(v string) string {
	name, _, _ := strings.Cut(v, "=")
	return strings.TrimSpace(name)
}

// cookieAttrs are the attribute names WebOb refuses as cookie names.
var cookieAttrs = []string{"path", "comment", "domain", "max-age", "expires", "secure", "httponly", "samesite"}

// validCookieName is WebOb's _valid_cookie_name: a token, not starting
// with '$', not an attribute name.
func validCookieName(name string) bool {
	if !isToken(name) || name[0] == '$' {
		return false
	}
	for _, a := range cookieAttrs {
		if equalFold(name, a) {
			return false
		}
	}
	return true
}

// formatCookie is WebOb's make_cookie (with set_cookie's handling of
// expires), plus the port's CR/LF checks. del makes the deleting cookie of
// delete_cookie.
func formatCookie(name, value string, opts CookieOptions, del bool) (string, error) {
	cerr := func(attr, reason string) error {
		return &CookieError{Name: name, Attr: attr, Reason: reason}
	}
	if !validCookieName(name) {
		return "", cerr("name", "must be an RFC 2616 token, not start with '$' and not be an attribute name")
	}
	if hasCRLF(value) {
		return "", cerr("value", "may not contain CR or LF")
	}
	path := opts.Path
	if path == "" {
		path = "/"
	}
	if strings.ContainsAny(path, "\r\n;") {
		return "", cerr("path", "may not contain CR, LF or ';'")
	}
	if strings.ContainsAny(opts.Domain, "\r\n;") {
		return "", cerr("domain", "may not contain CR, LF or ';'")
	}
	if hasCRLF(opts.Comment) {
		return "", cerr("comment", "may not contain CR or LF")
	}
	// WebOb encodes the value in UTF-8 but the attributes in latin-1.
	pathB, ok1 := latin1(path)
	domainB, ok2 := latin1(opts.Domain)
	commentB, ok3 := latin1(opts.Comment)
	switch {
	case !ok1:
		return "", cerr("path", "must be latin-1")
	case !ok2:
		return "", cerr("domain", "must be latin-1")
	case !ok3:
		return "", cerr("comment", "must be latin-1")
	}
	if opts.SameSite != "" {
		switch strings.ToLower(opts.SameSite) {
		case "strict", "lax":
		case "none":
			if !opts.Secure {
				return "", cerr("samesite", "none requires secure")
			}
		default:
			return "", cerr("samesite", "must be 'strict', 'lax', or 'none'")
		}
	}

	var (
		maxAge     int64
		hasMaxAge  bool
		expiresStr string
	)
	switch {
	case del:
		value = ""
		maxAge, hasMaxAge = 0, true
		expiresStr = cookieDeleteExpires
	case opts.MaxAge != 0 || !opts.Expires.IsZero():
		now := nowFunc()
		switch {
		case opts.MaxAge > 0:
			maxAge = int64(opts.MaxAge)
		case opts.MaxAge < 0:
			maxAge = 0
		default:
			// Python: max_age = expires - utcnow() as a timedelta, then
			// days*86400 + seconds, which is the floor of the seconds.
			maxAge = int64(math.Floor(opts.Expires.Sub(now).Seconds()))
		}
		hasMaxAge = true
		expiresStr = now.Add(time.Duration(maxAge) * time.Second).UTC().Format("Mon, 02-Jan-2006 15:04:05 GMT")
	}

	b := make([]byte, 0, 64+len(name)+len(value)+len(path))
	b = append(b, name...)
	b = append(b, '=')
	b = cookiequote.AppendValue(b, value)
	if opts.Comment != "" {
		b = append(b, "; Comment="...)
		b = cookiequote.AppendValue(b, string(commentB))
	}
	if opts.Domain != "" {
		b = append(b, "; Domain="...)
		b = cookiequote.AppendOctal(b, string(domainB))
	}
	if hasMaxAge {
		b = append(b, "; Max-Age="...)
		b = strconv.AppendInt(b, maxAge, 10)
	}
	b = append(b, "; Path="...)
	b = cookiequote.AppendOctal(b, string(pathB))
	if expiresStr != "" {
		b = append(b, "; expires="...)
		b = append(b, expiresStr...)
	}
	if opts.Secure {
		b = append(b, "; secure"...)
	}
	if opts.HTTPOnly {
		b = append(b, "; HttpOnly"...)
	}
	if opts.SameSite != "" {
		b = append(b, "; SameSite="...)
		b = append(b, opts.SameSite...)
	}
	return string(b), nil
}

// MergeCookies adds r's Set-Cookie header fields to other, after other's
// own, as WebOb's merge_cookies does for a Response. It is how a handler's
// cookies, set on the response it was given to fill, reach a response it
// returns instead. Merging a Response into itself does nothing.
func (r *Response) MergeCookies(other *Response) {
	if other == nil || other == r {
		return
	}
	for _, f := range r.header.fields {
		if equalFold(f.Name, "Set-Cookie") {
			other.header.Add("Set-Cookie", f.Value)
		}
	}
}
