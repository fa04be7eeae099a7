package response

import (
	"errors"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultCharset is the charset New, SetContentType and NewJSON's WebOb
// counterparts add to text-like content types (WebOb's default_charset).
const DefaultCharset = "UTF-8"

// ErrNoContentType is returned by SetCharset when the response has no
// Content-Type to put the charset in (WebOb raises AttributeError).
var ErrNoContentType = errors.New("response: cannot set the charset when no content-type is defined")

// ContentType returns the media type of the Content-Type header without its
// parameters ("text/html"), or "" when there is none. Like WebOb it is the
// text before the first ';', not trimmed.
func (r *Response) ContentType() string {
	ct := r.header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		return ct[:i]
	}
	return ct
}

// SetContentType sets the Content-Type header to ct, as WebOb's
// content_type setter does: the previous parameters (charset included) are
// dropped, and when ct has no "charset=" and is text-like (text/*,
// application/xml, application/*+xml, image/*+xml) "; charset=UTF-8" is
// appended. An empty ct removes the header. The header moves to the end of
// the list.
//
// ct is not validated; ServeHTTP blanks CR and LF when writing.
func (r *Response) SetContentType(ct string) {
	if ct == "" {
		r.header.Del("Content-Type")
		return
	}
	switch {
	case ct == "text/html":
		ct = htmlDefault
	case ct == "text/plain":
		ct = plainDefault
	case !strings.Contains(ct, "charset=") && hasCharset(ct):
		ct += "; charset=" + DefaultCharset
	}
	r.header.Set("Content-Type", ct)
}

// The Content-Types New and SetContentType give most responses.
const (
	htmlDefault  = "text/html; charset=" + DefaultCharset
	plainDefault = "text/plain; charset=" + DefaultCharset
)

// isXML is WebOb's _is_xml.
func isXML(ct string) bool {
	return strings.HasPrefix(ct, "application/xml") ||
		strings.HasPrefix(ct, "application/") && strings.HasSuffix(ct, "+xml") ||
		strings.HasPrefix(ct, "image/") && strings.HasSuffix(ct, "+xml")
}

// hasCharset reports whether WebOb gives the content type ct a default
// charset (_content_type_has_charset).
func hasCharset(ct string) bool {
	return strings.HasPrefix(ct, "text/") || isXML(ct)
}

// Charset returns the charset parameter of the Content-Type header, or ""
// when there is none. It is WebOb's CHARSET_RE match: the text after the
// first "; charset=" (any case, any spaces after ';') up to the next ';',
// quotes and trailing spaces included.
func (r *Response) Charset() string {
	ct := r.header.Get("Content-Type")
	if ct == htmlDefault || ct == plainDefault {
		// SetText asks on every response; most have one of these.
		return DefaultCharset
	}
	cs, _, _, _ := findCharset(ct)
	return cs
}

// SetCharset replaces or adds the charset parameter of the Content-Type
// header ("; charset=" + charset at the end), moving the header to the end of
// the list, as WebOb's charset setter does. It returns ErrNoContentType when
// there is no Content-Type header and ErrInvalidHeaderValue when charset
// contains CR or LF. An empty charset removes the parameter, as
// setting WebOb's charset to None does.
func (r *Response) SetCharset(charset string) error {
	if charset == "" {
		ct, ok := r.header.first("Content-Type")
		if !ok {
			return nil
		}
		if _, start, end, ok := findCharset(ct); ok {
			ct = ct[:start] + ct[end:]
		}
		r.header.Set("Content-Type", ct)
		return nil
	}
	if strings.ContainsAny(charset, "\r\n") {
		return headerValueError("Content-Type", charset)
	}
	ct, ok := r.header.Lookup("Content-Type")
	if !ok {
		return ErrNoContentType
	}
	if _, start, end, ok := findCharset(ct); ok {
		ct = ct[:start] + ct[end:]
	}
	r.header.Set("Content-Type", ct+"; charset="+charset)
	return nil
}

// findCharset finds WebOb's CHARSET_RE (`;\s*charset=([^;]*)`, ignoring
// case) in ct and returns the charset and the span of the whole match.
func findCharset(ct string) (charset string, start, end int, ok bool) {
	for i := 0; i < len(ct); i++ {
		if ct[i] != ';' {
			continue
		}
		j := i + 1
		for j < len(ct) {
			c, size := utf8.DecodeRuneInString(ct[j:])
			if !pyIsSpace(c) {
				break
			}
			j += size
		}
		const key = "charset="
		if len(ct)-j >= len(key) && equalFold(ct[j:j+len(key)], key) {
			j += len(key)
			k := strings.IndexByte(ct[j:], ';')
			if k < 0 {
				k = len(ct) - j
			}
			return ct[j : j+k], i, j + k, true
		}
	}
	return "", 0, 0, false
}

// pyIsSpace reports whether Python's re \s matches c (str.isspace).
func pyIsSpace(c rune) bool {
	return unicode.IsSpace(c) || 0x1c <= c && c <= 0x1f
}

// ContentTypeParams returns the parameters of the Content-Type header as
// WebOb's content_type_params reads them (names of letters and digits,
// values quoted or made of letters, digits and "_.-"). The map is a copy.
func (r *Response) ContentTypeParams() map[string]string {
	params := map[string]string{}
	ct := r.header.Get("Content-Type")
	i := strings.IndexByte(ct, ';')
	if i < 0 {
		return params
	}
	s := ct[i+1:]
	for pos := 0; pos < len(s); {
		k := pos
		for k < len(s) && isAlnum(s[k]) {
			k++
		}
		if k == pos || k >= len(s) || s[k] != '=' {
			pos++
			continue
		}
		name := s[pos:k]
		k++
		value := ""
		if k < len(s) && s[k] == '"' {
			if q := strings.IndexByte(s[k+1:], '"'); q >= 0 {
				value = s[k+1 : k+1+q]
				k += q + 2
				params[name] = value
				pos = k
				continue
			}
		}
		v := k
		for v < len(s) && (isAlnum(s[v]) || s[v] == '_' || s[v] == '.' || s[v] == '-') {
			v++
		}
		params[name] = s[k:v]
		pos = v
	}
	return params
}

// SetContentTypeParams replaces the parameters of the Content-Type header
// with params, sorted by name and quoted unless made of letters, digits and
// "_.-", as WebOb's content_type_params setter does. An empty map removes
// every parameter. It returns ErrInvalidHeaderValue for a name or value
// with CR or LF.
func (r *Response) SetContentTypeParams(params map[string]string) error {
	ct, _ := r.header.first("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	names := make([]string, 0, len(params))
	for k, v := range params {
		if strings.ContainsAny(k, "\r\n") || strings.ContainsAny(v, "\r\n") {
			return headerValueError("Content-Type", k+"="+v)
		}
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(ct)
	for _, k := range names {
		v := params[k]
		if !okParam(v) {
			v = `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
		}
		b.WriteString("; ")
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(v)
	}
	r.header.Set("Content-Type", b.String())
	return nil
}

// okParam is WebOb's _OK_PARAM_RE: a value that needs no quotes.
func okParam(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isAlnum(c) && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
