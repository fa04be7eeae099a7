package response

import (
	"strconv"
	"time"

	"github.com/gowebob/gowebob/header"
)

// This file has the typed response headers WebOb's Response has besides
// the ones with files of their own: WWW-Authenticate, Retry-After,
// Content-Range, Content-Location, Accept-Ranges, Age, Server and Pragma.
// A getter reports false for an absent header (WebOb's None); a setter
// given the zero value removes the header, and returns
// ErrInvalidHeaderValue for CR or LF.

// WWWAuthenticate returns the WWW-Authenticate header parsed as WebOb's
// www_authenticate (parse_auth, the parser of Authorization): the scheme
// and its parameters, and reports whether the header is present.
func (r *Response) WWWAuthenticate() (header.Authorization, bool) {
	v, ok := r.header.first("WWW-Authenticate")
	if !ok {
		return header.Authorization{}, false
	}
	return header.ParseAuthorization(v)
}

// SetWWWAuthenticate sets the WWW-Authenticate header to a.String(), as
// WebOb's serialize_auth writes it (header.NewAuthorization builds one
// with its parameters in order); the zero Authorization removes it.
func (r *Response) SetWWWAuthenticate(a header.Authorization) error {
	s := a.String()
	if a.Scheme == "" && a.Raw == "" && a.Params == nil {
		r.header.Del("WWW-Authenticate")
		return nil
	}
	return r.setHeader("WWW-Authenticate", s)
}

// RetryAfter returns the Retry-After header as a time, as WebOb's
// retry_after (parse_date_delta): a number of seconds counts from now.
// It reports false for an absent or unparsable header.
func (r *Response) RetryAfter() (time.Time, bool) {
	v, ok := r.header.first("Retry-After")
	if !ok {
		return time.Time{}, false
	}
	return header.ParseDateDelta(v, nowFunc())
}

// SetRetryAfter sets the Retry-After header to d in whole seconds, as
// WebOb does for a number; d <= 0 removes it.
func (r *Response) SetRetryAfter(d time.Duration) {
	if d <= 0 {
		r.header.Del("Retry-After")
		return
	}
	r.header.Set("Retry-After", header.FormatDateDelta(d))
}

// SetRetryAfterDate sets the Retry-After header to the HTTP date of t, as
// WebOb does for a datetime; the zero time removes it.
func (r *Response) SetRetryAfterDate(t time.Time) { r.setDateHeader("Retry-After", t) }

// ContentRange returns the Content-Range header parsed as WebOb's
// content_range, and reports whether it is present and valid.
func (r *Response) ContentRange() (header.ContentRange, bool) {
	v, ok := r.header.first("Content-Range")
	if !ok {
		return header.ContentRange{}, false
	}
	return header.ParseContentRange(v)
}

// SetContentRange sets the Content-Range header to cr.String(); an
// invalid cr (the zero one included) removes it.
func (r *Response) SetContentRange(cr header.ContentRange) {
	if !cr.Valid() {
		r.header.Del("Content-Range")
		return
	}
	r.header.Set("Content-Range", cr.String())
}

// Age returns the Age header in seconds, and reports false when it is
// absent or not an integer, as WebOb's age (parse_int_safe).
func (r *Response) Age() (int, bool) {
	v, ok := r.header.first("Age")
	if !ok {
		return 0, false
	}
	n, ok := header.ParseInt(v)
	if !ok || n != int64(int(n)) {
		return 0, false
	}
	return int(n), true
}

// SetAge sets the Age header to seconds; a negative value removes it.
func (r *Response) SetAge(seconds int) {
	if seconds < 0 {
		r.header.Del("Age")
		return
	}
	r.header.Set("Age", strconv.Itoa(seconds))
}

// stringHeader returns header name, "" when absent.
func (r *Response) stringHeader(name string) string {
	v, _ := r.header.first(name)
	return v
}

// setStringHeader sets header name to v; "" removes it.
func (r *Response) setStringHeader(name, v string) error {
	if v == "" {
		r.header.Del(name)
		return nil
	}
	return r.setHeader(name, v)
}

// ContentLocation returns the Content-Location header, or "".
func (r *Response) ContentLocation() string { return r.stringHeader("Content-Location") }

// SetContentLocation sets the Content-Location header; "" removes it.
// Unlike Location it is not made absolute, as in WebOb.
func (r *Response) SetContentLocation(v string) error {
	return r.setStringHeader("Content-Location", v)
}

// ContentMD5 returns the Content-MD5 header, or "", as WebOb's
// content_md5: the base64 MD5 digest of the body as the sender wrote it.
func (r *Response) ContentMD5() string { return r.stringHeader("Content-MD5") }

// SetContentMD5 sets the Content-MD5 header; "" removes it. A value with
// CR or LF gives ErrInvalidHeaderValue (WebOb: ValueError). Setting the
// body removes the header again, as in WebOb; MD5ETag can set it from the
// body.
func (r *Response) SetContentMD5(v string) error { return r.setStringHeader("Content-MD5", v) }

// AcceptRanges returns the Accept-Ranges header, or "".
func (r *Response) AcceptRanges() string { return r.stringHeader("Accept-Ranges") }

// SetAcceptRanges sets the Accept-Ranges header ("bytes", "none"); ""
// removes it.
func (r *Response) SetAcceptRanges(v string) error { return r.setStringHeader("Accept-Ranges", v) }

// Server returns the Server header, or "".
func (r *Response) Server() string { return r.stringHeader("Server") }

// SetServer sets the Server header; "" removes it.
func (r *Response) SetServer(v string) error { return r.setStringHeader("Server", v) }

// Pragma returns the Pragma header, or "".
func (r *Response) Pragma() string { return r.stringHeader("Pragma") }

// SetPragma sets the Pragma header; "" removes it.
func (r *Response) SetPragma(v string) error { return r.setStringHeader("Pragma", v) }
