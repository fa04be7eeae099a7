package request

import (
	"errors"
	"fmt"

	"github.com/gowebob/gowebob/header"
)

// ErrNoCookie is returned, wrapped with the name, by DeleteCookie when the
// Cookie header has no cookie of that name (WebOb's KeyError).
var ErrNoCookie = errors.New("request: no such cookie")

// SetCookie sets the cookie called name to value in the Cookie header
// (HTTP_COOKIE), as WebOb's req.cookies[name] = value: the first pair of
// that name is replaced where it stands, or the pair is appended. A name
// WebOb refuses gives an error wrapping header.ErrCookieName and leaves the
// header alone; see header.SetCookieValue for how the value is quoted.
func (r *Request) SetCookie(name, value string) error {
	h, err := header.SetCookieValue(r.Environ["HTTP_COOKIE"], name, value)
	if err != nil {
		return err
	}
	r.Environ["HTTP_COOKIE"] = h
	return nil
}

// DeleteCookie removes the first cookie called name from the Cookie header,
// as WebOb's del req.cookies[name]. It returns an error wrapping
// ErrNoCookie when there is none, and one wrapping header.ErrCookieName
// for a name WebOb refuses.
func (r *Request) DeleteCookie(name string) error {
	h, ok := r.Environ["HTTP_COOKIE"]
	h, found, err := header.RemoveCookieValue(h, name)
	switch {
	case err != nil:
		return err
	case !found:
		return fmt.Errorf("%w: %q", ErrNoCookie, name)
	}
	if h != "" || ok {
		r.Environ["HTTP_COOKIE"] = h
	}
	return nil
}

// PopCookie removes the cookie called name and returns its value, as
// WebOb's req.cookies.pop(name): the value is the one Cookie reads (the
// last when the name repeats) and the pair removed is the first, as in
// WebOb. It reports false, and changes nothing, when there is no such
// cookie.
func (r *Request) PopCookie(name string) (string, bool, error) {
	v, ok := r.Cookies()[name]
	if !ok {
		return "", false, nil
	}
	if err := r.DeleteCookie(name); err != nil {
		return "", false, err
	}
	return v, true, nil
}

// SetDefaultCookie returns the value of the cookie called name; when there
// is none it sets it to def and returns def, as WebOb's
// req.cookies.setdefault(name, def).
func (r *Request) SetDefaultCookie(name, def string) (string, error) {
	if v, ok := r.Cookies()[name]; ok {
		return v, nil
	}
	if err := r.SetCookie(name, def); err != nil {
		return "", err
	}
	return def, nil
}

// UpdateCookies sets each cookie in order with SetCookie, as WebOb's
// req.cookies.update(pairs). It stops at the first error, keeping the
// cookies set before it.
func (r *Request) UpdateCookies(cookies ...header.Cookie) error {
	for _, c := range cookies {
		if err := r.SetCookie(c.Name, c.Value); err != nil {
			return err
		}
	}
	return nil
}

// ClearCookies empties the Cookie header (HTTP_COOKIE is ""), as WebOb's
// req.cookies.clear().
func (r *Request) ClearCookies() { r.Environ["HTTP_COOKIE"] = "" }
