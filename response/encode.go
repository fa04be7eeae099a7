package response

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrUnknownEncoding is returned by EncodeContent for an encoding other
// than gzip and identity (WebOb raises AssertionError) and by
// DecodeContent for a Content-Encoding other than gzip, deflate and
// identity (WebOb raises ValueError). It matches via errors.Is.
var ErrUnknownEncoding = errors.New("response: unknown content encoding")

// gzipWanted reports whether encoding asks EncodeContent and
// EncodeContentLazy to gzip the body: "identity" decodes it instead
// (DecodeContent), a body already gzip is left alone, and another encoding
// is an error.
func (r *Response) gzipWanted(encoding string) (bool, error) {
	switch encoding {
	case "identity":
		return false, r.DecodeContent()
	case "gzip":
		return r.ContentEncoding() != "gzip", nil
	}
	return false, fmt.Errorf("%w: %q", ErrUnknownEncoding, encoding)
}

// EncodeContent compresses the body with encoding, as WebOb's
// encode_content does: "gzip" compresses at the best level (unless the
// Content-Encoding is already gzip), sets Content-Length to the new size
// and Content-Encoding to gzip, both moving to the end of the header list;
// "identity" is DecodeContent. A streaming body is read first.
//
// The gzip stream has WebOb's header bytes (no name, mtime 0, best
// compression, unknown OS) but Go's compressor, so the compressed bytes
// differ from zlib's while decompressing to the same body.
func (r *Response) EncodeContent(encoding string) error {
	if want, err := r.gzipWanted(encoding); !want || err != nil {
		return err
	}
	body, err := r.Body()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(body); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	// WebOb sets app_iter (removing Content-Length), then Content-Length,
	// then Content-Encoding; it leaves Content-MD5 alone.
	r.header.Del("Content-Length")
	r.body, r.text = buf.Bytes(), ""
	r.SetContentLength(int64(buf.Len()))
	r.header.Set("Content-Encoding", "gzip")
	return nil
}

// DecodeContent decompresses the body according to Content-Encoding, as
// WebOb's decode_content does: nothing for none or identity, gzip, and
// deflate (zlib-wrapped, as RFC 7230 says, or raw, as some servers send it;
// WebOb 1.8.6 reads only raw deflate). It then removes Content-Encoding and
// sets the body as SetBody does. A Content-Encoding it cannot decode gives
// ErrUnknownEncoding, and corrupt data an error from compress/*; the
// response is then unchanged.
func (r *Response) DecodeContent() error {
	enc := r.ContentEncoding()
	if enc == "" || enc == "identity" {
		return nil
	}
	if enc != "gzip" && enc != "deflate" {
		return fmt.Errorf("%w: I don't know how to decode the content %s", ErrUnknownEncoding, enc)
	}
	body, err := r.Body()
	if err != nil {
		return err
	}
	var out []byte
	if enc == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("response: decoding gzip body: %w", err)
		}
		if out, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("response: decoding gzip body: %w", err)
		}
	} else {
		zr, zerr := zlib.NewReader(bytes.NewReader(body))
		if zerr == nil {
			out, zerr = io.ReadAll(zr)
		}
		if zerr != nil {
			var err error
			if out, err = io.ReadAll(flate.NewReader(bytes.NewReader(body))); err != nil {
				return fmt.Errorf("response: decoding deflate body: %w", err)
			}
		}
	}
	r.SetBody(out)
	r.header.Del("Content-Encoding")
	return nil
}

// EncodeContentLazy is EncodeContent that compresses the body while it is
// written rather than at once, as WebOb's encode_content(lazy=True): the
// body becomes a stream of gzip data read from the current body (in
// memory or streaming) as the client is sent it, so a large or endless
// body is never held whole. Content-Length is removed, since the
// compressed size is not known in advance, and Content-Encoding is set to
// gzip. "identity" is DecodeContent; a body already gzip is left alone.
func (r *Response) EncodeContentLazy(encoding string) error {
	if want, err := r.gzipWanted(encoding); !want || err != nil {
		return err
	}
	src := r.reader
	if src == nil {
		if r.text != "" {
			src = strings.NewReader(r.text)
		} else {
			src = bytes.NewReader(r.body)
		}
	}
	zr := &gzipReader{src: src}
	zr.zw, _ = gzip.NewWriterLevel(&zr.out, gzip.BestCompression) // a valid level: no error
	r.SetBodyReader(zr, -1)
	r.header.Set("Content-Encoding", "gzip")
	return nil
}

// gzipReader reads src compressed with gzip, compressing a chunk at a time
// as it is read, without a goroutine.
type gzipReader struct {
	src   io.Reader
	zw    *gzip.Writer
	out   bytes.Buffer // compressed bytes not read yet
	chunk [16 << 10]byte
	done  bool
	err   error
}

func (g *gzipReader) Read(p []byte) (int, error) {
	for g.out.Len() == 0 && !g.done {
		n, err := g.src.Read(g.chunk[:])
		if n > 0 {
			if _, werr := g.zw.Write(g.chunk[:n]); werr != nil {
				g.err, g.done = werr, true
				break
			}
		}
		switch {
		case err == io.EOF:
			g.err, g.done = g.zw.Close(), true
		case err != nil:
			g.err, g.done = err, true
		}
	}
	if g.out.Len() > 0 {
		return g.out.Read(p)
	}
	if g.err != nil {
		return 0, g.err
	}
	return 0, io.EOF
}

// Close closes the source when it is an io.Closer.
func (g *gzipReader) Close() error {
	if c, ok := g.src.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
