package response

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// ErrContentLength is returned by Body when a streaming body's length
// differs from its Content-Length header (WebOb raises AssertionError). It
// matches via errors.Is.
var ErrContentLength = errors.New("response: Content-Length is different from actual body length")

// DefaultBodyEncoding is the charset Text and SetText use when the
// Content-Type has none (WebOb's default_body_encoding).
const DefaultBodyEncoding = "UTF-8"

// Body returns the body. A streaming body (SetBodyReader, SetBodyFile) is
// read to the end, closed if it is an io.Closer, and kept in memory from then
// on; as WebOb does, Content-Length is then set if it was missing, and
// ErrContentLength is returned if it disagrees with a non-empty body. The
// slice is the Response's own: do not modify it.
func (r *Response) Body() ([]byte, error) {
	if r.reader == nil {
		if r.text != "" {
			// A copy each time: reading the body must not change a
			// Response that may be served concurrently.
			return []byte(r.text), nil
		}
		return r.body, nil
	}
	rd := r.reader
	b, err := io.ReadAll(rd)
	if c, ok := rd.(io.Closer); ok {
		c.Close()
	}
	r.reader = nil
	r.body = b
	if err != nil {
		return b, fmt.Errorf("response: reading body: %w", err)
	}
	if len(b) == 0 {
		return b, nil
	}
	n, ok := r.ContentLength()
	switch {
	case !ok:
		r.SetContentLength(int64(len(b)))
	case n != int64(len(b)):
		return b, fmt.Errorf("%w (%d != %d)", ErrContentLength, n, len(b))
	}
	return b, nil
}

// SetBody sets the body to b and Content-Length to len(b), and removes any
// Content-MD5, as WebOb's body setter does. The Response keeps b.
func (r *Response) SetBody(b []byte) {
	r.header.Del("Content-MD5")
	r.reader, r.text = nil, ""
	r.body = b
	r.SetContentLength(int64(len(b)))
}

// HasBody reports whether the response has a non-empty body, without
// reading a streaming one (which counts as non-empty).
func (r *Response) HasBody() bool {
	return r.reader != nil || len(r.body) > 0 || r.text != ""
}

// textCharset is the charset Text and SetText use.
func (r *Response) textCharset() string {
	if cs := r.Charset(); cs != "" {
		return cs
	}
	if r.bodyEncoding != "" {
		return r.bodyEncoding
	}
	return DefaultBodyEncoding
}

// Text returns the body decoded with the Content-Type charset, or UTF-8 when
// there is none. It returns ErrCharsetMismatch for bytes invalid in that
// charset and ErrUnknownCharset for a charset this package cannot decode.
func (r *Response) Text() (string, error) {
	b, err := r.Body()
	if err != nil {
		return "", err
	}
	return decodeText(b, r.textCharset())
}

// SetText sets the body to s encoded with the Content-Type charset, or UTF-8
// when there is none (WebOb's text setter). It returns ErrCharsetMismatch
// when s cannot be encoded and ErrUnknownCharset for a charset this package
// does not implement; the body is then unchanged.
//
// A UTF-8 or ASCII body keeps s itself, without a copy into bytes, until
// Write appends to it.
func (r *Response) SetText(s string) error {
	cs := r.textCharset()
	if c := lookupCodec(cs); c == codecUTF8 || c == codecASCII {
		if err := checkText(s, c, cs); err != nil {
			return err
		}
		// SetBody's steps, with s kept as it is.
		r.header.Del("Content-MD5")
		r.reader, r.body, r.text = nil, nil, s
		r.SetContentLength(int64(len(s)))
		return nil
	}
	b, err := encodeText(s, cs)
	if err != nil {
		return err
	}
	r.SetBody(b)
	return nil
}

