package request_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

func TestBlank(t *testing.T) {
	tests := []struct {
		name, target string
		opts         *request.BlankOptions
		want         map[string]string
	}{
		{"path", "/a%20b/c?x=1", nil, map[string]string{
			"REQUEST_METHOD": "GET", "PATH_INFO": "/a b/c", "QUERY_STRING": "x=1", "SCRIPT_NAME": "",
			"HTTP_HOST": "localhost:80", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
			"SERVER_PROTOCOL": "HTTP/1.0", "wsgi.url_scheme": "http"}},
		{"absolute https", "https://example.com/x", nil, map[string]string{
			"HTTP_HOST": "example.com:443", "SERVER_PORT": "443", "wsgi.url_scheme": "https", "PATH_INFO": "/x"}},
		{"absolute with port", "http://example.com:8080/", nil, map[string]string{
			"HTTP_HOST": "example.com:8080", "SERVER_NAME": "example.com", "SERVER_PORT": "8080"}},
		{"base url", "/page", &request.BlankOptions{BaseURL: "https://h.example/app"}, map[string]string{
			"SCRIPT_NAME": "/app", "PATH_INFO": "/page", "HTTP_HOST": "h.example:443", "wsgi.url_scheme": "https"}},
		{"post form", "/f", &request.BlankOptions{POST: []request.Item{{Key: "a", Value: "1 2"}, {Key: "a", Value: "&"}}}, map[string]string{
			"REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": "11"}},
		{"put keeps method", "/f", &request.BlankOptions{Method: "PUT", Body: []byte("{}"), ContentType: "application/json"}, map[string]string{
			"REQUEST_METHOD": "PUT", "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": "2"}},
		{"headers", "/", &request.BlankOptions{Headers: map[string]string{"X-Thing": "1", "Content-Type": "text/plain"}}, map[string]string{
			"HTTP_X_THING": "1", "CONTENT_TYPE": "text/plain"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := webobtest.NewRequest(tt.target, tt.opts)
			for k, v := range tt.want {
				assert.Equal(t, v, r.Environ[k], "Blank(%q).Environ[%q]", tt.target, k)
			}
		})
	}
}

func TestBlankErrors(t *testing.T) {
	for _, target := range []string{"http://x/#frag", "ftp://x/"} {
		_, err := request.Blank(target, nil)
		assert.Error(t, err, "Blank(%q)", target)
	}
	_, err := request.Blank("/", &request.BlankOptions{BaseURL: "http://x/?q"})
	assert.Error(t, err)
	assert.Panics(t, func() { webobtest.NewRequest("http://x/#f", nil) })
}

func TestBlankPOSTRoundTrip(t *testing.T) {
	r := webobtest.NewRequest("/up?q=1", &request.BlankOptions{
		POST:  []request.Item{{Key: "title", Value: "héllo"}},
		Files: []request.Item{request.NewFile("doc", "a.txt", "text/plain", []byte("content"))},
	})
	defer r.Close()
	post, err := r.POST()
	require.NoError(t, err)
	assert.Equal(t, "héllo", post.Get("title"))
	f := post.File("doc")
	require.NotNil(t, f)
	assert.Equal(t, "a.txt", f.Filename)
	assert.Equal(t, "text/plain", f.ContentType)
	b, err := f.Bytes()
	require.NoError(t, err)
	assert.Equal(t, "content", string(b))

	p, err := r.Params()
	require.NoError(t, err)
	assert.Equal(t, []string{"q", "title", "doc"}, p.Keys())
}

