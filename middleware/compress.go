package middleware

import (
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/gowebob/gowebob/header"
)

// CompressOptions configures Compress. The zero value compresses at the
// default level every response of 1024 bytes or more whose type is not
// compressed already.
type CompressOptions struct {
	// Level is the compression level, from 1 (fastest) to 9 (smallest).
	// Zero, or any other value, means the default level (6).
	Level int

	// MinSize is the smallest body, in bytes, worth compressing; smaller
	// ones are sent as they are. Zero means 1024. A response that is
	// flushed before MinSize bytes are written is compressed anyway, so
	// that streaming works.
	MinSize int

	// SkipTypes are the media types not to compress because they are
	// compressed already, such as "image/png", or "video/*" for a whole
	// type. If nil, these are skipped: image/png, image/jpeg, image/gif,
	// image/webp, image/avif, image/heic, video/*, audio/*, font/woff,
	// font/woff2, application/zip, application/gzip, application/x-gzip,
	// application/zstd, application/x-bzip2, application/x-xz,
	// application/x-7z-compressed, application/x-rar-compressed and
	// application/pdf.
	SkipTypes []string
}

var defaultSkipTypes = []string{
	"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/heic",
	"video/*", "audio/*", "font/woff", "font/woff2",
	"application/zip", "application/gzip", "application/x-gzip", "application/zstd",
	"application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
	"application/x-rar-compressed", "application/pdf",
}

// Compress returns a middleware that compresses response bodies with gzip
// or deflate (the zlib format, as HTTP's "deflate" means), whichever the
// request's Accept-Encoding prefers by q-value (gzip on a tie). It does
// not compress:
//
//   - when the request has no Accept-Encoding, an invalid one, one that
//     refuses both codings (q=0), or one that names identity with a higher
//     q than theirs;
//   - HEAD requests, so that no compressed empty body is ever written, and
//     requests to upgrade the connection (WebSocket);
//   - responses without a body (1xx, 204, 304), partial ones (206, or any
//     with a Content-Range) and ones that already have a Content-Encoding;
//   - bodies smaller than MinSize, and the media types of SkipTypes.
//
// Every response gets "Vary: Accept-Encoding". A compressed one loses its
// Content-Length and Accept-Ranges, and a strong ETag becomes weak (the
// bytes differ from the uncompressed entity's). When the handler sets no
// Content-Type, the type is sniffed from the uncompressed bytes, as
// net/http would.
//
// Writers come from a sync.Pool, one per Compress call. A handler that
// reaches the underlying writer through Unwrap (http.ResponseController
// does that only for deadlines, Hijack and Flush) bypasses compression.
func Compress(opts CompressOptions) func(http.Handler) http.Handler {
	level := opts.Level
	if level < gzip.BestSpeed || level > gzip.BestCompression {
		level = gzip.DefaultCompression
	}
	c := &compressor{minSize: opts.MinSize, skip: opts.SkipTypes}
	if c.minSize <= 0 {
		c.minSize = 1024
	}
	if c.skip == nil {
		c.skip = defaultSkipTypes
	}
	c.gzipPool.New = func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, level) // level checked above
		return w
	}
	c.zlibPool.New = func() any {
		w, _ := zlib.NewWriterLevel(io.Discard, level)
		return w
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			addVary(w.Header(), "Accept-Encoding")
			enc := negotiateEncoding(r.Header.Values("Accept-Encoding"))
			if enc == "" || r.Method == http.MethodHead || r.Header.Get("Upgrade") != "" {
				next.ServeHTTP(w, r)
				return
			}
			cw := &compressWriter{ResponseWriter: w, c: c, encoding: enc}
			next.ServeHTTP(cw, r)
			// Not deferred: after a panic nothing more is written, so
			// that Recover can still send its 500 or abort.
			cw.close()
		})
	}
}

// compressor holds the settings and pools of one Compress call.
type compressor struct {
	minSize  int
	skip     []string
	gzipPool sync.Pool // *gzip.Writer
	zlibPool sync.Pool // *zlib.Writer
}

