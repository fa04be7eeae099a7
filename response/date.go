package response

import (
	"net/http"
	"time"

	"github.com/gowebob/gowebob/header"
)

// nowFunc is the clock behind CacheExpires and cookie expiry dates; tests
// freeze it.
var nowFunc = time.Now

// formatDate formats t as WebOb's serialize_date does (RFC 1123, GMT),
// dropping fractions of a second.
func formatDate(t time.Time) string {
	return t.UTC().Format(http.TimeFormat)
}

// dateHeader returns the date in header name, as WebOb's date_header
// properties parse it (email.utils.parsedate_tz: RFC 1123, RFC 850,
// asctime and their sloppy variants).
func (r *Response) dateHeader(name string) (time.Time, bool) {
	v, ok := r.header.first(name)
	if !ok || v == "" {
		return time.Time{}, false
	}
	return parseHTTPDate(v)
}

// setDateHeader sets header name to t in HTTP date format, moving it to the
// end of the list; the zero time removes it.
func (r *Response) setDateHeader(name string, t time.Time) {
	if t.IsZero() {
		r.header.Del(name)
		return
	}
	r.header.Set(name, formatDate(t))
}

// Date returns the Date header and whether it is present and parses.
func (r *Response) Date() (time.Time, bool) { return r.dateHeader("Date") }

// SetDate sets the Date header ("Wed, 15 Jun 2021 12:34:56 GMT"); the zero
// time removes it.
func (r *Response) SetDate(t time.Time) { r.setDateHeader("Date", t) }

// Expires returns the Expires header and whether it is present and parses.
func (r *Response) Expires() (time.Time, bool) { return r.dateHeader("Expires") }

// SetExpires sets the Expires header; the zero time removes it.
func (r *Response) SetExpires(t time.Time) { r.setDateHeader("Expires", t) }

// LastModified returns the Last-Modified header and whether it is present
// and parses.
func (r *Response) LastModified() (time.Time, bool) { return r.dateHeader("Last-Modified") }

// SetLastModified sets the Last-Modified header; the zero time removes it.
func (r *Response) SetLastModified(t time.Time) { r.setDateHeader("Last-Modified", t) }

// parseHTTPDate parses a date header as WebOb's parse_date.
var parseHTTPDate = header.ParseHTTPDate