func TestFromHTTP(t *testing.T) {
	hr := httptest.NewRequest("POST", "http://example.com:8080/app/a%20b/c?x=1&y", strings.NewReader("k=v"))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hr.Header.Add("Accept", "text/html")
	hr.Header.Add("Accept", "application/json")
	hr.Header.Add("Cookie", "a=1")
	hr.Header.Add("Cookie", "b=2")
	hr.Header["X_Forwarded_For"] = []string{"6.6.6.6"}
	hr.RemoteAddr = "192.0.2.7:5555"
	r := request.FromHTTP(hr, "/app")

	assert.Equal(t, "/app", r.ScriptName())
	assert.Equal(t, "/a b/c", r.PathInfo())
	assert.Equal(t, "x=1&y", r.QueryString())
	assert.Equal(t, "example.com:8080", r.Host())
	assert.Equal(t, "http://example.com:8080/app/a%20b/c?x=1&y", r.URL())
	assert.Equal(t, "text/html, application/json", r.Environ["HTTP_ACCEPT"])
	assert.Equal(t, "a=1; b=2", r.Environ["HTTP_COOKIE"])
	assert.Equal(t, "192.0.2.7", r.RemoteAddr())
	assert.Equal(t, "5555", r.Environ["REMOTE_PORT"])
	assert.Equal(t, "3", r.Environ["CONTENT_LENGTH"])
	_, forged := r.Environ["HTTP_X_FORWARDED_FOR"]
	assert.False(t, forged, "a header name with '_' must not reach the environ")
	post, err := r.POST()
	require.NoError(t, err)
	assert.Equal(t, "v", post.Get("k"))
	body, err := r.Body()
	require.NoError(t, err)
	assert.Equal(t, "k=v", string(body), "the body stays readable after POST")
}

func TestFromHTTPScriptNameMismatch(t *testing.T) {
	r := request.FromHTTP(httptest.NewRequest("GET", "/application/x", nil), "/app")
	assert.Equal(t, "", r.ScriptName())
	assert.Equal(t, "/application/x", r.PathInfo())
}

func TestFromHTTPChunked(t *testing.T) {
	hr := httptest.NewRequest("PUT", "/x", io.NopCloser(strings.NewReader("chunked body")))
	hr.ContentLength = -1
	r := request.FromHTTP(hr, "")
	assert.True(t, r.IsBodyReadable())
	b, err := r.Body()
	require.NoError(t, err)
	assert.Equal(t, "chunked body", string(b))
	n, ok := r.ContentLength()
	assert.True(t, ok)
	assert.Equal(t, int64(12), n)
}

func TestHTTPRequestRoundTrip(t *testing.T) {
	r := webobtest.NewRequest("https://example.com/a/b?x=1", &request.BlankOptions{
		Method: "PUT", Body: []byte("data"), ContentType: "text/plain",
		Headers: map[string]string{"X-Custom": "yes"},
	})
	hr, err := r.HTTPRequest()
	require.NoError(t, err)
	assert.Equal(t, "PUT", hr.Method)
	assert.Equal(t, "https://example.com/a/b?x=1", hr.URL.String())
	assert.Equal(t, "example.com:443", hr.Host)
	assert.Equal(t, "yes", hr.Header.Get("X-Custom"))
	assert.Equal(t, "text/plain", hr.Header.Get("Content-Type"))
	b, err := io.ReadAll(hr.Body)
	require.NoError(t, err)
	assert.Equal(t, "data", string(b))

	back := request.FromHTTP(hr, "")
	assert.Equal(t, "/a/b", back.PathInfo())
	assert.Equal(t, "x=1", back.QueryString())
}

func TestPathInfoPop(t *testing.T) {
	tests := []struct {
		script, path string
		want         []string // popped segments, then the final SCRIPT_NAME
	}{
		{"", "/a/b/c", []string{"a", "b", "c", "/a/b/c"}},
		{"", "/a/b/", []string{"a", "b", "", "/a/b/"}},
		{"", "//a//b/", []string{"a", "b", "", "//a//b/"}},
		{"", "/", []string{"", "/"}},
		{"", "", []string{""}},
		{"/app", "/x", []string{"x", "/app/x"}},
		{"", "a", []string{"a", "a"}},
	}
	for _, tt := range tests {
		r := request.New(request.Environ{"SCRIPT_NAME": tt.script, "PATH_INFO": tt.path}, nil)
		var got []string
		for {
			peek, pok := r.PathInfoPeek()
			seg, ok := r.PathInfoPop()
			require.Equal(t, pok, ok)
			if !ok {
				break
			}
			require.Equal(t, peek, seg, "PathInfoPeek before PathInfoPop(%q)", tt.path)
			got = append(got, seg)
		}
		got = append(got, r.ScriptName())
		assert.Equal(t, tt.want, got, "popping %q", tt.path)
		assert.Equal(t, "", r.PathInfo())
	}
}

