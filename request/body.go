package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// spillBuffer holds a body in memory up to a threshold and in a temporary
// file beyond it, like WebOb's make_tempfile.
type spillBuffer struct {
	mem  []byte
	file *os.File
	size int64
}

// reader returns a new reader positioned at the start of the buffer.
func (s *spillBuffer) reader() io.ReadSeeker {
	if s.file != nil {
		return io.NewSectionReader(s.file, 0, s.size)
	}
	return bytes.NewReader(s.mem)
}

func (s *spillBuffer) bytes() ([]byte, error) {
	if s.file == nil {
		return s.mem, nil
	}
	b := make([]byte, s.size)
	_, err := io.ReadFull(io.NewSectionReader(s.file, 0, s.size), b)
	return b, err
}

func (s *spillBuffer) close() {
	if s.file != nil {
		name := s.file.Name()
		s.file.Close()
		os.Remove(name)
		s.file = nil
	}
}

// chunkPool holds the copy buffers of spillBuffer.fill: a 32 KiB array per
// body would be most of the allocation of a small form request.
var chunkPool = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// fill copies src into s, keeping at most memLimit bytes in memory and
// reading at most max bytes; reading more gives a *TooLargeError.
func (s *spillBuffer) fill(src io.Reader, memLimit, max int64) error {
	chunk := chunkPool.Get().(*[32 << 10]byte)
	defer chunkPool.Put(chunk)
	for {
		n, err := src.Read(chunk[:])
		if n > 0 {
			if max >= 0 && s.size+int64(n) > max {
				return &TooLargeError{What: "body", Limit: max}
			}
			if err := s.write(chunk[:n], memLimit); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &BodyError{Err: err}
		}
	}
}

func (s *spillBuffer) write(p []byte, memLimit int64) error {
	s.size += int64(len(p))
	if s.file == nil && memLimit >= 0 && int64(len(s.mem)+len(p)) > memLimit {
		f, err := os.CreateTemp("", "gowebob-body-*")
		if err != nil {
			return &BodyError{Err: err}
		}
		s.file = f
		if _, err := f.Write(s.mem); err != nil {
			return &BodyError{Err: err}
		}
		s.mem = nil
	}
	if s.file != nil {
		if _, err := s.file.Write(p); err != nil {
			return &BodyError{Err: err}
		}
		return nil
	}
	s.mem = append(s.mem, p...)
	return nil
}

