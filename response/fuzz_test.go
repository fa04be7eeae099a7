package response_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// isCookieOctets reports whether v needs no quoting (RFC 6265 cookie-octets).
func isCookieOctets(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' {
			return false
		}
	}
	return true
}

// FuzzSetCookie checks that SetCookie never lets CR or LF into a header,
// whatever it is given, and that a cookie it accepts parses back to the same
// name and value: with net/http for unquoted values, and with
// header.ParseCookies (WebOb's parser, which decodes the \ooo escapes) for
// quoted ones.
func FuzzSetCookie(f *testing.F) {
	f.Add("a", "b", "/", "", "", "", 0, false)
	f.Add("sid", "a b;c,d\"e\\f", "/p a", "example.com", "c;d", "Lax", 60, true)
	f.Add("x", "é\x00\x7f", "/\xe9", "a,b", "", "none", -1, true)
	f.Add("a", "x\r\nSet-Cookie: evil=1", "/", "", "", "", 0, false)
	f.Add("a", "v", "/x\r\n", "e.com\n", "x\ny", "strict", 0, false)
	f.Add("$a", "v", "/", "", "", "", 0, false)
	f.Add("a!#$%&'*+-.^_`|~", "!#$%&'()*+-./:<=>?@[]^_`{|}~", "/", "", "", "", 3600, true)
	f.Fuzz(func(t *testing.T, name, value, path, domain, comment, sameSite string, maxAge int, secure bool) {
		r := &response.Response{}
		opts := response.CookieOptions{
			MaxAge: maxAge % 100000000, Path: path, Domain: domain, Comment: comment,
			SameSite: sameSite, Secure: secure, HTTPOnly: true,
		}
		err := r.SetCookie(name, value, opts)
		lines := r.Header().Values("Set-Cookie")
		for _, line := range lines {
			if strings.ContainsAny(line, "\r\n") {
				t.Fatalf("SetCookie(%q, %q, %+v) wrote CR or LF: %q", name, value, opts, line)
			}
		}
		if err != nil {
			if len(lines) != 0 {
				t.Fatalf("SetCookie failed (%v) but wrote %q", err, lines)
			}
			return
		}
		if len(lines) != 1 {
			t.Fatalf("SetCookie wrote %d lines", len(lines))
		}
		line := lines[0]
		if isCookieOctets(value) {
			c, perr := http.ParseSetCookie(line)
			if perr != nil {
				t.Fatalf("http.ParseSetCookie(%q): %v", line, perr)
			}
			if c.Name != name || c.Value != value {
				t.Fatalf("http.ParseSetCookie(%q) = %q=%q, want %q=%q", line, c.Name, c.Value, name, value)
			}
			return
		}
		cookies := header.ParseCookies(line)
		if len(cookies) == 0 || cookies[0].Name != name || cookies[0].Value != value {
			t.Fatalf("header.ParseCookies(%q) = %q, want first %q=%q", line, cookies, name, value)
		}
	})
}

// nonSeeker hides Seek so that ranges take the read-and-discard path.
type nonSeeker struct{ io.Reader }

