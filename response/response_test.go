package response_test

import (
	"bytes"
	"compress/gzip"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webobtest"
)

func fields(r *response.Response) [][2]string {
	var out [][2]string
	for name, value := range r.Header().All() {
		out = append(out, [2]string{name, value})
	}
	return out
}

func TestNewDefaults(t *testing.T) {
	r := response.New()
	if got, want := r.String(), "200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: 0"; got != want {
		t.Errorf("New().String() = %q, want %q", got, want)
	}
	var zero response.Response
	if got := zero.Status(); got != "200 OK" {
		t.Errorf("zero Response Status() = %q, want 200 OK", got)
	}
	if got := zero.StatusCode(); got != 200 {
		t.Errorf("zero Response StatusCode() = %d, want 200", got)
	}
}

func TestHeader(t *testing.T) {
	var h response.Header
	h.Add("Set-Cookie", "a=1")
	h.Add("X-A", "x")
	h.Add("set-cookie", "b=2")
	if got := h.Get("SET-COOKIE"); got != "b=2" {
		t.Errorf("Get = %q, want the last value b=2", got)
	}
	if got, want := h.Values("Set-Cookie"), []string{"a=1", "b=2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Values = %q, want %q", got, want)
	}
	if v, ok := h.Lookup("X-Missing"); ok || v != "" {
		t.Errorf("Lookup(missing) = %q, %v", v, ok)
	}
	h.Set("x-a", "y")
	want := []response.Field{{"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}, {"x-a", "y"}}
	if got := h.Fields(); !reflect.DeepEqual(got, want) {
		t.Errorf("after Set, Fields = %q, want %q (Set moves to the end)", got, want)
	}
	h.Set("X-A", "z")
	want[2] = response.Field{"X-A", "z"}
	if got := h.Fields(); !reflect.DeepEqual(got, want) {
		t.Errorf("after Set of the last field, Fields = %q, want %q", got, want)
	}
	var two response.Header
	two.Add("Set-Cookie", "a=1")
	two.Add("X-A", "x")
	two.Add("set-cookie", "b=2")
	two.Set("SET-COOKIE", "c=3")
	if got, want := two.Fields(), []response.Field{{"X-A", "x"}, {"SET-COOKIE", "c=3"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Set over two fields, the last among them: Fields = %q, want %q", got, want)
	}
	c := h.Clone()
	h.Del("SET-cookie")
	if h.Has("Set-Cookie") || h.Len() != 1 {
		t.Errorf("after Del, Fields = %q", h.Fields())
	}
	if c.Len() != 3 {
		t.Errorf("Clone shares fields with the original: %q", c.Fields())
	}
	n := 0
	for range c.All() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("All did not stop when asked")
	}
	c.Reset()
	if c.Len() != 0 {
		t.Errorf("Reset left %d fields", c.Len())
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"404", "404 Not Found", false},
		{" 201 ", "201 Created", false},
		{"404 Nope", "404 Nope", false},
		{"299 Fine", "299 Fine", false},
		{"999 Max", "999 Max", false},
		{"600", "", true},
		{"99 Low", "", true},
		{"1000 High", "", true},
		{"abc", "", true},
		{"", "", true},
		{"200 OK\r\nX-Evil: 1", "", true},
		{"200 O\x00K", "", true},
	}
	for _, tt := range tests {
		r := response.New()
		err := r.SetStatus(tt.in)
		if tt.wantErr {
			if !errors.Is(err, response.ErrInvalidStatus) {
				t.Errorf("SetStatus(%q) error = %v, want ErrInvalidStatus", tt.in, err)
			}
			if r.Status() != "200 OK" {
				t.Errorf("SetStatus(%q) changed the status to %q", tt.in, r.Status())
			}
			continue
		}
		if err != nil || r.Status() != tt.want {
			t.Errorf("SetStatus(%q) = %q, %v; want %q", tt.in, r.Status(), err, tt.want)
		}
	}
	codes := map[int]string{
		100: "100 Continue", 226: "226 IM Used", 299: "299 Success", 306: "306 Multiple Choices",
		413: "413 Request Entity Too Large", 499: "499 Unknown Client Error", 599: "599 Unknown Server Error",
	}
	for code, want := range codes {
		r := response.New()
		if err := r.SetStatusCode(code); err != nil || r.Status() != want || r.StatusCode() != code {
			t.Errorf("SetStatusCode(%d) = %q (%d), %v; want %q", code, r.Status(), r.StatusCode(), err, want)
		}
	}
	for _, code := range []int{-1, 0, 99, 600, 1000} {
		if err := response.New().SetStatusCode(code); !errors.Is(err, response.ErrInvalidStatus) {
			t.Errorf("SetStatusCode(%d) error = %v, want ErrInvalidStatus", code, err)
		}
	}
}

