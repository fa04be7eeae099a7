package response

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// ErrUnknownEncoding is returned by EncodeContent for an encoding other
// than gzip and identity (WebOb raises AssertionError) and by
// DecodeContent for a Content-Encoding other than gzip, deflate and
// identity (WebOb raises ValueError). It matches via errors.Is.
var ErrUnknownEncoding = errors.New("response: unknown content encoding")

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
	switch encoding {
	case "identity":
		return r.DecodeContent()
	case "gzip":
	default:
		return fmt.Errorf("%w: %q", ErrUnknownEncoding, encoding)
	}
	if r.ContentEncoding() == "gzip" {
		return nil
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