// FuzzConditionalRange checks that conditional handling never panics and
// that a 206 body is exactly the bytes its Content-Range names, for bodies
// in memory, behind a Seeker and behind a plain Reader.
func FuzzConditionalRange(f *testing.F) {
	f.Add([]byte("abcdefghijklmnopqrstuvwxyz"), "bytes=0-4", "", "GET", "")
	f.Add([]byte("abcdefghijklmnopqrstuvwxyz"), "bytes=-3", `"tag"`, "HEAD", `"tag"`)
	f.Add([]byte("abc"), "bytes=5-", "", "GET", "*")
	f.Add([]byte("abc"), "bytes=-0", "Wed, 01 Jan 2020 00:00:00 GMT", "GET", "")
	f.Add([]byte(""), "bytes=0-0", "", "GET", "")
	f.Add([]byte("0123456789"), "BYTES = 2 - 3, 5-6", "W/\"tag\"", "GET", "W/\"tag\"")
	f.Add([]byte("0123456789"), "bytes=9223372036854775807-", "", "GET", "")
	f.Add([]byte("0123456789"), "bytes=-9223372036854775808", "", "GET", "")
	lm := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte, rangeHeader, ifRange, method, ifNoneMatch string) {
		env := request.Environ{
			"REQUEST_METHOD": method, "wsgi.url_scheme": "http", "HTTP_HOST": "h",
			"PATH_INFO": "/", "HTTP_RANGE": rangeHeader, "HTTP_IF_RANGE": ifRange,
			"HTTP_IF_NONE_MATCH": ifNoneMatch,
		}
		var want []byte
		for i, mk := range []func(r *response.Response){
			func(r *response.Response) { r.SetBody(body) },
			func(r *response.Response) { r.SetBodyReader(bytes.NewReader(body), int64(len(body))) },
			func(r *response.Response) { r.SetBodyReader(nonSeeker{bytes.NewReader(body)}, int64(len(body))) },
		} {
			r := response.New()
			mk(r)
			r.SetETag("tag", true)
			r.SetLastModified(lm)
			r.ConditionalResponse = true
			out := r.ForRequest(request.New(env.Clone(), nil))
			got, err := out.Body()
			if err != nil {
				t.Fatalf("Body() of the %s response: %v", out.Status(), err)
			}
			switch code := out.StatusCode(); {
			case code == 206:
				var start, stop, length int64
				cr := out.Header().Get("Content-Range")
				if _, err := fmtSscanRange(cr, &start, &stop, &length); err != nil {
					t.Fatalf("Content-Range %q: %v", cr, err)
				}
				if length != int64(len(body)) || start < 0 || stop < start || stop >= length {
					t.Fatalf("Content-Range %q for a %d-byte body", cr, len(body))
				}
				if cl := out.Header().Get("Content-Length"); cl != strconv.FormatInt(stop-start+1, 10) {
					t.Fatalf("Content-Length %q for Content-Range %q", cl, cr)
				}
				if method != "HEAD" && !bytes.Equal(got, body[start:stop+1]) {
					t.Fatalf("206 body = %q, want body[%d:%d] = %q", got, start, stop+1, body[start:stop+1])
				}
			case code == 416:
				if cr := out.Header().Get("Content-Range"); cr != "bytes */"+strconv.Itoa(len(body)) {
					t.Fatalf("416 Content-Range = %q", cr)
				}
			case code == 304:
				if len(got) != 0 || out.Header().Has("Content-Length") || out.Header().Has("Content-Type") {
					t.Fatalf("304 with body %q or entity headers %q", got, out.Header().Fields())
				}
			case code != 200:
				t.Fatalf("unexpected status %q", out.Status())
			}
			if i == 0 {
				want = got
			} else if !bytes.Equal(got, want) {
				t.Fatalf("body variant %d served %q, the in-memory body served %q", i, got, want)
			}
		}
	})
}

// fmtSscanRange parses "bytes START-STOP/LENGTH".
func fmtSscanRange(s string, start, stop, length *int64) (int, error) {
	rest, ok := strings.CutPrefix(s, "bytes ")
	if !ok {
		return 0, strconv.ErrSyntax
	}
	a, rest, ok1 := strings.Cut(rest, "-")
	b, c, ok2 := strings.Cut(rest, "/")
	if !ok1 || !ok2 {
		return 0, strconv.ErrSyntax
	}
	var err error
	if *start, err = strconv.ParseInt(a, 10, 64); err != nil {
		return 0, err
	}
	if *stop, err = strconv.ParseInt(b, 10, 64); err != nil {
		return 1, err
	}
	if *length, err = strconv.ParseInt(c, 10, 64); err != nil {
		return 2, err
	}
	return 3, nil
}