func TestGETCachedUntilQueryChanges(t *testing.T) {
	r := webobtest.NewRequest("/?a=1", nil)
	g1, err := r.GET()
	require.NoError(t, err)
	g2, _ := r.GET()
	assert.Same(t, g1, g2, "GET is parsed once")
	r.Environ["QUERY_STRING"] = "a=2"
	g3, _ := r.GET()
	assert.Equal(t, "2", g3.Get("a"))
}

func TestGETErrors(t *testing.T) {
	r := webobtest.NewRequest("/?a=%ff", nil)
	md, err := r.GET()
	var de *request.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 400, de.StatusCode())
	assert.Equal(t, 0, md.Len())

	r = webobtest.NewRequest("/?a=1&b=2&c=3", nil)
	r.Limits.MaxFormKeys = 2
	_, err = r.GET()
	var tl *request.TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, int64(2), tl.Limit)

	r = webobtest.NewRequest("/?"+strings.Repeat("a", 100), nil)
	r.Limits.MaxQueryBytes = 99
	_, err = r.GET()
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, 414, tl.StatusCode())
}

func TestBodyLimits(t *testing.T) {
	body := strings.Repeat("x", 101)
	r := request.New(request.Environ{"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "101"}, strings.NewReader(body))
	r.Limits.MaxBodyBytes = 100
	_, err := r.Body()
	var tl *request.TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, 413, tl.StatusCode())
	_, err = r.POST()
	assert.ErrorAs(t, err, &tl, "POST reports the same error")

	// Without a Content-Length the limit is found while reading.
	r = request.New(request.Environ{"REQUEST_METHOD": "PUT", "wsgi.input_terminated": "1"}, strings.NewReader(body))
	r.Limits.MaxBodyBytes = 100
	_, err = r.Body()
	require.ErrorAs(t, err, &tl)
}

func TestBodyShort(t *testing.T) {
	r := request.New(request.Environ{"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "10"}, strings.NewReader("abc"))
	_, err := r.Body()
	var be *request.BodyError
	require.ErrorAs(t, err, &be)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestBodySpillsAndCloseRemoves(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	big := bytes.Repeat([]byte("0123456789"), 300)
	r := webobtest.NewRequest("/", &request.BlankOptions{
		Files: []request.Item{request.NewFile("f", "big.bin", "application/octet-stream", big)},
	})
	// Re-create the request from its raw body so that it is read from a stream.
	raw, err := r.Body()
	require.NoError(t, err)
	env := r.Environ.Clone()
	r2 := request.New(env, bytes.NewReader(raw))
	r2.Limits.MaxMemoryBytes = 1000
	post, err := r2.POST()
	require.NoError(t, err)
	f := post.File("f")
	require.NotNil(t, f)
	got, err := f.Bytes()
	require.NoError(t, err)
	assert.Equal(t, big, got)
	rc, err := f.Open()
	require.NoError(t, err)
	head := make([]byte, 10)
	_, err = io.ReadFull(rc, head)
	require.NoError(t, err)
	assert.Equal(t, "0123456789", string(head))
	rc.Close()

	files, _ := filepath.Glob(filepath.Join(dir, "gowebob-*"))
	assert.NotEmpty(t, files, "large body and upload spill to temporary files")
	require.NoError(t, r2.Close())
	files, _ = filepath.Glob(filepath.Join(dir, "gowebob-*"))
	assert.Empty(t, files, "Close removes every temporary file")
}

func TestMultipartLimits(t *testing.T) {
	var files []request.Item
	for i := 0; i < 5; i++ {
		files = append(files, request.NewFile("f", "x.txt", "text/plain", []byte("x")))
	}
	r := webobtest.NewRequest("/", &request.BlankOptions{Files: files})
	r.Limits.MaxParts = 4
	_, err := r.POST()
	var tl *request.TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, "multipart parts", tl.What)
}

func TestMultipartBadBoundary(t *testing.T) {
	r := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte("x"), ContentType: "multipart/form-data"})
	_, err := r.POST()
	var fe *request.FormError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, 400, fe.StatusCode())
}

