package request

import (
	"bufio"
	"bytes"
	"io"
	"net/textproto"
	"os"
	"strings"
)

// maxPartHeaderBytes bounds the header block of one multipart part.
const maxPartHeaderBytes = 64 << 10

// parseHeaderParams parses a header value with parameters the way Python's
// cgi.parse_header does (which is what WebOb's form parsing sees): the main
// value kept as sent, parameter names lower-cased, quoted values unquoted
// with \\ and \" unescaped. A ';' inside quotes does not split.
func parseHeaderParams(line string) (string, map[string]string) {
	var parts []string
	s := ";" + line
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		end := strings.IndexByte(s, ';')
		for end > 0 && (strings.Count(s[:end], `"`)-strings.Count(s[:end], `\"`))%2 == 1 {
			next := strings.IndexByte(s[end+1:], ';')
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			end = len(s)
		}
		parts = append(parts, strings.TrimSpace(s[:end]))
		s = s[end:]
	}
	key := parts[0]
	params := make(map[string]string)
	for _, p := range parts[1:] {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
			value = strings.ReplaceAll(strings.ReplaceAll(value, `\\`, `\`), `\"`, `"`)
		}
		params[strings.ToLower(strings.TrimSpace(name))] = value
	}
	return key, params
}

// maxMultipartLine is the longest line the multipart reader returns at once,
// as cgi.FieldStorage's readline(1<<16): a longer one comes in pieces.
const maxMultipartLine = 1 << 16

// multipartReader reads a multipart body line by line with the leniency of
// Python's cgi.FieldStorage, which WebOb uses: LF or CRLF line ends, text
// before the first boundary skipped, a missing closing boundary accepted.
//
// A body held in memory (the usual case, below Limits.MaxMemoryBytes) is
// read in place from mem, and a part's content is a slice of it; a body
// spilled to a temporary file is read through br.
type multipartReader struct {
	br       *bufio.Reader
	mem      []byte
	pos      int // offset in mem of the next line
	boundary []byte
	done     bool
}

// readLine returns the next line with its end, at most maxMultipartLine
// bytes; nil and io.EOF at the end of the body.
func (m *multipartReader) readLine() ([]byte, error) {
	if m.br == nil {
		rest := m.mem[m.pos:]
		if len(rest) == 0 {
			return nil, io.EOF
		}
		n := min(len(rest), maxMultipartLine)
		if i := bytes.IndexByte(rest[:n], '\n'); i >= 0 {
			n = i + 1
		}
		m.pos += n
		return rest[:n:n], nil
	}
	line, err := m.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		err = nil
	}
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	return line, err
}

// skipPreamble reads up to and including the first boundary line.
func (m *multipartReader) skipPreamble() error {
	first := append([]byte("--"), m.boundary...)
	for {
		line, err := m.readLine()
		if err == io.EOF {
			m.done = true
			return nil
		}
		if err != nil {
			return err
		}
		if bytes.Equal(bytes.TrimSpace(line), first) {
			return nil
		}
	}
}

// readHeader reads one part's header block; ok is false at the end of the
// body.
func (m *multipartReader) readHeader() (textproto.MIMEHeader, bool, error) {
	var block []byte
	for {
		line, err := m.readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
		block = append(block, line...)
		if len(block) > maxPartHeaderBytes {
			return nil, false, &FormError{Reason: "multipart part header too large"}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			break
		}
	}
	if len(block) == 0 {
		return nil, false, nil
	}
	h := make(textproto.MIMEHeader)
	var last string
	for _, line := range strings.Split(pyReplaceInvalid(string(block)), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))
		h[last] = append(h[last], strings.TrimSpace(value))
	}
	return h, true, nil
}

// The line ends and the boundary prefix, shared rather than converted from
// strings on every line of every part.
var (
	crlf   = []byte("\r\n")
	lf     = []byte("\n")
	cr     = []byte("\r")
	dashes = []byte("--")
)

// readBody copies one part's content to w up to the next boundary, as
// cgi.FieldStorage.read_lines_to_outerboundary: the line end before the
// boundary belongs to the boundary. The content is contiguous in the body,
// so for a body in memory w may be nil: the content is m.mem from the
// offset before the call to the end offset returned.
func (m *multipartReader) readBody(w io.Writer) (end int, err error) {
	next := append([]byte("--"), m.boundary...)
	last := append(append([]byte(nil), next...), "--"...)
	var delim []byte
	lastLineLFEnd := true
	for {
		line, err := m.readLine()
		if err == io.EOF {
			m.done = true
			return m.pos - len(delim), nil
		}
		if err != nil {
			return 0, err
		}
		lineStart := m.pos - len(line)
		if bytes.Equal(delim, cr) {
			line = append([]byte("\r"), line...)
			delim = nil
		}
		if bytes.HasPrefix(line, dashes) && lastLineLFEnd {
			stripped := bytes.TrimRight(line, " \t\r\n\v\f")
			if bytes.Equal(stripped, next) {
				return lineStart - len(delim), nil
			}
			if bytes.Equal(stripped, last) {
				m.done = true
				return lineStart - len(delim), nil
			}
		}
		odelim := delim
		switch {
		case bytes.HasSuffix(line, crlf):
			delim, line, lastLineLFEnd = crlf, line[:len(line)-2], true
		case bytes.HasSuffix(line, lf):
			delim, line, lastLineLFEnd = lf, line[:len(line)-1], true
		case bytes.HasSuffix(line, cr):
			delim, line, lastLineLFEnd = cr, line[:len(line)-1], false
		default:
			delim, lastLineLFEnd = nil, false
		}
		if w == nil {
			continue
		}
		if _, err := w.Write(odelim); err != nil {
			return 0, err
		}
		if _, err := w.Write(line); err != nil {
			return 0, err
		}
	}
}

// readPart reads one part's content, keeping it in memory while memLeft
// allows and in a temporary file beyond, and failing beyond max (the body
// limit; negative for none). A part of a body in memory is a slice of it;
// one that does not fit in memLeft goes to a file only when keep is set (a
// file upload): the caller refuses a form field that large, which needs no
// file.
func (m *multipartReader) readPart(memLeft, max int64, keep bool) (*spillWriter, error) {
	w := &spillWriter{memLeft: memLeft, max: max}
	if m.br != nil {
		_, err := m.readBody(w)
		return w, err
	}
	start := m.pos
	end, err := m.readBody(nil)
	if err != nil {
		return w, err
	}
	w.slice = m.mem[start:end:end]
	w.size = int64(len(w.slice))
	if max >= 0 && w.size > max {
		return w, &TooLargeError{What: "body", Limit: max}
	}
	if w.size > memLeft && keep {
		content := w.slice
		w.slice, w.size = nil, 0
		_, err = w.Write(content)
	}
	return w, err
}

// spillWriter keeps what is written in memory while memLeft allows and
// moves it to a temporary file beyond. readPart sets slice instead for a
// part of a body in memory that fits.
type spillWriter struct {
	memLeft int64
	mem     bytes.Buffer
	slice   []byte
	file    *os.File
	size    int64
	max     int64
}

// data returns the content kept in memory.
func (s *spillWriter) data() []byte {
	if s.slice != nil {
		return s.slice
	}
	return s.mem.Bytes()
}

func (s *spillWriter) Write(p []byte) (int, error) {
	s.size += int64(len(p))
	if s.max >= 0 && s.size > s.max {
		return 0, &TooLargeError{What: "body", Limit: s.max}
	}
	if s.file == nil && int64(s.mem.Len()+len(p)) > s.memLeft {
		f, err := os.CreateTemp("", "gowebob-upload-*")
		if err != nil {
			return 0, &BodyError{Err: err}
		}
		s.file = f
		if _, err := f.Write(s.mem.Bytes()); err != nil {
			return 0, &BodyError{Err: err}
		}
		s.mem = bytes.Buffer{}
	}
	if s.file != nil {
		return s.file.Write(p)
	}
	return s.mem.Write(p)
}

func (r *Request) parseMultipart(contentType string, lim Limits) ([]Item, []*File, error) {
	_, params := parseHeaderParams(contentType)
	boundary := params["boundary"]
	if !validBoundary(boundary) {
		return nil, nil, &FormError{Reason: "invalid multipart boundary"}
	}
	body := &r.more.buf
	m := &multipartReader{mem: body.mem, boundary: []byte(boundary)}
	if body.file != nil {
		// A body smaller than the longest line needs no larger buffer
		// than itself to behave the same.
		m.br = bufio.NewReaderSize(body.reader(), int(min(body.size+16, maxMultipartLine)))
	}
	var items []Item
	var files []*File
	fail := func(e error) ([]Item, []*File, error) {
		for _, f := range files {
			f.remove()
		}
		return nil, nil, e
	}
	if err := m.skipPreamble(); err != nil {
		return fail(&FormError{Reason: "cannot read multipart body", Err: err})
	}
	memLeft := lim.MaxMemoryBytes
	if memLeft < 0 {
		memLeft = 1<<63 - 1
	}
	for parts := 0; !m.done; parts++ {
		h, ok, err := m.readHeader()
		if err != nil {
			return fail(err)
		}
		if !ok {
			break
		}
		if lim.MaxParts >= 0 && parts >= lim.MaxParts {
			return fail(&TooLargeError{What: "multipart parts", Limit: int64(lim.MaxParts)})
		}
		if lim.MaxFormKeys >= 0 && len(items) >= lim.MaxFormKeys {
			return fail(&TooLargeError{What: "form keys", Limit: int64(lim.MaxFormKeys)})
		}
		_, disp := parseHeaderParams(h.Get("Content-Disposition"))
		ptype, pparams := "text/plain", map[string]string{}
		if ct, ok := h["Content-Type"]; ok {
			ptype, pparams = parseHeaderParams(ct[0])
		}
		filename, hasFilename := disp["filename"]
		if !hasFilename {
			filename, hasFilename = decodeRFC2231(disp["filename*"])
		}
		isFile := hasFilename && filename != ""
		w, err := m.readPart(memLeft, lim.MaxBodyBytes, isFile)
		if w.file != nil {
			defer w.file.Close()
		}
		if isFile {
			f := &File{Name: disp["name"], Filename: filename, ContentType: ptype, Header: h, Size: w.size}
			if w.file != nil {
				f.path = w.file.Name()
			} else {
				f.data = w.data()
				memLeft -= w.size
			}
			files = append(files, f)
			if err != nil {
				return fail(asFormError(err))
			}
			items = append(items, Item{Key: f.Name, Value: f.Filename, File: f})
			continue
		}
		if w.size > memLeft { // a field spilled to a file, or one that would have
			if w.file != nil {
				os.Remove(w.file.Name())
			}
			return fail(&TooLargeError{What: "form field", Limit: lim.MaxMemoryBytes})
		}
		if err != nil {
			return fail(asFormError(err))
		}
		value := decodeTransfer(w.data(), h.Get("Content-Transfer-Encoding"))
		items = append(items, Item{Key: disp["name"], Value: decodePartText(value, pparams["charset"])})
	}
	return items, files, nil
}

func asFormError(err error) error {
	switch err.(type) {
	case *TooLargeError, *BodyError, *FormError:
		return err
	}
	return &FormError{Reason: "cannot read multipart body", Err: err}
}

// decodeRFC2231 decodes an RFC 2231 extended value such as
// UTF-8”na%C3%AFve.txt (RFC 6266's filename*), which cgi.FieldStorage
// ignores. Only UTF-8 and ISO-8859-1 are understood.
func decodeRFC2231(v string) (string, bool) {
	charset, rest, ok := strings.Cut(v, "'")
	if !ok {
		return "", false
	}
	_, enc, ok := strings.Cut(rest, "'")
	if !ok {
		return "", false
	}
	s, err := decodeCharset(formUnquoteBytes(strings.ReplaceAll(enc, "+", "%2B")), charset, "form")
	if err != nil {
		return "", false
	}
	return s, true
}
