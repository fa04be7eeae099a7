package middleware_test

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gowebob/gowebob/middleware"
)

var bigText = strings.Repeat("gowebob compresses text. ", 100) // 2500 bytes

// decompress decodes body as encoding says.
func decompress(t testing.TB, encoding string, body []byte) string {
	t.Helper()
	var r io.Reader
	var err error
	switch encoding {
	case "gzip":
		r, err = gzip.NewReader(bytes.NewReader(body))
	case "deflate":
		r, err = zlib.NewReader(bytes.NewReader(body))
	case "":
		return string(body)
	default:
		t.Fatalf("unexpected Content-Encoding %q", encoding)
	}
	if err != nil {
		t.Fatalf("%s reader: %v", encoding, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", encoding, err)
	}
	return string(b)
}

func writeBody(ctype, body string, headers ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		// Several writes, to cross MinSize inside one.
		body := body
		for len(body) > 0 {
			n := min(len(body), 700)
			_, _ = io.WriteString(w, body[:n])
			body = body[n:]
		}
	})
}

func TestCompress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     middleware.CompressOptions
		method   string
		accept   []string // Accept-Encoding lines; nil: none
		h        http.Handler
		body     string
		wantEnc  string
		wantType string
		check    func(t *testing.T, h http.Header)
	}{
		{name: "gzip", accept: []string{"gzip, deflate"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "gzip"},
		{name: "deflate preferred by q", accept: []string{"gzip;q=0.5, deflate"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "deflate"},
		{name: "lines joined", accept: []string{"br", "deflate"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "deflate"},
		{name: "wildcard", accept: []string{"*"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "gzip"},
		{name: "gzip refused", accept: []string{"gzip;q=0, deflate;q=0"}, h: writeBody("text/plain", bigText), body: bigText},
		{name: "implicit identity does not win", accept: []string{"gzip;q=0.8"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "gzip"},
		{name: "identity preferred", accept: []string{"identity, gzip;q=0.5"}, h: writeBody("text/plain", bigText), body: bigText},
		{name: "unknown codings only", accept: []string{"br, zstd"}, h: writeBody("text/plain", bigText), body: bigText},
		{name: "no header", h: writeBody("text/plain", bigText), body: bigText},
		{name: "invalid header", accept: []string{"gzip;q=2"}, h: writeBody("text/plain", bigText), body: bigText},
		{name: "small body", accept: []string{"gzip"}, h: writeBody("text/plain", "short", "Content-Length", "5"), body: "short",
			check: func(t *testing.T, h http.Header) {
				if h.Get("Content-Length") != "5" {
					t.Errorf("Content-Length %q, want 5", h.Get("Content-Length"))
				}
			}},
		{name: "MinSize", opts: middleware.CompressOptions{MinSize: 4}, accept: []string{"gzip"}, h: writeBody("text/plain", "short"), body: "short", wantEnc: "gzip"},
		{name: "level 1", opts: middleware.CompressOptions{Level: 1}, accept: []string{"gzip"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "gzip"},
		{name: "level 9 deflate", opts: middleware.CompressOptions{Level: 9}, accept: []string{"deflate"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "deflate"},
		{name: "bad level is the default", opts: middleware.CompressOptions{Level: 42}, accept: []string{"gzip"}, h: writeBody("text/plain", bigText), body: bigText, wantEnc: "gzip"},
		{name: "compressed type", accept: []string{"gzip"}, h: writeBody("image/png", bigText), body: bigText},
		{name: "compressed type family", accept: []string{"gzip"}, h: writeBody("video/mp4; codecs=x", bigText), body: bigText},
		{name: "svg is compressed", accept: []string{"gzip"}, h: writeBody("image/svg+xml", bigText), body: bigText, wantEnc: "gzip"},
		{name: "SkipTypes", opts: middleware.CompressOptions{SkipTypes: []string{"text/*"}}, accept: []string{"gzip"}, h: writeBody("text/plain", bigText), body: bigText},
		{name: "SkipTypes replaces the defaults", opts: middleware.CompressOptions{SkipTypes: []string{"text/*"}}, accept: []string{"gzip"}, h: writeBody("image/png", bigText), body: bigText, wantEnc: "gzip"},
		{name: "already encoded", accept: []string{"gzip"}, h: writeBody("text/plain", bigText, "Content-Encoding", "br"), body: bigText},
		{name: "sniffed type", accept: []string{"gzip"}, h: writeBody("", "<html>"+bigText), body: "<html>" + bigText, wantEnc: "gzip", wantType: "text/html; charset=utf-8"},
		{name: "weak etag, no length or ranges", accept: []string{"gzip"},
			h:    writeBody("text/plain", bigText, "Etag", `"v1"`, "Content-Length", strconv.Itoa(len(bigText)), "Accept-Ranges", "bytes"),
			body: bigText, wantEnc: "gzip",
			check: func(t *testing.T, h http.Header) {
				if h.Get("Etag") != `W/"v1"` || h.Get("Content-Length") != "" || h.Get("Accept-Ranges") != "" {
					t.Errorf("headers %v", h)
				}
			}},
		{name: "weak etag stays", accept: []string{"gzip"}, h: writeBody("text/plain", bigText, "Etag", `W/"v1"`), body: bigText, wantEnc: "gzip",
			check: func(t *testing.T, h http.Header) {
				if h.Get("Etag") != `W/"v1"` {
					t.Errorf("Etag %q", h.Get("Etag"))
				}
			}},
		{name: "partial content", accept: []string{"gzip"},
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.Header().Set("Content-Range", "bytes 0-2499/5000")
				w.WriteHeader(http.StatusPartialContent)
				_, _ = io.WriteString(w, bigText)
			}), body: bigText},
		{name: "not modified", accept: []string{"gzip"},
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNotModified)
			}), body: ""},
		{name: "head", method: "HEAD", accept: []string{"gzip"},
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.Header().Set("Content-Length", "2500")
			}), body: "",
			check: func(t *testing.T, h http.Header) {
				if h.Get("Content-Length") != "2500" {
					t.Errorf("HEAD Content-Length %q, want 2500", h.Get("Content-Length"))
				}
			}},
		{name: "nothing written", accept: []string{"gzip"}, h: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), body: ""},
		{name: "status only", accept: []string{"gzip"},
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusAccepted)
			}), body: ""},
		{name: "existing vary kept", accept: []string{"gzip"}, h: writeBody("text/plain", bigText, "Vary", "Cookie, accept-encoding"), body: bigText, wantEnc: "gzip",
			check: func(t *testing.T, h http.Header) {
				if v := h.Values("Vary"); len(v) != 1 {
					t.Errorf("Vary %q, want one line", v)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := middleware.Compress(tt.opts)(tt.h)
			method := tt.method
			if method == "" {
				method = "GET"
			}
			r := httptest.NewRequest(method, "/", nil)
			if tt.accept != nil {
				r.Header["Accept-Encoding"] = tt.accept
			}
			w := serve(t, h, r)
			res := w.Result()
			enc := res.Header.Get("Content-Encoding")
			if tt.name == "already encoded" {
				enc = ""
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.wantEnc && tt.name != "already encoded" {
				t.Errorf("Content-Encoding %q, want %q", got, tt.wantEnc)
			}
			if got := decompress(t, enc, w.Body.Bytes()); got != tt.body {
				t.Errorf("body %q, want %q", got, tt.body)
			}
			if tt.wantEnc != "" && res.Header.Get("Content-Length") != "" {
				t.Errorf("compressed response has Content-Length %q", res.Header.Get("Content-Length"))
			}
			vary := strings.ToLower(strings.Join(res.Header.Values("Vary"), ","))
			if !strings.Contains(vary, "accept-encoding") {
				t.Errorf("Vary %q lacks Accept-Encoding", vary)
			}
			if tt.wantType != "" && res.Header.Get("Content-Type") != tt.wantType {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.wantType)
			}
			if tt.check != nil {
				tt.check(t, res.Header)
			}
		})
	}
}