// encoder is what *gzip.Writer and *zlib.Writer have in common.
type encoder interface {
	io.WriteCloser
	Flush() error
	Reset(io.Writer)
}

func (c *compressor) get(enc string, w io.Writer) encoder {
	var e encoder
	if enc == "gzip" {
		e = c.gzipPool.Get().(*gzip.Writer)
	} else {
		e = c.zlibPool.Get().(*zlib.Writer)
	}
	e.Reset(w)
	return e
}

func (c *compressor) put(enc string, e encoder) {
	e.Reset(io.Discard) // drop the reference to the response
	if enc == "gzip" {
		c.gzipPool.Put(e)
	} else {
		c.zlibPool.Put(e)
	}
}

// negotiateEncoding returns the coding to use for the Accept-Encoding
// header lines: "gzip", "deflate", or "" for none.
func negotiateEncoding(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	value := lines[0]
	if len(lines) > 1 {
		value = strings.Join(lines, ", ")
	}
	ae := header.ParseAcceptEncoding(value)
	if !ae.Valid() {
		return ""
	}
	offers := ae.AcceptableOffers(encodingOffers)
	if len(offers) == 0 {
		return ""
	}
	// identity is acceptable by default (RFC 9110 §12.5.3) but only an
	// explicit identity with a higher q than the best coding wins over it:
	// "gzip;q=0.8" asks for gzip.
	if mentionsIdentity(value) {
		if id := ae.AcceptableOffers([]string{"identity"}); len(id) == 1 && id[0].Q > offers[0].Q {
			return ""
		}
	}
	return offers[0].Value
}

// encodingOffers is in order of preference for equal q-values.
var encodingOffers = []string{"gzip", "deflate"}

// mentionsIdentity reports whether the Accept-Encoding value lists
// identity itself.
func mentionsIdentity(value string) bool {
	for value != "" {
		var elem string
		elem, value, _ = strings.Cut(value, ",")
		name, _, _ := strings.Cut(elem, ";")
		if strings.EqualFold(trimOWS(name), "identity") {
			return true
		}
	}
	return false
}

// addVary adds token to the Vary header unless it is there already (or
// Vary is "*").
func addVary(h http.Header, token string) {
	for _, v := range h.Values("Vary") {
		for v != "" {
			var t string
			t, v, _ = strings.Cut(v, ",")
			t = strings.TrimSpace(t)
			if t == "*" || strings.EqualFold(t, token) {
				return
			}
		}
	}
	h.Add("Vary", token)
}

// compressWriter buffers the start of the body until it knows whether to
// compress: MinSize bytes, a Flush, a Content-Length, or the end.
type compressWriter struct {
	http.ResponseWriter
	c        *compressor
	encoding string
	status   int    // the status the handler set, 0 if none yet
	buf      []byte // the body so far, while undecided
	decided  bool
	enc      encoder // non-nil when compressing
}

var (
	_ http.Flusher = (*compressWriter)(nil)
	_ rwUnwrapper  = (*compressWriter)(nil)
)

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *compressWriter) WriteHeader(code int) {
	if w.decided || code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code) // 1xx, or superfluous: net/http says so
		return
	}
	if w.status != 0 {
		return // superfluous, and nothing is written yet
	}
	w.status = code
	if !bodyAllowed(code) {
		_ = w.decide(false, false, nil)
		return
	}
	if n, ok := contentLength(w.Header()); ok {
		_ = w.decide(n >= int64(w.c.minSize), false, nil)
	}
}