// JSON decodes the body as JSON into v.
func (r *Response) JSON(v any) error {
	b, err := r.Body()
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// SetJSON sets the body to v encoded as WebOb's json setter encodes it:
// Python's json.dumps(v, separators=(',', ':')), so compact, with '<', '>'
// and '&' as they are and non-ASCII characters as \uXXXX escapes. Like
// WebOb's property it leaves Content-Type alone (NewJSON sets it). Values
// are marshalled by encoding/json: map keys are sorted, and floats use Go's
// formatting.
func (r *Response) SetJSON(v any) error {
	b, err := marshalJSON(v)
	if err != nil {
		return fmt.Errorf("response: encoding JSON body: %w", err)
	}
	r.SetBody(b)
	return nil
}

// Write appends p to the body, as WebOb's write() does: a streaming body is
// first read into memory (setting Content-Length), and a Content-Length
// header, when present, grows by len(p) and moves to the end of the list.
// It makes a Response an io.Writer.
func (r *Response) Write(p []byte) (int, error) {
	if r.reader != nil {
		b, err := io.ReadAll(r.reader)
		if c, ok := r.reader.(io.Closer); ok {
			c.Close()
		}
		r.reader = nil
		r.body = b
		if err != nil {
			return 0, fmt.Errorf("response: reading body: %w", err)
		}
		r.SetContentLength(int64(len(b)))
	}
	// Copy so that appending never writes into a slice given to SetBody.
	// One of text and body is empty.
	nb := make([]byte, 0, len(r.text)+len(r.body)+len(p))
	r.body = append(append(append(nb, r.text...), r.body...), p...)
	r.text = ""
	if n, ok := r.ContentLength(); ok {
		r.SetContentLength(n + int64(len(p)))
	}
	return len(p), nil
}

// WriteString appends s encoded with the Content-Type charset. Unlike
// SetText there is no default: without a charset it returns ErrNoCharset,
// as WebOb's write() raises TypeError for text.
func (r *Response) WriteString(s string) (int, error) {
	cs := r.Charset()
	if cs == "" {
		return 0, ErrNoCharset
	}
	b, err := encodeText(s, cs)
	if err != nil {
		return 0, err
	}
	return r.Write(b)
}

// SetBodyReader makes rd the body, streamed when the response is written.
// As WebOb's app_iter setter, it removes Content-Length; when length is not
// negative Content-Length is then set to it (-1 means unknown: the body is
// sent chunked, and ranges are not served). If rd is an io.Closer it is
// closed after it is read or written. When rd is also an io.Seeker, a
// Range request seeks instead of reading and discarding.
func (r *Response) SetBodyReader(rd io.Reader, length int64) {
	r.header.Del("Content-Length")
	r.body, r.text = nil, ""
	r.reader = rd
	if rd == nil {
		r.reader = strings.NewReader("")
	}
	if length >= 0 {
		r.SetContentLength(length)
	}
}

// SetBodyFile makes the open file f the body: it is streamed with its size as
// Content-Length, and its modification time (when not zero) becomes
// Last-Modified, so that a conditional response can answer If-Modified-Since
// and Range. f is closed after it is written. It returns an error, and
// changes nothing, when f cannot be stat'ed or is a directory.
func (r *Response) SetBodyFile(f fs.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("response: body file: %w", err)
	}
	if fi.IsDir() {
		return fmt.Errorf("response: body file %s is a directory", fi.Name())
	}
	r.SetBodyReader(f, fi.Size())
	if mt := fi.ModTime(); !mt.IsZero() {
		r.SetLastModified(mt)
	}
	return nil
}

// ContentLength returns the Content-Length header and whether it is present
// and an integer.
func (r *Response) ContentLength() (int64, bool) {
	v, ok := r.header.first("Content-Length")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// SetContentLength sets the Content-Length header, moving it to the end of
// the list; a negative n removes it. The body is not changed.
func (r *Response) SetContentLength(n int64) {
	if n < 0 {
		r.header.Del("Content-Length")
		return
	}
	r.header.Set("Content-Length", r.itoa(n))
}
