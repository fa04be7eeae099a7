package request

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// AsBytes returns the request as HTTP/1.x bytes, as WebOb's
// req.as_bytes(skip_body): the request line ("GET /path?query
// HTTP/1.0", the URL without scheme and host), the headers sorted by
// name, then, when the body is readable and not empty, a blank line and
// the body, all joined by CRLF. skipBody 0 keeps the body, 1 leaves it
// out (WebOb's True), and a larger number replaces a body longer than
// that with "<body skipped (len=N)>". Reading the body buffers it (and
// may set CONTENT_LENGTH, as WebOb does), so its errors are returned.
func (r *Request) AsBytes(skipBody int) ([]byte, error) {
	var buf bytes.Buffer
	u := r.URL()
	u = strings.TrimPrefix(u, r.HostURL())
	buf.WriteString(r.Method())
	buf.WriteByte(' ')
	buf.WriteString(u)
	buf.WriteByte(' ')
	buf.WriteString(r.HTTPVersion())
	var body []byte
	if r.IsBodyReadable() && skipBody != 1 {
		b, err := r.Body()
		if err != nil {
			return nil, err
		}
		body = b
		if skipBody > 1 && len(b) > skipBody {
			body = []byte("<body skipped (len=" + strconv.Itoa(len(b)) + ")>")
		}
	}
	for name, v := range r.Headers().All() {
		buf.WriteString("\r\n")
		buf.WriteString(name)
		buf.WriteString(": ")
		buf.WriteString(v)
	}
	if len(body) > 0 {
		buf.WriteString("\r\n\r\n")
		buf.Write(body)
	}
	return buf.Bytes(), nil
}

// ErrTrailingData is what FromBytes returns when the bytes go on after
// the request, as WebOb's from_bytes raises ValueError.
var ErrTrailingData = errors.New("request: the bytes hold more than one request")

// FromBytes parses the bytes of one request, as WebOb's
// Request.from_bytes: see FromReader. Bytes left after the request's body
// are an error wrapping ErrTrailingData.
func FromBytes(b []byte) (*Request, error) {
	rd := bytes.NewReader(b)
	br := bufio.NewReader(rd)
	r, err := FromReader(br)
	if err != nil {
		return nil, err
	}
	if br.Buffered() > 0 || rd.Len() > 0 {
		return nil, ErrTrailingData
	}
	return r, nil
}

// FromReader reads one request from br, as WebOb's Request.from_file:
// the request line (method, target and version separated by whitespace;
// the method is upper-cased, and the target may be a path or an absolute
// URL, as Blank takes it), header lines up to a blank one (a repeated
// header's values are joined by ", "), then Content-Length bytes of body,
// or everything up to the end when there is no Content-Length. The
// environ is Blank's for the target (localhost:80 when the target has no
// host), with no HTTP_HOST unless a Host header is given; CONTENT_LENGTH
// is set to the length of the body read, as WebOb's body setter does.
//
// It reads requests as AsBytes writes them; it is not a full HTTP/1.1
// parser (no chunked bodies, no continuation lines): use net/http's
// ReadRequest and FromHTTP for requests off the network. Header names
// and values are kept as bytes, where WebOb decodes them as UTF-8.
func FromReader(br *bufio.Reader) (*Request, error) {
	line, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return nil, fmt.Errorf("request: reading the request line: %w", err)
	}
	// Python's split(None, 2): two words, then the rest of the line.
	rest := strings.TrimLeft(strings.TrimRight(line, "\r\n"), httplex.PySpace)
	method, rest, ok1 := httplex.CutSpace(rest)
	target, version, ok2 := httplex.CutSpace(rest)
	if !ok1 || !ok2 || version == "" {
		return nil, fmt.Errorf("request: bad HTTP request line %q", line)
	}
	env, err := environFromURL(target)
	if err != nil {
		return nil, err
	}
	delete(env, "HTTP_HOST")
	env["REQUEST_METHOD"] = strings.ToUpper(method)
	env["SERVER_PROTOCOL"] = version
	r := New(env, nil)
	h := r.Headers()
	for {
		hl, err := br.ReadString('\n')
		if strings.TrimSpace(hl) == "" {
			if err != nil && err != io.EOF {
				return nil, fmt.Errorf("request: reading the headers: %w", err)
			}
			break
		}
		name, value, ok := strings.Cut(hl, ":")
		if !ok {
			return nil, fmt.Errorf("request: bad header line %q", hl)
		}
		value = strings.TrimSpace(value)
		if old, ok := h.Lookup(name); ok {
			value = old + ", " + value
		}
		h.Set(name, value)
		if err == io.EOF {
			break
		}
	}
	var body []byte
	if n, ok := r.ContentLength(); ok {
		body = make([]byte, 0, min(n, 1<<20))
		body, err = readAtMost(br, body, n)
	} else {
		body, err = io.ReadAll(br)
	}
	if err != nil {
		return nil, fmt.Errorf("request: reading the body: %w", err)
	}
	r.SetBody(body)
	return r, nil
}

// readAtMost appends up to n bytes of rd to b; fewer at the end of rd is
// not an error, as Python's read(n) returns what there is.
func readAtMost(rd io.Reader, b []byte, n int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(b)
	_, err := io.CopyN(&buf, rd, n)
	if err == io.EOF {
		err = nil
	}
	return buf.Bytes(), err
}
