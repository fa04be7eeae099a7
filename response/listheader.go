package response

import "strings"

// listHeader returns the comma-separated values of header name, trimmed and
// without empty items (WebOb's parse_list), or nil.
func (r *Response) listHeader(name string) []string {
	v, _ := r.header.first(name)
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// setListHeader sets header name to values joined by ", " (WebOb's
// serialize_list), moving it to the end; no values removes the header.
func (r *Response) setListHeader(name string, values []string) error {
	if len(values) == 0 {
		r.header.Del(name)
		return nil
	}
	return r.setHeader(name, strings.Join(values, ", "))
}

// Vary returns the items of the Vary header.
func (r *Response) Vary() []string { return r.listHeader("Vary") }

// SetVary sets the Vary header to values joined by ", ". With no values it
// removes the header (WebOb would write an empty one). It returns
// ErrInvalidHeaderValue for a value with CR or LF.
func (r *Response) SetVary(values ...string) error { return r.setListHeader("Vary", values) }

// Allow returns the methods of the Allow header.
func (r *Response) Allow() []string { return r.listHeader("Allow") }

// SetAllow sets the Allow header to methods joined by ", "; with none it
// removes the header. It returns ErrInvalidHeaderValue for CR or LF.
func (r *Response) SetAllow(methods ...string) error { return r.setListHeader("Allow", methods) }

// ContentLanguage returns the items of the Content-Language header.
func (r *Response) ContentLanguage() []string { return r.listHeader("Content-Language") }

// SetContentLanguage sets the Content-Language header to langs joined by
// ", "; with none it removes the header. It returns ErrInvalidHeaderValue
// for CR or LF.
func (r *Response) SetContentLanguage(langs ...string) error {
	return r.setListHeader("Content-Language", langs)
}

// ContentEncoding returns the Content-Encoding header, or "".
func (r *Response) ContentEncoding() string {
	v, _ := r.header.first("Content-Encoding")
	return v
}

// SetContentEncoding sets the Content-Encoding header without touching the
// body (see EncodeContent for that); "" removes it. It returns
// ErrInvalidHeaderValue for CR or LF.
func (r *Response) SetContentEncoding(enc string) error {
	if enc == "" {
		r.header.Del("Content-Encoding")
		return nil
	}
	return r.setHeader("Content-Encoding", enc)
}

// Location returns the Location header as it was set (relative values are
// made absolute only when the response is written; see ForRequest).
func (r *Response) Location() string {
	v, _ := r.header.first("Location")
	return v
}

// SetLocation sets the Location header; "" removes it. A relative value is
// kept as it is here and made absolute against the request when the response
// is written, as WebOb does. It returns ErrInvalidHeaderValue for CR or LF.
func (r *Response) SetLocation(loc string) error {
	if loc == "" {
		r.header.Del("Location")
		return nil
	}
	return r.setHeader("Location", loc)
}