func TestPOSTNotAForm(t *testing.T) {
	r := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(`{"a":1}`), ContentType: "application/json"})
	assert.False(t, r.IsForm())
	post, err := r.POST()
	require.NoError(t, err)
	assert.Equal(t, 0, post.Len())
	var v map[string]int
	require.NoError(t, r.JSON(&v))
	assert.Equal(t, map[string]int{"a": 1}, v)
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		body string
		want any
	}{
		{"", request.ErrNoBody},
		{"{", &request.JSONError{}},
		{`{"a":1} x`, &request.JSONError{}},
	}
	for _, tt := range tests {
		r := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(tt.body), ContentType: "application/json"})
		var v any
		err := r.JSON(&v)
		require.Error(t, err, "JSON(%q)", tt.body)
		if sentinel, ok := tt.want.(error); ok && !errors.As(err, new(*request.JSONError)) {
			assert.ErrorIs(t, err, sentinel)
		} else {
			assert.ErrorAs(t, err, new(*request.JSONError))
		}
	}
}

func TestCopyIsIndependent(t *testing.T) {
	r := webobtest.NewRequest("/a/b", &request.BlankOptions{Method: "PUT", Body: []byte("body")})
	c, err := r.Copy()
	require.NoError(t, err)
	c.PathInfoPop()
	c.SetBody([]byte("other"))
	assert.Equal(t, "/a/b", r.PathInfo())
	b, _ := r.Body()
	assert.Equal(t, "body", string(b))
	b, _ = c.Body()
	assert.Equal(t, "other", string(b))
}

func TestContentTypeAndCharset(t *testing.T) {
	r := request.New(request.Environ{"CONTENT_TYPE": "text/plain; charset=utf8; format=flowed"}, nil)
	assert.Equal(t, "text/plain", r.ContentType())
	assert.Equal(t, "UTF-8", r.Charset())
	r.SetContentType("text/html")
	assert.Equal(t, "text/html; charset=utf8; format=flowed", r.Environ["CONTENT_TYPE"])
	r.SetContentType("text/xml;charset=latin-1")
	assert.Equal(t, "latin-1", r.Charset())
}

func TestHeaders(t *testing.T) {
	r := request.New(request.Environ{"HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8", "CONTENT_LENGTH": "3", "REMOTE_ADDR": "9.9.9.9"}, nil)
	h := r.Headers()
	assert.Equal(t, "3", h.Get("content-length"))
	assert.Equal(t, "1.2.3.4, 5.6.7.8", h.Get("X-Forwarded-For"))
	assert.Equal(t, "1.2.3.4", r.ClientAddr())
	h.Set("X-New-Thing", "v")
	assert.Equal(t, "v", r.Environ["HTTP_X_NEW_THING"])
	h.Del("x-new-thing")
	_, ok := h.Lookup("X-New-Thing")
	assert.False(t, ok)
	var names []string
	for name := range h.All() {
		names = append(names, name)
	}
	assert.Equal(t, []string{"Content-Length", "X-Forwarded-For"}, names)
}

