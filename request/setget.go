package request

import (
	"net/url"
	"strings"
)

// Encode returns m's pairs as an application/x-www-form-urlencoded string,
// in order and with repeats kept, as Python's urlencode (quote_plus) that
// WebOb's GetDict uses: letters, digits and "-_.~" stay, a space is "+",
// every other byte is %XX with upper-case hex.
func (m *MultiDict) Encode() string {
	var b strings.Builder
	for i, it := range m.Items() {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(it.Key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(it.Value))
	}
	return b.String()
}

// SetGET writes md back to the query string: QUERY_STRING becomes
// md.Encode(), as WebOb's GetDict does after each change to req.GET. Go
// cannot observe changes to a MultiDict, so the write-back is this explicit
// call: take GET, change it, hand it to SetGET. The next GET parses the new
// query string; md itself is not kept.
func (r *Request) SetGET(md *MultiDict) {
	r.Environ["QUERY_STRING"] = md.Encode()
}
