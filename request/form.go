package request

import (
	"bytes"
	"io"
	"net/textproto"
	"os"
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

// Bytes returns the whole content of the file.
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
// until the method, the content type or the body change.
//
// Errors: *TooLargeError past Limits, *FormError for a multipart body that
// cannot be parsed, *BodyError for a short body. Where WebOb decodes bytes
// that are not UTF-8 as U+FFFD in forms, so does POST. On error the returned
// MultiDict is empty, never nil.
func (r *Request) POST() (*MultiDict, error) {
	ct := r.Environ["CONTENT_TYPE"]
	method := r.Method()
	if r.post.valid && r.post.ctype == ct && r.post.method == method && r.post.bodyGen == r.bodyGen {
		return r.post.md, r.post.err
	}
	for _, f := range r.post.files {
		f.remove()
	}
	items, files, err := r.parsePOST()
	// As in GET: the storage inside r only for the first parse.
	md := &r.post.first
	if r.post.md != nil {
		md = &MultiDict{}
	}
	if err == nil {
		md.items = items
	}
	r.post.valid, r.post.ctype, r.post.method, r.post.bodyGen = true, ct, method, r.bodyGen
	r.post.md, r.post.files, r.post.err = md, files, err
	return md, err
}

func (r *Request) parsePOST() ([]Item, []*File, error) {
	if !r.IsForm() {
		return nil, nil, nil
	}
	if m := r.Method(); m == "GET" || m == "HEAD" {
		// cgi.FieldStorage reads GET and HEAD forms from the (emptied) query
		// string, never from the body: an empty MultiDict (POST makes it).
		return nil, nil, nil
	}
	if err := r.bufferBody(); err != nil {
		return nil, nil, err
	}
	lim := r.Limits.effective()
	raw := r.Environ["CONTENT_TYPE"]
	ctype := r.ContentType()
	if _, present := r.Environ["CONTENT_TYPE"]; !present && r.Method() == "POST" {
		ctype = "application/x-www-form-urlencoded"
	}
	switch ctype {
	case "application/x-www-form-urlencoded":
		b, err := r.buf.bytes()
		if err != nil {
			return nil, nil, &BodyError{Err: err}
		}
		items, err := parseFormURLEncoded(string(b), r.Charset(), lim.MaxFormKeys, r.scratch)
		return items, nil, err
	case "multipart/form-data":
		return r.parseMultipart(raw, lim)
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