func TestCompressStreaming(t *testing.T) {
	t.Parallel()
	h := middleware.Compress(middleware.CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "data: 1\n\n")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("Flush: %v", err)
		}
		_, _ = io.WriteString(w, "data: 2\n\n")
		w.(http.Flusher).Flush()
	}))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	w := serve(t, h, r)
	if !w.Flushed || w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("streaming: flushed %v, encoding %q", w.Flushed, w.Header().Get("Content-Encoding"))
	}
	if got := decompress(t, "gzip", w.Body.Bytes()); got != "data: 1\n\ndata: 2\n\n" {
		t.Errorf("streaming body %q", got)
	}
}

func TestCompressPanicBeforeWrite(t *testing.T) {
	t.Parallel()
	logger, _ := bufLogger()
	h := middleware.Chain(middleware.RecoverWith(middleware.RecoverOptions{Logger: logger}),
		middleware.Compress(middleware.CompressOptions{}))(panicker("x", false))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	w := serve(t, h, r)
	if w.Code != 500 || w.Header().Get("Content-Encoding") != "" || !strings.Contains(w.Body.String(), "Internal Server Error") {
		t.Errorf("panic under Compress: %d %q %q", w.Code, w.Header().Get("Content-Encoding"), w.Body)
	}
}

// TestCompressWire checks the output with net/http's client, which asks
// for gzip and decodes it itself, concurrently so that the pools are
// exercised under -race.
func TestCompressWire(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(middleware.Compress(middleware.CompressOptions{})(writeBody("text/plain", bigText)))
	defer srv.Close()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 10 {
				res, err := srv.Client().Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				b, err := io.ReadAll(res.Body)
				res.Body.Close()
				if err != nil || string(b) != bigText || !res.Uncompressed {
					t.Errorf("wire: err %v, uncompressed %v, %d bytes", err, res.Uncompressed, len(b))
					return
				}
			}
		})
	}
	wg.Wait()
}