func TestContentTypeAndCharset(t *testing.T) {
	tests := []struct {
		ct      string
		want    string
		charset string
	}{
		{"application/json", "application/json", ""},
		{"text/plain", "text/plain; charset=UTF-8", "UTF-8"},
		{"application/rss+xml", "application/rss+xml; charset=UTF-8", "UTF-8"},
		{"image/svg+xml", "image/svg+xml; charset=UTF-8", "UTF-8"},
		{"image/png", "image/png", ""},
		{"text/plain; charset=latin-1", "text/plain; charset=latin-1", "latin-1"},
		{"text/csv; header=present", "text/csv; header=present; charset=UTF-8", "UTF-8"},
	}
	for _, tt := range tests {
		r := response.New()
		r.SetContentType(tt.ct)
		if got := r.Header().Get("Content-Type"); got != tt.want {
			t.Errorf("SetContentType(%q): header = %q, want %q", tt.ct, got, tt.want)
		}
		if got := r.Charset(); got != tt.charset {
			t.Errorf("SetContentType(%q): Charset() = %q, want %q", tt.ct, got, tt.charset)
		}
	}
	r := response.New()
	r.SetContentType("")
	if err := r.SetCharset("utf-8"); !errors.Is(err, response.ErrNoContentType) {
		t.Errorf("SetCharset without Content-Type: error = %v, want ErrNoContentType", err)
	}
	r.SetContentType("text/plain")
	if err := r.SetCharset("utf-8\r\nX: y"); !errors.Is(err, response.ErrInvalidHeaderValue) {
		t.Errorf("SetCharset with CRLF: error = %v, want ErrInvalidHeaderValue", err)
	}
}

func TestTextAndCharsets(t *testing.T) {
	r := response.New()
	if err := r.SetCharset("latin-1"); err != nil {
		t.Fatal(err)
	}
	if err := r.SetText("café"); err != nil {
		t.Fatalf("SetText: %v", err)
	}
	if b, _ := r.Body(); !bytes.Equal(b, []byte("caf\xe9")) {
		t.Errorf("latin-1 body = %q", b)
	}
	if got, err := r.Text(); got != "café" || err != nil {
		t.Errorf("Text() = %q, %v", got, err)
	}
	if got := r.String(); !strings.HasSuffix(got, "\r\n\r\ncafé") {
		t.Errorf("String() = %q, want the body decoded from latin-1", got)
	}
	if err := r.SetText("€"); !errors.Is(err, response.ErrCharsetMismatch) {
		t.Errorf("SetText(€) in latin-1: error = %v, want ErrCharsetMismatch", err)
	}
	r.SetCharset("koi8-r")
	if err := r.SetText("x"); !errors.Is(err, response.ErrUnknownCharset) {
		t.Errorf("SetText in koi8-r: error = %v, want ErrUnknownCharset", err)
	}
	r.SetContentType("application/octet-stream")
	if _, err := r.WriteString("x"); !errors.Is(err, response.ErrNoCharset) {
		t.Errorf("WriteString without charset: error = %v, want ErrNoCharset", err)
	}
}