// ContentLength returns CONTENT_LENGTH as a number. It reports false when
// the header is absent or is not a non-negative integer (WebOb gives None).
func (r *Request) ContentLength() (int64, bool) {
	v, ok := r.Environ["CONTENT_LENGTH"]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// IsBodyReadable reports whether the body may be read: Content-Length is
// above zero, or there is none and the server said the input ends by itself
// (wsgi.input_terminated, set by FromHTTP for chunked bodies).
func (r *Request) IsBodyReadable() bool {
	if n, ok := r.ContentLength(); ok {
		return n != 0
	}
	if _, present := r.Environ["CONTENT_LENGTH"]; present {
		// Present but not a number: WebOb's content_length is None.
		return truthy(r.Environ["wsgi.input_terminated"])
	}
	return truthy(r.Environ["wsgi.input_terminated"])
}

func truthy(s string) bool {
	switch strings.ToLower(s) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// bufferBody reads the body into r.more.buf once (WebOb's
// make_body_seekable).
func (r *Request) bufferBody() error {
	m := r.parts()
	if m.buffered {
		return nil
	}
	if m.bodyErr != nil {
		return m.bodyErr
	}
	lim := r.Limits.effective()
	buf := &m.buf
	if r.IsBodyReadable() && m.body != nil {
		src := m.body
		n, known := r.ContentLength()
		if known {
			if lim.MaxBodyBytes >= 0 && n > lim.MaxBodyBytes {
				m.bodyErr = &TooLargeError{What: "body", Limit: lim.MaxBodyBytes}
				return m.bodyErr
			}
			m.limited = io.LimitedReader{R: m.body, N: n}
			src = &m.limited
			if n <= lim.MaxMemoryBytes || lim.MaxMemoryBytes < 0 {
				// The common small body: one exact allocation.
				buf.mem = make([]byte, 0, n)
			}
		}
		err := buf.fill(src, lim.MaxMemoryBytes, lim.MaxBodyBytes)
		m.limited.R = nil
		if err != nil {
			buf.close()
			*buf = spillBuffer{}
			m.bodyErr = err
			return err
		}
		if known && buf.size < n {
			buf.close()
			*buf = spillBuffer{}
			m.bodyErr = &BodyError{Err: io.ErrUnexpectedEOF}
			return m.bodyErr
		}
		if !known {
			r.Environ["CONTENT_LENGTH"] = strconv.FormatInt(buf.size, 10)
		}
	}
	m.buffered = true
	m.body = nil
	return nil
}

// Body returns the request body. It reads the body once, within
// Limits.MaxBodyBytes, and keeps it, so that Body, Text, JSON and POST may
// all be used on one request. A body shorter than its Content-Length gives a
// *BodyError, a longer one is cut at Content-Length (as WebOb does). The
// slice is the Request's own buffer, which the content of uploaded files
// kept in memory shares: read it, do not modify it (SetBody replaces it).
func (r *Request) Body() ([]byte, error) {
	if err := r.bufferBody(); err != nil {
		return nil, err
	}
	return r.more.buf.bytes()
}

// BodyReader returns a reader over the buffered body from its start. Each
// call returns a new reader.
func (r *Request) BodyReader() (io.ReadSeeker, error) {
	if err := r.bufferBody(); err != nil {
		return nil, err
	}
	return r.more.buf.reader(), nil
}

// SetBody replaces the body and sets CONTENT_LENGTH, as WebOb's body setter.
func (r *Request) SetBody(b []byte) {
	r.setBuffer(b)
	r.more.bodyGen++
	r.Environ["CONTENT_LENGTH"] = strconv.Itoa(len(b))
}

// setBuffer makes b the buffered body, removing a temporary file the
// previous one had.
func (r *Request) setBuffer(b []byte) {
	m := r.parts()
	m.buf.close()
	m.buf = spillBuffer{mem: b, size: int64(len(b))}
	m.buffered, m.body, m.bodyErr = true, nil, nil
}

// Text returns the body decoded with Charset. UTF-8, UTF-16 (with or
// without byte order mark), ISO-8859-1 (Latin-1) and US-ASCII are decoded;
// bytes that are not valid in the charset give a *DecodeError, other
// charsets ErrUnsupportedCharset.
func (r *Request) Text() (string, error) {
	b, err := r.Body()
	if err != nil {
		return "", err
	}
	return decodeCharset(b, r.Charset(), "body")
}

// ErrUnsupportedCharset is returned by Text and JSON for a charset other
// than UTF-8, UTF-16, ISO-8859-1 and US-ASCII.
var ErrUnsupportedCharset = errors.New("request: unsupported charset")

func decodeCharset(b []byte, charset, where string) (string, error) {
	switch normCharset(charset) {
	case "utf8":
		if !utf8.Valid(b) {
			return "", &DecodeError{Where: where, Charset: charset}
		}
		return string(b), nil
	case "latin1", "iso88591", "l1", "iso885911987", "cp819", "ibm819", "8859", "iso8859":
		return latin1ToUTF8(b), nil
	case "utf16", "utf16le", "utf16be":
		return decodeUTF16(b, normCharset(charset), where, charset)
	case "ascii", "usascii", "646":
		for _, c := range b {
			if c >= 0x80 {
				return "", &DecodeError{Where: where, Charset: charset}
			}
		}
		return string(b), nil
	}
	return "", ErrUnsupportedCharset
}

// jsonDepth returns the deepest nesting of arrays and objects in JSON text,
// counting brackets outside strings; it does not validate.
func jsonDepth(s string) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// decodeUTF16 decodes UTF-16 as Python does: "utf-16" reads a byte order
// mark and defaults to little-endian, the -le and -be forms take no mark.
func decodeUTF16(b []byte, norm, where, charset string) (string, error) {
	if len(b)%2 != 0 {
		return "", &DecodeError{Where: where, Charset: charset}
	}
	big := norm == "utf16be"
	if norm == "utf16" && len(b) >= 2 {
		switch {
		case b[0] == 0xFF && b[1] == 0xFE:
			b = b[2:]
		case b[0] == 0xFE && b[1] == 0xFF:
			b, big = b[2:], true
		}
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if big {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	for i := 0; i < len(units); i++ {
		switch u := units[i]; {
		case u >= 0xDC00 && u <= 0xDFFF:
			return "", &DecodeError{Where: where, Charset: charset}
		case u >= 0xD800 && u <= 0xDBFF:
			if i+1 >= len(units) || units[i+1] < 0xDC00 || units[i+1] > 0xDFFF {
				return "", &DecodeError{Where: where, Charset: charset}
			}
			i++
		}
	}
	return string(utf16.Decode(units)), nil
}

// normCharset lower-cases cs and drops '-', '_' and ' ', so that charset
// aliases compare equal ("UTF-8", "utf_8", "utf8").
func normCharset(cs string) string {
	b := make([]byte, 0, len(cs))
	for i := 0; i < len(cs); i++ {
		switch c := cs[i]; {
		case c == '-' || c == '_' || c == ' ':
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func latin1ToUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// JSON decodes the body, read as Text, into v with encoding/json. An empty
// body gives ErrNoBody, invalid JSON a *JSONError, nesting deeper than
// Limits.MaxJSONDepth a *TooLargeError (the body's size is bounded by
// MaxBodyBytes).
func (r *Request) JSON(v any) error {
	text, err := r.Text()
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return ErrNoBody
	}
	if max := r.Limits.effective().MaxJSONDepth; max >= 0 && jsonDepth(text) > max {
		return &TooLargeError{What: "JSON nesting", Limit: int64(max)}
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return &JSONError{Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &JSONError{Err: errors.New("data after the JSON value")}
	}
	return nil
}
