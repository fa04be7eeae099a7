package response

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// FromReader reads a response from br as WebOb's Response.from_file does:
// a status line ("200 OK", or "HTTP/1.1 200 OK" whose version is
// dropped), header lines up to a blank one, then Content-Length bytes of
// body (none without a Content-Length). As with WebOb's body setter, the
// Content-Length field is then set to the length read, at the end of the
// header list. It reads what String writes; it is not a full HTTP/1.1
// parser (no chunked bodies): use net/http's ReadResponse and FromHTTP for
// responses off the network.
func FromReader(br *bufio.Reader) (*Response, error) {
	line, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("response: reading the status line: %w", err)
	}
	// bytes.strip and bytes.split(None) in WebOb: ASCII whitespace only.
	status := strings.Trim(line, httplex.PySpace)
	if strings.HasPrefix(status, "HTTP/") {
		// split(None, 2): version, code, then the rest as it stands.
		_, rest, _ := httplex.CutSpace(status)
		code, text, ok := httplex.CutSpace(rest)
		if !ok || text == "" {
			return nil, fmt.Errorf("%w: %q", ErrInvalidStatus, status)
		}
		status = code + " " + text
	}
	r := &Response{}
	if err := r.SetStatus(status); err != nil {
		return nil, err
	}
	for {
		hl, err := br.ReadString('\n')
		hl = strings.Trim(hl, httplex.PySpace)
		if hl == "" {
			if err != nil && err != io.EOF {
				return nil, fmt.Errorf("response: reading the headers: %w", err)
			}
			break
		}
		name, value, ok := strings.Cut(hl, ":")
		if !ok {
			return nil, fmt.Errorf("response: bad header line %q", hl)
		}
		r.header.Add(name, strings.Trim(value, httplex.PySpace))
		if err == io.EOF {
			break
		}
	}
	n, _ := r.ContentLength()
	var buf bytes.Buffer
	if _, err := io.CopyN(&buf, br, n); err != nil && err != io.EOF {
		return nil, fmt.Errorf("response: reading the body: %w", err)
	}
	r.SetBody(buf.Bytes())
	return r, nil
}