func (w *compressWriter) Write(p []byte) (int, error) {
	if !w.decided && w.status == 0 {
		w.WriteHeader(http.StatusOK) // may decide, by Content-Length
	}
	if !w.decided {
		if len(w.buf)+len(p) < w.c.minSize {
			w.buf = append(w.buf, p...)
			return len(p), nil
		}
		if err := w.decide(true, false, p); err != nil {
			return 0, err
		}
	}
	if w.enc != nil {
		return w.enc.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// Flush sends what is buffered, compressing it if the response qualifies
// whatever its size so far.
func (w *compressWriter) Flush() {
	if !w.decided {
		if w.status == 0 {
			w.status = http.StatusOK
		}
		_ = w.decide(true, true, nil)
	}
	if w.enc != nil {
		_ = w.enc.Flush()
	}
	flush(w.ResponseWriter)
}

// close ends the response after the handler returned.
func (w *compressWriter) close() {
	if !w.decided {
		if w.status == 0 && len(w.buf) == 0 {
			return // nothing written: net/http sends its own 200
		}
		if w.status == 0 {
			w.status = http.StatusOK
		}
		_ = w.decide(true, false, nil)
	}
	if w.enc != nil {
		_ = w.enc.Close()
		w.c.put(w.encoding, w.enc)
		w.enc = nil
	}
}

// decide writes the header, compressed if want is set and the response
// qualifies, then the buffered body. next is the data about to be written,
// for its size and to sniff the type; streaming means a Flush asked.
func (w *compressWriter) decide(want, streaming bool, next []byte) error {
	w.decided = true
	h := w.Header()
	buf := w.buf
	w.buf = nil
	if want && w.compressible(h, streaming, buf, next) {
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", w.encoding)
		if etag := h.Get("Etag"); etag != "" && !strings.HasPrefix(etag, "W/") {
			h.Set("Etag", "W/"+etag)
		}
		w.ResponseWriter.WriteHeader(w.status)
		w.enc = w.c.get(w.encoding, w.ResponseWriter)
		if len(buf) == 0 {
			return nil
		}
		_, err := w.enc.Write(buf)
		return err
	}
	w.ResponseWriter.WriteHeader(w.status)
	if len(buf) == 0 {
		return nil
	}
	_, err := w.ResponseWriter.Write(buf)
	return err
}

// compressible reports whether the response may be compressed, given the
// body buffered and the next write, and sets its sniffed Content-Type when
// it has none.
func (w *compressWriter) compressible(h http.Header, streaming bool, buf, next []byte) bool {
	if !bodyAllowed(w.status) || w.status == http.StatusPartialContent ||
		h.Get("Content-Range") != "" {
		return false
	}
	if ce := h.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return false
	}
	if !streaming && len(buf)+len(next) < w.c.minSize {
		if n, ok := contentLength(h); !ok || n < int64(w.c.minSize) {
			return false
		}
	}
	ctype, ok := h["Content-Type"]
	if !ok {
		if len(buf)+len(next) == 0 {
			return false // nothing to sniff the type from
		}
		var sniff [512]byte
		n := copy(sniff[:], buf)
		n += copy(sniff[n:], next)
		h.Set("Content-Type", http.DetectContentType(sniff[:n]))
	} else if len(ctype) == 0 {
		return true // the handler asked for no Content-Type
	}
	return !skipType(h.Get("Content-Type"), w.c.skip)
}

// skipType reports whether the media type of ctype matches one of skip.
func skipType(ctype string, skip []string) bool {
	mt, _, _ := strings.Cut(ctype, ";")
	mt = strings.TrimSpace(mt)
	for _, s := range skip {
		if prefix, ok := strings.CutSuffix(s, "/*"); ok {
			if len(mt) > len(prefix) && mt[len(prefix)] == '/' && strings.EqualFold(mt[:len(prefix)], prefix) {
				return true
			}
		} else if strings.EqualFold(mt, s) {
			return true
		}
	}
	return false
}

// bodyAllowed reports whether a response with status code may have a body.
func bodyAllowed(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// contentLength returns the handler's Content-Length header, if valid.
func contentLength(h http.Header) (int64, bool) {
	v := h.Get("Content-Length")
	if v == "" || len(v) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(v[i]-'0')
	}
	return n, true
}
