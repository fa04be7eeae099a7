package request

import (
	"bytes"
	"io"
	"net/textproto"
	"os"
	"strings"
)

// File is an uploaded file from a multipart form: WebOb's FieldStorage for
// a part with a file name. Small files are kept in memory, larger ones in a
// temporary file that Request.Close removes.
type File struct {
	// Name is the form field name.
	Name string
	// Filename is the file name the client sent, without any path change.
	Filename string
	// ContentType is the part's Content-Type without parameters,
	// "text/plain" when the part has none (as cgi.FieldStorage).
	ContentType string
	// Header holds the part's MIME headers.
	Header textproto.MIMEHeader
	// Size is the length of the content in bytes.
	Size int64

	data []byte
	path string
}

// Open returns a reader over the file's content from its start.
func (f *File) Open() (io.ReadSeekCloser, error) {
	if f.path != "" {
		return os.Open(f.path)
	}
	return nopCloser{bytes.NewReader(f.data)}, nil
}

// Bytes returns the whole content of the file. For a file kept in memory
// it is a slice of the request body's buffer (see Request.Body), not a
// copy: do not modify it.
func (f *File) Bytes() ([]byte, error) {
	if f.path != "" {
		return os.ReadFile(f.path)
	}
	return f.data, nil
}

func (f *File) remove() {
	if f.path != "" {
		os.Remove(f.path)
		f.path = ""
	}
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// isFormType reports whether WebOb parses a body of this content type
// (compared case-sensitively, parameters stripped) as a form.
func isFormType(ct string) bool {
	return ct == "" || ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data"
}

// IsForm reports whether POST parses the body: the method is POST or there
// is a Content-Type, and the Content-Type is empty, urlencoded or multipart
// form data (compared as WebOb does: case-sensitively, parameters stripped).
func (r *Request) IsForm() bool {
	ct := r.ContentType()
	if r.Method() != "POST" && ct == "" {
		return false
	}
	return isFormType(ct)
}

// POST returns the form fields of the body, as WebOb's POST. For a request
// that is not a form (see IsForm) it is empty, whatever the method: PUT,
// PATCH and DELETE forms are parsed too, GET and HEAD bodies never are.
// File fields are Items whose File is set; a file field sent without a file
// (filename="") is a field with an empty value, where WebOb fails.
//
// A form whose Content-Type names a charset other than UTF-8 is decoded
// with it (ISO-8859-1 and US-ASCII); WebOb raises DeprecationWarning.
//
// The body stays readable through Body after POST. The result is cached
// until the method, the content type or the body change. A request that is
// not a form has one empty MultiDict, returned by every call: it costs no
// allocation, and WebOb's NoVars refuses changes anyway.
//
// Errors: *TooLargeError past Limits, *FormError for a multipart body that
// cannot be parsed, *BodyError for a short body. Where WebOb decodes bytes
// that are not UTF-8 as U+FFFD in forms, so does POST. On error the returned
// MultiDict is empty, never nil.
func (r *Request) POST() (*MultiDict, error) {
	ct := r.Environ["CONTENT_TYPE"]
	method := r.Method()
	if !parsesBody(method, ct) {
		return &r.noForm, nil
	}
	m := r.parts()
	p := &m.post
	if p.md != nil && p.ctype == ct && p.method == method && p.bodyGen == m.bodyGen {
		return p.md, p.err
	}
	for _, f := range p.files {
		f.remove()
	}
	items, files, err := r.parseForm(method, ct)
	// As in GET: the storage inside r only for the first parse.
	md := &p.first
	if p.md != nil {
		md = &MultiDict{}
	}
	if err == nil {
		md.items = items
	}
	p.ctype, p.method, p.bodyGen = ct, method, m.bodyGen
	p.md, p.files, p.err = md, files, err
	return md, err
}

// parsesBody reports whether POST parses the body of a request with this
// method and CONTENT_TYPE: IsForm, and not GET or HEAD, whose forms
// cgi.FieldStorage reads from the (emptied) query string, never from the
// body.
func parsesBody(method, contentType string) bool {
	if method == "GET" || method == "HEAD" {
		return false
	}
	ct, _, _ := strings.Cut(contentType, ";")
	if method != "POST" && ct == "" {
		return false
	}
	return isFormType(ct)
}

// parseForm parses the body of a request for which parsesBody is true.
func (r *Request) parseForm(method, rawType string) ([]Item, []*File, error) {
	if err := r.bufferBody(); err != nil {
		return nil, nil, err
	}
	lim := r.Limits.effective()
	ctype, _, _ := strings.Cut(rawType, ";")
	if _, present := r.Environ["CONTENT_TYPE"]; !present && method == "POST" {
		ctype = "application/x-www-form-urlencoded"
	}
	switch ctype {
	case "application/x-www-form-urlencoded":
		b, err := r.more.buf.bytes()
		if err != nil {
			return nil, nil, &BodyError{Err: err}
		}
		items, err := parseFormURLEncoded(string(b), r.Charset(), lim.MaxFormKeys, r.scratch)
		return items, nil, err
	case "multipart/form-data":
		return r.parseMultipart(rawType, lim)
	}
	// An empty Content-Type on a POST: cgi.FieldStorage reads it as a single
	// non-form value, so WebOb's POST is empty.
	return nil, nil, nil
}

// validBoundary reports whether b is a boundary cgi.FieldStorage accepts:
// 1 to 201 printable ASCII characters, not ending in a space.
func validBoundary(b string) bool {
	if b == "" || len(b) > 201 || b[len(b)-1] == ' ' {
		return false
	}
	for i := 0; i < len(b); i++ {
		if b[i] < ' ' || b[i] > '~' {
			return false
		}
	}
	return true
}

// decodeTransfer undoes a base64 or quoted-printable transfer encoding of
// a non-file field as WebOb does with binascii: the encoding's name is
// compared case-sensitively, base64 skips bytes outside its alphabet and
// stops at the first padding, quoted-printable keeps trailing blanks. Where
// binascii fails (base64 with a missing padding) and WebOb answers 500, the
// bytes are kept as sent.
func decodeTransfer(b []byte, enc string) []byte {
	switch enc {
	case "base64":
		if out, ok := pyBase64(b); ok {
			return out
		}
	case "quoted-printable":
		return pyQuotedPrintable(b)
	}
	return b
}

// pyBase64 is Python's binascii.a2b_base64 in its default, non-strict mode.
func pyBase64(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b)*3/4)
	var left byte
	quad, pads := 0, 0
	for _, c := range b {
		if c == '=' {
			if quad >= 2 {
				pads++
				if quad+pads >= 4 {
					return out, true
				}
			}
			continue
		}
		v := base64Value(c)
		if v < 0 {
			continue
		}
		switch quad {
		case 0:
			quad, left = 1, byte(v)
		case 1:
			out = append(out, left<<2|byte(v)>>4)
			quad, left = 2, byte(v)&0x0f
		case 2:
			out = append(out, left<<4|byte(v)>>2)
			quad, left = 3, byte(v)&0x03
		case 3:
			out = append(out, left<<6|byte(v))
			quad = 0
		}
	}
	return out, quad == 0
}

func base64Value(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// pyQuotedPrintable is Python's binascii.a2b_qp (header=False): =XX is a
// byte, '=' before a line end is a soft line break, anything else is kept,
// trailing blanks included.
func pyQuotedPrintable(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '=' {
			out = append(out, b[i])
			i++
			continue
		}
		i++
		switch {
		case i >= len(b):
		case b[i] == '\n' || b[i] == '\r':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			if i < len(b) {
				i++
			}
		case b[i] == '=':
			out = append(out, '=')
			i++
		case i+1 < len(b):
			hi, ok1 := unhex(b[i])
			lo, ok2 := unhex(b[i+1])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
			} else {
				out = append(out, '=')
			}
		default:
			out = append(out, '=')
		}
	}
	return out
}

// decodePartText decodes a text field with the part's charset. Unlike
// WebOb, which decodes every part as UTF-8 and then re-decodes the result
// (turning Latin-1 text into mojibake), a Latin-1 part is read as Latin-1.
func decodePartText(b []byte, charset string) string {
	if charset != "" {
		if s, err := decodeCharset(b, charset, "form"); err == nil {
			return s
		}
	}
	return pyReplaceInvalid(string(b))
}
