package response

import (
	"crypto/md5"
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// ETag returns the entity tag of the ETag header without its quotes and
// whether it is strong, as WebOb's etag and etag_strong read it: a value
// that is not a quoted tag is returned as it is, and counts as strong. ok
// is false when there is no ETag header or it is empty.
func (r *Response) ETag() (tag string, strong bool, ok bool) {
	v, found := r.header.first("ETag")
	if !found || v == "" {
		return "", false, false
	}
	tag, weak, matched := parseETag(v)
	if !matched {
		return v, true, true
	}
	return tag, !weak, true
}

// parseETag matches WebOb's _rx_etag, `(?:^|\s)(W/)?"((?:\\"|.)*?)"`,
// at the start of v and returns the tag with \" unescaped.
func parseETag(v string) (tag string, weak, ok bool) {
	if tag, weak, ok = matchETag(v); ok {
		return tag, weak, ok
	}
	if c, size := utf8.DecodeRuneInString(v); size > 0 && pyIsSpace(c) {
		return matchETag(v[size:])
	}
	return "", false, false
}

// matchETag matches `(W/)?"((?:\\"|.)*?)"` at the start of s with the
// regexp engine's backtracking order: the lazy body ends at the first '"'
// that is not part of a \" pair; failing that, at the quote of the last
// \" pair.
func matchETag(s string) (tag string, weak, ok bool) {
	if strings.HasPrefix(s, "W/") {
		weak = true
		s = s[2:]
	}
	if s == "" || s[0] != '"' {
		return "", false, false
	}
	lastPair := -1
scan:
	for i := 1; i < len(s); {
		switch {
		case s[i] == '"':
			return strings.ReplaceAll(s[1:i], `\"`, `"`), weak, true
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '"':
			lastPair = i + 1
			i += 2
		case s[i] == '\n':
			break scan
		default:
			i++
		}
	}
	if lastPair < 0 {
		return "", false, false
	}
	return strings.ReplaceAll(s[1:lastPair], `\"`, `"`), weak, true
}

// SetETag sets the ETag header to tag, quoted (with '"' escaped as \") and
// prefixed with W/ when strong is false, as WebOb's etag setter does for a
// (value, strong) pair. An empty tag removes the header. It returns
// ErrInvalidHeaderValue when tag contains CR or LF.
func (r *Response) SetETag(tag string, strong bool) error {
	if tag == "" {
		r.header.Del("ETag")
		return nil
	}
	v := `"` + strings.ReplaceAll(tag, `"`, `\"`) + `"`
	if !strong {
		v = "W/" + v
	}
	return r.setHeader("ETag", v)
}

// MD5Options are the arguments of WebOb's md5_etag(body, set_content_md5).
// The zero value hashes the response's own body and sets only the ETag.
type MD5Options struct {
	// Body, when not nil, is hashed instead of the response's body
	// (WebOb's body=); an empty, non-nil slice hashes the empty string.
	Body []byte
	// SetContentMD5 also sets the Content-MD5 header to the digest in
	// base64 with its '=' padding, as WebOb's set_content_md5=True.
	SetContentMD5 bool
}

// MD5ETag sets a strong ETag from the MD5 of the body, base64-encoded
// without its '=' padding, as WebOb's md5_etag does. A streaming body is
// read into memory first; an error reading it is returned. opts chooses
// another body to hash and whether to set Content-MD5 too.
func (r *Response) MD5ETag(opts MD5Options) error {
	b := opts.Body
	if b == nil {
		var err error
		if b, err = r.Body(); err != nil {
			return err
		}
	}
	sum := md5.Sum(b)
	digest := base64.StdEncoding.EncodeToString(sum[:])
	if err := r.SetETag(strings.TrimRight(digest, "="), true); err != nil {
		return err
	}
	if opts.SetContentMD5 {
		return r.SetContentMD5(digest)
	}
	return nil
}