func TestJSONLikePython(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{map[string]any{"b": []int{1, 2}, "a": "<&>"}, `{"a":"<&>","b":[1,2]}`},
		{"é😀\u2028\x7f", `"\u00e9\ud83d\ude00\u2028\u007f"`},
		{"\b\f\n\r\t\x01\"\\/", `"\b\f\n\r\t\u0001\"\\/"`},
		{[]any{nil, true, 1.5}, `[null,true,1.5]`},
	}
	for _, tt := range tests {
		r := response.New()
		if err := r.SetJSON(tt.in); err != nil {
			t.Fatalf("SetJSON(%#v): %v", tt.in, err)
		}
		if b, _ := r.Body(); string(b) != tt.want {
			t.Errorf("SetJSON(%#v) body = %s, want %s", tt.in, b, tt.want)
		}
		var back any
		if err := r.JSON(&back); err != nil {
			t.Errorf("JSON() after SetJSON(%#v): %v", tt.in, err)
		}
	}
	if err := response.New().SetJSON(make(chan int)); err == nil {
		t.Error("SetJSON(chan) did not fail")
	}
	r, err := response.NewJSON(map[string]int{"n": 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.String(), "200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"n\":1}"; got != want {
		t.Errorf("NewJSON String() = %q, want %q", got, want)
	}
}

// closeTracker counts Close calls on a reader.
type closeTracker struct {
	io.Reader
	closed int
}

func (c *closeTracker) Close() error { c.closed++; return nil }

func TestStreamingBody(t *testing.T) {
	r := response.New()
	src := &closeTracker{Reader: strings.NewReader("hello")}
	r.SetBodyReader(src, -1)
	if r.Header().Has("Content-Length") {
		t.Error("SetBodyReader(-1) kept Content-Length")
	}
	if !r.HasBody() {
		t.Error("HasBody() = false for a streaming body")
	}
	b, err := r.Body()
	if err != nil || string(b) != "hello" {
		t.Fatalf("Body() = %q, %v", b, err)
	}
	if n, ok := r.ContentLength(); !ok || n != 5 {
		t.Errorf("Body() did not set Content-Length: %d, %v", n, ok)
	}
	if src.closed != 1 {
		t.Errorf("reader closed %d times, want 1", src.closed)
	}

	r.SetBodyReader(strings.NewReader("abc"), 10)
	if _, err := r.Body(); !errors.Is(err, response.ErrContentLength) {
		t.Errorf("Body() with a wrong Content-Length: error = %v, want ErrContentLength", err)
	}

	r.SetBodyReader(strings.NewReader("abc"), -1)
	r.Write([]byte("def"))
	if b, _ := r.Body(); string(b) != "abcdef" {
		t.Errorf("Write after SetBodyReader: body = %q", b)
	}
	if n, _ := r.ContentLength(); n != 6 {
		t.Errorf("Write after SetBodyReader: Content-Length = %d, want 6", n)
	}

	// Write must not scribble on a slice given to SetBody.
	orig := make([]byte, 3, 10)
	copy(orig, "xyz")
	r.SetBody(orig)
	r.Write([]byte("!"))
	if string(orig[:4]) == "xyz!" {
		t.Error("Write appended into the caller's slice")
	}
}

func TestSetBodyFileAndRange(t *testing.T) {
	mod := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{"f.txt": {Data: []byte("0123456789"), ModTime: mod}}
	f, err := fsys.Open("f.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := response.New()
	if err := r.SetBodyFile(f); err != nil {
		t.Fatal(err)
	}
	r.ConditionalResponse = true
	if n, _ := r.ContentLength(); n != 10 {
		t.Errorf("Content-Length = %d, want 10", n)
	}
	if lm, ok := r.LastModified(); !ok || !lm.Equal(mod) {
		t.Errorf("LastModified() = %v, %v", lm, ok)
	}
	req := httptest.NewRequest("GET", "/f.txt", nil)
	req.Header.Set("Range", "bytes=2-4")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	if rec.Code != 206 || rec.Body.String() != "234" || rec.Header().Get("Content-Range") != "bytes 2-4/10" {
		t.Errorf("Range on a file: %d %q %q", rec.Code, rec.Body.String(), rec.Header().Get("Content-Range"))
	}
	dir, _ := fstest.MapFS{"d/x": {}}.Open("d")
	if err := response.New().SetBodyFile(dir); err == nil {
		t.Error("SetBodyFile(directory) did not fail")
	}
}

func TestServeHTTP(t *testing.T) {
	r := response.New()
	r.SetBody([]byte("hi"))
	r.SetLocation("../next?x=1")
	r.Header().Add("Bad Name", "dropped")
	r.Header().Add("X-Split", "a\r\nInjected: 1")
	r.SetStatusCode(302)

	req := httptest.NewRequest("GET", "https://example.com:443/a/b%20c/d", nil)
	req.TLS = &tls.ConnectionState{}
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	if rec.Code != 302 || rec.Body.String() != "hi" {
		t.Errorf("ServeHTTP: %d %q", rec.Code, rec.Body.String())
	}
	if got, want := rec.Header().Get("Location"), "https://example.com/a/next?x=1"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	if got := rec.Header().Get("X-Split"); got != "a  Injected: 1" {
		t.Errorf("X-Split = %q, want CR and LF blanked", got)
	}
	if _, ok := rec.Header()["Bad Name"]; ok {
		t.Error("a header with an invalid name was written")
	}
	if r.Location() != "../next?x=1" {
		t.Errorf("ServeHTTP changed the response's Location to %q", r.Location())
	}

	head := httptest.NewRecorder()
	r.ServeHTTP(head, httptest.NewRequest("HEAD", "/", nil))
	if head.Body.Len() != 0 || head.Header().Get("Content-Length") != "2" {
		t.Errorf("HEAD: body %q, Content-Length %q", head.Body.String(), head.Header().Get("Content-Length"))
	}

	evil := response.New()
	evil.SetLocation("/\t/evil.example")
	rec = httptest.NewRecorder()
	evil.ServeHTTP(rec, httptest.NewRequest("GET", "http://example.com/", nil))
	if got, want := rec.Header().Get("Location"), "http://example.com/%2fevil.example"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
}

func TestConditionalServeHTTP(t *testing.T) {
	r := response.New()
	r.SetBody([]byte("abcdefghij"))
	r.SetETag("v1", true)
	r.ConditionalResponse = true
	tests := []struct {
		name    string
		method  string
		headers map[string]string
		code    int
		body    string
	}{
		{"inm match", "GET", map[string]string{"If-None-Match": `"v1"`}, 304, ""},
		{"inm star", "GET", map[string]string{"If-None-Match": `*`}, 200, "abcdefghij"},
		{"range", "GET", map[string]string{"Range": "bytes=-4"}, 206, "ghij"},
		{"range head", "HEAD", map[string]string{"Range": "bytes=0-1"}, 206, ""},
		{"unsatisfiable", "GET", map[string]string{"Range": "bytes=10-"}, 416,
			"Requested range not satisfiable: bytes=10-"},
		{"post", "POST", map[string]string{"If-None-Match": `"v1"`, "Range": "bytes=0-1"}, 200, "abcdefghij"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/", nil)
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			got := response.Capture(r, req)
			if got.StatusCode() != tt.code {
				t.Errorf("status = %q, want %d", got.Status(), tt.code)
			}
			if b, _ := got.Body(); string(b) != tt.body {
				t.Errorf("body = %q, want %q", b, tt.body)
			}
		})
	}
}

func TestCapture(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", "b=2")
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		io.WriteString(w, "too big")
	})
	r := response.Capture(h, httptest.NewRequest("POST", "/", nil))
	want := [][2]string{{"Content-Type", "text/plain"}, {"Set-Cookie", "b=2"}, {"Set-Cookie", "a=1"}}
	if got := fields(r); !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %q, want %q", got, want)
	}
	if r.Status() != "413 Request Entity Too Large" {
		t.Errorf("Status() = %q", r.Status())
	}
	if text, _ := r.Text(); text != "too big" {
		t.Errorf("Text() = %q", text)
	}
}