func TestMultiDict(t *testing.T) {
	md := request.NewMultiDict(request.Item{Key: "a", Value: "1"}, request.Item{Key: "b", Value: "2"}, request.Item{Key: "a", Value: "3"})
	assert.Equal(t, "3", md.Get("a"), "Get is the last value, as WebOb's md[key]")
	assert.Equal(t, []string{"1", "3"}, md.GetAll("a"))
	_, err := md.GetOne("a")
	assert.ErrorIs(t, err, request.ErrNotOne)
	v, err := md.GetOne("b")
	require.NoError(t, err)
	assert.Equal(t, "2", v)
	assert.Equal(t, []string{"a", "b"}, md.Keys())
	assert.Equal(t, map[string]any{"a": []string{"1", "3"}, "b": "2"}, md.Mixed())
	md.Set("a", "4")
	assert.Equal(t, []request.Item{{Key: "b", Value: "2"}, {Key: "a", Value: "4"}}, md.Items())
	md.Del("b")
	assert.Equal(t, 1, md.Len())
	var zero request.MultiDict
	zero.Add("x", "y")
	assert.Equal(t, "y", zero.Get("x"), "the zero MultiDict is ready to use")

	p := request.Params{GET: request.NewMultiDict(request.Item{Key: "k", Value: "g1"}, request.Item{Key: "k", Value: "g2"}),
		POST: request.NewMultiDict(request.Item{Key: "k", Value: "p"}, request.Item{Key: "only", Value: "post"})}
	assert.Equal(t, "g2", p.Get("k"), "params look in GET first")
	assert.Equal(t, "post", p.Get("only"))
	assert.Equal(t, []string{"g1", "g2", "p"}, p.GetAll("k"))
}

func TestTooLargeErrorText(t *testing.T) {
	err := &request.TooLargeError{What: "body", Limit: 10}
	assert.Equal(t, "request: body larger than the limit of 10", err.Error())
	assert.Equal(t, http.StatusRequestEntityTooLarge, err.StatusCode())
}

func TestTempDirUnused(t *testing.T) {
	// A small body never touches the disk.
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	r := webobtest.NewRequest("/", &request.BlankOptions{POST: []request.Item{{Key: "a", Value: "b"}}})
	_, err := r.POST()
	require.NoError(t, err)
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestFromHTTPContextEnviron(t *testing.T) {
	hr := httptest.NewRequest("GET", "/rest", nil)
	hr = hr.WithContext(request.NewContextWithEnviron(hr.Context(), request.Environ{"SCRIPT_NAME": "/mounted", "wsgi.url_scheme": "https"}))
	r := request.FromHTTP(hr, "")
	assert.Equal(t, "/mounted", r.ScriptName())
	assert.Equal(t, "/rest", r.PathInfo())
	assert.Equal(t, "https://example.com/mounted/rest", r.URL())
	env, ok := request.EnvironFromContext(r.Context())
	assert.True(t, ok)
	assert.Equal(t, "/mounted", env["SCRIPT_NAME"])
}

func TestJSONDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", 129) + strings.Repeat("]", 129)
	r := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(deep), ContentType: "application/json"})
	var v any
	err := r.JSON(&v)
	var tl *request.TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, "JSON nesting", tl.What)
	assert.Equal(t, 400, tl.StatusCode())

	ok := strings.Repeat("[", 128) + strings.Repeat("]", 128)
	r = webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(ok), ContentType: "application/json"})
	require.NoError(t, r.JSON(&v))

	// Brackets inside strings do not count.
	r = webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(`{"a":"[[[[[[\"[["}`), ContentType: "application/json"})
	r.Limits.MaxJSONDepth = 1
	require.NoError(t, r.JSON(&v))
}

