package request

import (
	"errors"
	"io"
)

// ErrBodyStreamed is what reading the body returns after BodyStream handed
// it out unbuffered: the bytes went to whoever read the stream.
var ErrBodyStreamed = errors.New("request: body was read as a stream")

// BodyStream returns the body as the client sends it, without buffering it
// and without Limits.MaxBodyBytes, for uploads and proxies: WebOb's
// body_file on input that is not seekable. It reads at most CONTENT_LENGTH
// bytes, and a body that ends before them gives a *BodyError wrapping
// io.ErrUnexpectedEOF (WebOb's DisconnectionError); without a
// CONTENT_LENGTH it reads to the end when the server says the input ends
// by itself (wsgi.input_terminated), and nothing otherwise.
//
// When the body has been buffered already (by Body, BodyReader, Text,
// JSON, POST or Params), the stream reads that copy. Otherwise the body is
// handed out once: a later BodyStream, Body or POST returns
// ErrBodyStreamed. (WebOb then reads an empty body; an error says what
// happened.) Read the body one way or the other, not both.
func (r *Request) BodyStream() (io.Reader, error) {
	m := r.parts()
	if m.buffered {
		return m.buf.reader(), nil
	}
	if m.bodyErr != nil {
		return nil, m.bodyErr
	}
	src := m.body
	m.body, m.bodyErr = nil, ErrBodyStreamed
	if src == nil || !r.IsBodyReadable() {
		return eofReader{}, nil
	}
	if n, ok := r.ContentLength(); ok {
		return &lengthReader{r: src, left: n}, nil
	}
	return &errReader{r: src}, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// lengthReader reads exactly left bytes of r: WebOb's LimitedLengthFile.
type lengthReader struct {
	r    io.Reader
	left int64
}

func (l *lengthReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	switch {
	case err == io.EOF && l.left > 0:
		return n, &BodyError{Err: io.ErrUnexpectedEOF}
	case err == io.EOF || err == nil:
		if l.left == 0 {
			return n, io.EOF
		}
		return n, nil
	}
	return n, &BodyError{Err: err}
}

// errReader wraps the read errors of r (other than io.EOF) in *BodyError.
type errReader struct{ r io.Reader }

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		err = &BodyError{Err: err}
	}
	return n, err
}