func TestCookies(t *testing.T) {
	defer response.FreezeNow(time.Date(2021, 6, 15, 12, 34, 56, 0, time.UTC))()
	r := response.New()
	r.Header().Reset()
	if err := r.SetCookie("sid", "a b", response.CookieOptions{MaxAge: 60, HTTPOnly: true, SameSite: "Lax"}); err != nil {
		t.Fatal(err)
	}
	if err := r.DeleteCookie("old", "/p", "example.com"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`sid="a b"; Max-Age=60; Path=/; expires=Tue, 15-Jun-2021 12:35:56 GMT; HttpOnly; SameSite=Lax`,
		`old=; Domain=example.com; Max-Age=0; Path=/p; expires=Wed, 31-Dec-97 23:59:59 GMT`,
	}
	if got := r.Header().Values("Set-Cookie"); !reflect.DeepEqual(got, want) {
		t.Errorf("Set-Cookie = %q, want %q", got, want)
	}
	if err := r.SetCookie("sid", "x", response.CookieOptions{MaxAge: -1, Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if got := r.Header().Values("Set-Cookie"); len(got) != 2 || got[1] != "sid=x; Max-Age=0; Path=/; expires=Tue, 15-Jun-2021 12:34:56 GMT" {
		t.Errorf("after Overwrite, Set-Cookie = %q", got)
	}
	if err := r.UnsetCookie("nope", true); !errors.Is(err, response.ErrNoCookie) {
		t.Errorf("UnsetCookie(missing, strict) = %v, want ErrNoCookie", err)
	}

	bad := []struct {
		name, value string
		opts        response.CookieOptions
		attr        string
	}{
		{"a b", "v", response.CookieOptions{}, "name"},
		{"$x", "v", response.CookieOptions{}, "name"},
		{"Max-Age", "v", response.CookieOptions{}, "name"},
		{"a", "v\n", response.CookieOptions{}, "value"},
		{"a", "v", response.CookieOptions{Path: "/;x"}, "path"},
		{"a", "v", response.CookieOptions{Path: "/€"}, "path"},
		{"a", "v", response.CookieOptions{Domain: "x\r"}, "domain"},
		{"a", "v", response.CookieOptions{Comment: "x\r\ny"}, "comment"},
		{"a", "v", response.CookieOptions{SameSite: "none"}, "samesite"},
		{"a", "v", response.CookieOptions{SameSite: "sometimes"}, "samesite"},
	}
	for _, tt := range bad {
		err := response.New().SetCookie(tt.name, tt.value, tt.opts)
		var ce *response.CookieError
		if !errors.As(err, &ce) || ce.Attr != tt.attr || !errors.Is(err, response.ErrInvalidCookie) {
			t.Errorf("SetCookie(%q, %q, %+v) error = %v, want a *CookieError for %s", tt.name, tt.value, tt.opts, err, tt.attr)
		}
	}
}

func TestETagParsing(t *testing.T) {
	tests := []struct {
		header string
		tag    string
		strong bool
	}{
		{`"abc"`, "abc", true},
		{`W/"abc"`, "abc", false},
		{`"a\"b"`, `a"b`, true},
		{`"a\"`, `a\`, true},
		{` "sp"`, "sp", true},
		{`abc`, "abc", true},
		{`"unterminated`, `"unterminated`, true},
	}
	for _, tt := range tests {
		r := response.New()
		r.Header().Set("ETag", tt.header)
		tag, strong, ok := r.ETag()
		if !ok || tag != tt.tag || strong != tt.strong {
			t.Errorf("ETag() for %q = %q, %v, %v; want %q, %v", tt.header, tag, strong, ok, tt.tag, tt.strong)
		}
	}
	r := response.New()
	r.SetBody([]byte("hello world"))
	r.MD5ETag(response.MD5Options{})
	if got := r.Header().Get("ETag"); got != `"XrY7u+Ae7tCTyyK7j1rNww"` {
		t.Errorf("MD5ETag: ETag = %q", got)
	}
	if err := r.SetETag("a\nb", true); !errors.Is(err, response.ErrInvalidHeaderValue) {
		t.Errorf("SetETag with LF: %v", err)
	}
}

func TestContentDisposition(t *testing.T) {
	tests := []struct {
		kind, filename string
		want           string
		wantErr        bool
	}{
		{"", "a.txt", `attachment; filename="a.txt"`, false},
		{"inline", "", "inline", false},
		{"attachment", `q"b\.txt`, `attachment; filename="q\"b\\.txt"`, false},
		{"attachment", "naïve €.txt", `attachment; filename="na_ve _.txt"; filename*=UTF-8''na%C3%AFve%20%E2%82%AC.txt`, false},
		{"attachment", "a\r\nX: y", "", true},
		{"attach ment", "a", "", true},
		{"attachment", "\xff", "", true},
	}
	for _, tt := range tests {
		got, err := response.FormatContentDisposition(tt.kind, tt.filename)
		if tt.wantErr {
			if !errors.Is(err, response.ErrInvalidDisposition) {
				t.Errorf("FormatContentDisposition(%q, %q) error = %v, want ErrInvalidDisposition", tt.kind, tt.filename, err)
			}
			continue
		}
		if got != tt.want || err != nil {
			t.Errorf("FormatContentDisposition(%q, %q) = %q, %v; want %q", tt.kind, tt.filename, got, err, tt.want)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	r := response.New()
	body := bytes.Repeat([]byte("hello "), 50)
	r.SetBody(body)
	if err := r.EncodeContent("gzip"); err != nil {
		t.Fatal(err)
	}
	enc, _ := r.Body()
	if !bytes.HasPrefix(enc, []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")) {
		t.Errorf("gzip header = %x, want WebOb's", enc[:10])
	}
	zr, _ := gzip.NewReader(bytes.NewReader(enc))
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, body) {
		t.Error("gzip body does not decompress to the original")
	}
	if err := r.DecodeContent(); err != nil {
		t.Fatal(err)
	}
	if b, _ := r.Body(); !bytes.Equal(b, body) || r.ContentEncoding() != "" {
		t.Errorf("after DecodeContent: %q, Content-Encoding %q", b, r.ContentEncoding())
	}
	if err := r.EncodeContent("br"); !errors.Is(err, response.ErrUnknownEncoding) {
		t.Errorf("EncodeContent(br) = %v", err)
	}
	r.SetBody([]byte("not gzip"))
	r.SetContentEncoding("gzip")
	if err := r.DecodeContent(); err == nil {
		t.Error("DecodeContent of corrupt gzip did not fail")
	}
	if b, _ := r.Body(); string(b) != "not gzip" || r.ContentEncoding() != "gzip" {
		t.Error("a failed DecodeContent changed the response")
	}
}

func TestCacheExpires(t *testing.T) {
	now := time.Date(2021, 6, 15, 12, 34, 56, 0, time.UTC)
	defer response.FreezeNow(now)()
	r := response.New()
	r.Header().Reset()
	r.UpdateCacheControl(func(cc *header.CacheControl) { cc.SetFlag("public", true) })
	r.CacheExpires(0)
	want := [][2]string{
		{"Cache-Control", "max-age=0, must-revalidate, no-cache, no-store, public"},
		{"Expires", "Tue, 15 Jun 2021 12:34:56 GMT"},
		{"Last-Modified", "Tue, 15 Jun 2021 12:34:56 GMT"},
		{"Pragma", "no-cache"},
	}
	if got := fields(r); !reflect.DeepEqual(got, want) {
		t.Errorf("CacheExpires(0): %q, want %q", got, want)
	}
	r.CacheExpires(60)
	want = [][2]string{
		{"Last-Modified", "Tue, 15 Jun 2021 12:34:56 GMT"},
		{"Cache-Control", "max-age=60"},
		{"Expires", "Tue, 15 Jun 2021 12:35:56 GMT"},
	}
	if got := fields(r); !reflect.DeepEqual(got, want) {
		t.Errorf("CacheExpires(60): %q, want %q", got, want)
	}
	if ma, ok := r.CacheControl().MaxAge(); !ok || ma != 60 {
		t.Errorf("CacheControl().MaxAge() = %d, %v", ma, ok)
	}
}

func TestCloneAndForRequestDoNotShare(t *testing.T) {
	r := response.New()
	r.SetBody([]byte("abc"))
	c, err := r.Clone()
	if err != nil {
		t.Fatal(err)
	}
	c.Header().Set("X-C", "1")
	if r.Header().Has("X-C") {
		t.Error("Clone shares the header list")
	}
	out := r.ForRequest(request.New(request.Environ{"REQUEST_METHOD": "GET", "wsgi.url_scheme": "http",
		"HTTP_HOST": "h", "PATH_INFO": "/"}, nil))
	out.Header().Set("X-O", "1")
	if r.Header().Has("X-O") {
		t.Error("ForRequest shares the header list")
	}
}

// TestTextBody covers a body SetText keeps as a string: every way to read,
// change or serve it sees the same bytes as a body set with SetBody.
func TestTextBody(t *testing.T) {
	const text = "0123456789 héllo"
	r := response.New()
	if err := r.SetText(text); err != nil {
		t.Fatal(err)
	}
	b, _ := r.Body()
	b[0] = 'X' // a copy: the Response does not change
	if got, _ := r.Text(); got != text || !r.HasBody() {
		t.Fatalf("Text = %q, HasBody %v", got, r.HasBody())
	}
	if n, _ := r.ContentLength(); n != int64(len(text)) {
		t.Fatalf("Content-Length %d", n)
	}

	req := webobtest.NewRequest("/", nil)
	req.Environ["HTTP_RANGE"] = "bytes=2-4"
	r.ConditionalResponse = true
	w := httptest.NewRecorder()
	r.Serve(w, req)
	if w.Code != 206 || w.Body.String() != "234" {
		t.Fatalf("range: %d %q", w.Code, w.Body.String())
	}
	head := webobtest.NewRequest("/", &request.BlankOptions{Method: "HEAD"})
	w = httptest.NewRecorder()
	r.Serve(w, head)
	if w.Body.Len() != 0 || w.Header().Get("Content-Length") != "17" {
		t.Fatalf("HEAD: %q, Content-Length %q", w.Body.String(), w.Header().Get("Content-Length"))
	}

	r.Write([]byte("!"))
	if got, _ := r.Text(); got != text+"!" {
		t.Fatalf("after Write: %q", got)
	}
	r.SetText(text)
	if err := r.EncodeContent("gzip"); err != nil {
		t.Fatal(err)
	}
	zb, _ := r.Body()
	zr, err := gzip.NewReader(bytes.NewReader(zb))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); string(plain) != text {
		t.Fatalf("gzip: %q", plain)
	}
	r.SetText(text)
	r.SetBody([]byte("bytes"))
	if got, _ := r.Text(); got != "bytes" {
		t.Fatalf("SetBody after SetText: %q", got)
	}
	r.SetContentType("text/plain; charset=latin-1")
	if err := r.SetText("é"); err != nil {
		t.Fatal(err)
	}
	if lb, _ := r.Body(); !bytes.Equal(lb, []byte{0xe9}) {
		t.Fatalf("latin-1: % x", lb)
	}
	r.SetContentType("text/plain; charset=ascii")
	if err := r.SetText("é"); !errors.Is(err, response.ErrCharsetMismatch) {
		t.Fatalf("ascii: %v", err)
	}
}