func TestMultipartTransferEncodings(t *testing.T) {
	part := func(enc, body string) string {
		return "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: " + enc + "\r\n\r\n" + body + "\r\n--B--\r\n"
	}
	tests := []struct{ enc, body, want string }{
		{"base64", "aGk=", "hi"},
		{"Base64", "aGk=", "aGk="}, // WebOb compares the name case-sensitively
		{"base64", "aGVs*bG8=", "hello"},
		{"base64", "aGk=aGk=", "hi"},
		{"base64", "aGk", "aGk"}, // binascii fails: the bytes are kept
		{"quoted-printable", "x  \r\ny\t", "x  \r\ny\t"},
		{"quoted-printable", "caf=C3=A9 =\r\nsoft", "café soft"},
		{"quoted-printable", "a==b=zz=", "a=b=zz"},
	}
	for _, tt := range tests {
		body := part(tt.enc, tt.body)
		r := request.New(request.Environ{"REQUEST_METHOD": "POST", "CONTENT_TYPE": "multipart/form-data; boundary=B",
			"CONTENT_LENGTH": strconv.Itoa(len(body))}, strings.NewReader(body))
		post, err := r.POST()
		require.NoError(t, err)
		assert.Equal(t, tt.want, post.Get("a"), "%s %q", tt.enc, tt.body)
	}
}

func TestPathValue(t *testing.T) {
	mux := http.NewServeMux()
	var got string
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, hr *http.Request) {
		got = request.FromHTTP(hr, "").PathValue("id")
	})
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/42", nil))
	assert.Equal(t, "42", got)
	assert.Equal(t, "", webobtest.NewRequest("/items/42", nil).PathValue("id"), "a Request not made by FromHTTP has no path values")
}

func TestGETAndPOSTKeepEarlierResults(t *testing.T) {
	req := webobtest.NewRequest("/?a=1", nil)
	g1, err := req.GET()
	require.NoError(t, err)
	p1, err := req.POST()
	require.NoError(t, err)
	req.Environ["QUERY_STRING"] = "a=2"
	g2, err := req.GET()
	require.NoError(t, err)
	assert.Equal(t, "1", g1.Get("a"), "a MultiDict handed out earlier does not change")
	assert.Equal(t, "2", g2.Get("a"))
	req.Environ["REQUEST_METHOD"] = "HEAD"
	p2, err := req.POST()
	require.NoError(t, err)
	assert.Same(t, p1, p2, "a request that is not a form has one empty POST")
	assert.Equal(t, 0, p2.Len())

	form := webobtest.NewRequest("/", nil)
	form.Environ["REQUEST_METHOD"] = "POST"
	form.Environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
	form.SetBody([]byte("a=1"))
	f1, err := form.POST()
	require.NoError(t, err)
	form.SetBody([]byte("a=2"))
	f2, err := form.POST()
	require.NoError(t, err)
	f2.Add("x", "y")
	assert.Equal(t, "2", f2.Get("a"))
	assert.Equal(t, []string{"a"}, f1.Keys(), "the first POST is its own MultiDict")
	assert.Equal(t, "1", f1.Get("a"))
}

// TestCloseKeepsAnEnvironItDidNotMake checks that Close recycles only the
// environ FromHTTP made: a map a handler put in its place, or the recycled
// map set aside by the handler, is never cleared nor handed to the next
// request.
func TestCloseKeepsAnEnvironItDidNotMake(t *testing.T) {
	hr := httptest.NewRequest("GET", "/a?x=1", nil)

	r := request.FromHTTP(hr, "")
	own := request.Environ{"REQUEST_METHOD": "GET", "PATH_INFO": "/mine"}
	r.Environ = own
	require.NoError(t, r.Close())
	assert.Equal(t, request.Environ{"REQUEST_METHOD": "GET", "PATH_INFO": "/mine"}, own, "the handler's map is untouched")

	r = request.FromHTTP(hr, "")
	kept := r.Environ
	r.Environ = request.Environ{}
	require.NoError(t, r.Close())
	assert.Equal(t, "/a", kept["PATH_INFO"], "a recycled map set aside is not cleared")

	for range 100 {
		next := request.FromHTTP(httptest.NewRequest("GET", "/b", nil), "")
		next.Environ["PATH_INFO"] = "/changed"
		require.NoError(t, next.Close())
	}
	assert.Equal(t, request.Environ{"REQUEST_METHOD": "GET", "PATH_INFO": "/mine"}, own, "the handler's map never served another request")
	assert.Equal(t, "/a", kept["PATH_INFO"], "nor did the map set aside")
}
