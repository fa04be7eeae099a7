package request

import (
	"errors"
	"strings"
)

// ErrDecodeMultipart is returned by Decode for a multipart/form-data
// request, whose body it does not transcode. (WebOb 1.8.6 rewrites such a
// body into one that no longer holds the form, golden-tested; an error is
// better than a silently empty form. Parts that declare their charset are
// decoded by POST anyway.)
var ErrDecodeMultipart = errors.New("request: Decode does not transcode multipart bodies")

// Decode returns a copy of r with its query string and its urlencoded
// form body transcoded from charset to UTF-8, as WebOb's
// Request.decode(charset): each value is percent-decoded, decoded from
// charset and percent-encoded again as UTF-8 (Python's urlencode); every
// "charset=..." parameter of CONTENT_TYPE becomes charset="UTF-8" (CONTENT_TYPE
// is set, "" when it was absent); other bodies are copied unchanged. A
// query or form without "=" is kept as it is. An empty charset means
// Charset(); when charset is exactly "UTF-8" r itself is returned, as in
// WebOb.
//
// Charsets are those Text reads (UTF-8, UTF-16, ISO-8859-1, US-ASCII):
// another gives ErrUnsupportedCharset, bytes invalid in the charset a
// *DecodeError (WebOb's errors='strict'; other error modes are not
// ported), a multipart/form-data request ErrDecodeMultipart. Reading r's
// body may fail; that error is returned. r is not changed.
func (r *Request) Decode(charset string) (*Request, error) {
	if charset == "" {
		charset = r.Charset()
	}
	if charset == "UTF-8" {
		return r, nil
	}
	media := strings.TrimSpace(r.ContentType())
	if media == "multipart/form-data" {
		return nil, ErrDecodeMultipart
	}
	qs, err := transcodeQuery(r.QueryString(), charset, "query string")
	if err != nil {
		return nil, err
	}
	c, err := r.Copy()
	if err != nil {
		return nil, err
	}
	c.Environ["QUERY_STRING"] = qs
	c.Environ["CONTENT_TYPE"] = replaceCharsetParams(r.Environ["CONTENT_TYPE"])
	if media == "application/x-www-form-urlencoded" {
		body, err := c.Body()
		if err != nil {
			return nil, err
		}
		form, err := transcodeQuery(string(body), charset, "form")
		if err != nil {
			return nil, err
		}
		c.SetBody([]byte(form))
	}
	return c, nil
}

// transcodeQuery is WebOb's Transcoder.transcode_query: q split on '&' and
// ';' (empty pairs dropped), '+' and percent escapes decoded, each name and
// value decoded from charset, then encoded again as UTF-8 with
// MultiDict.Encode. q without '=' is returned as it is.
func transcodeQuery(q, charset, where string) (string, error) {
	if !strings.Contains(q, "=") {
		return q, nil
	}
	var md MultiDict
	for q != "" {
		var pair string
		if i := indexQuerySep(q); i >= 0 {
			pair, q = q[:i], q[i+1:]
		} else {
			pair, q = q, ""
		}
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		n, err := decodeCharset([]byte(webobUnquote(name, true)), charset, where)
		if err != nil {
			return "", err
		}
		v, err := decodeCharset([]byte(webobUnquote(value, true)), charset, where)
		if err != nil {
			return "", err
		}
		md.Add(n, v)
	}
	return md.Encode(), nil
}

// replaceCharsetParams replaces every match of WebOb's CHARSET_RE,
// `;\s*charset=([^;]*)` (any case), with `; charset="UTF-8"`.
func replaceCharsetParams(ct string) string {
	var b strings.Builder
	for i := 0; i < len(ct); {
		if ct[i] == ';' {
			j := i + 1
			for j < len(ct) && isPySpace(ct[j]) {
				j++
			}
			if len(ct)-j >= 8 && strings.EqualFold(ct[j:j+8], "charset=") {
				k := j + 8
				for k < len(ct) && ct[k] != ';' {
					k++
				}
				b.WriteString(`; charset="UTF-8"`)
				i = k
				continue
			}
		}
		b.WriteByte(ct[i])
		i++
	}
	return b.String()
}
