package response_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

type userKey struct{}

// TestSendKeepsEnviron: the handler Send runs sees the environ as it is
// and the Request's context.
func TestSendKeepsEnviron(t *testing.T) {
	t.Parallel()
	env := request.Environ{
		"REQUEST_METHOD": "GET", "SCRIPT_NAME": "/mount", "PATH_INFO": "/x",
		"HTTP_HOST": "example.com", "SERVER_NAME": "example.com", "SERVER_PORT": "80",
		"wsgi.url_scheme": "http", "routing.id": "42",
	}
	req := request.New(env.Clone(), nil)
	req.SetContext(context.WithValue(context.Background(), userKey{}, "ada"))
	var seen request.Environ
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner := request.FromHTTP(r, "")
		seen = inner.Environ
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Add("Set-Cookie", "a=1")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, "%s %s %v", inner.ScriptName(), inner.PathInfo(), r.Context().Value(userKey{}))
	})
	resp, err := response.Send(req, h)
	require.NoError(t, err)
	assert.Equal(t, env, seen)
	assert.Equal(t, "201 Created", resp.Status())
	text, _ := resp.Text()
	assert.Equal(t, "/mount /x ada", text)
	assert.Equal(t, []string{"a=1"}, resp.Header().Values("Set-Cookie"))
}

func TestCaptureDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		h          http.HandlerFunc
		wantStatus string
		wantBody   string
		wantCT     string
	}{
		{"nothing written", func(http.ResponseWriter, *http.Request) {}, "200 OK", "", ""},
		{"body only", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hi") }, "200 OK", "hi", ""},
		{"header after write ignored", func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, "x")
			w.Header().Set("Content-Type", "late")
			w.WriteHeader(500)
		}, "200 OK", "x", ""},
		{"informational skipped", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(103)
			w.WriteHeader(404)
		}, "404 Not Found", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, _ := http.NewRequest("GET", "/", nil)
			got := response.Capture(tt.h, r)
			assert.Equal(t, tt.wantStatus, got.Status())
			b, _ := got.Body()
			assert.Equal(t, tt.wantBody, string(b))
			assert.Equal(t, tt.wantCT, got.Header().Get("Content-Type"))
		})
	}
}

func TestFromHTTP(t *testing.T) {
	t.Parallel()
	res := &http.Response{StatusCode: 418, Header: http.Header{"X-B": {"2"}, "X-A": {"1", "3"}},
		Body: io.NopCloser(strings.NewReader("teapot"))}
	r, err := response.FromHTTP(res)
	require.NoError(t, err)
	assert.Equal(t, "418 I'm a teapot", r.Status())
	assert.Equal(t, "X-A: 1\r\nX-A: 3\r\nX-B: 2", strings.TrimSpace(headerText(r)))
}

func headerText(r *response.Response) string {
	var b strings.Builder
	for _, f := range r.Header().Fields() {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	return b.String()
}

// Send runs any http.Handler on a Request and returns what it wrote, as
// WebOb's req.get_response(app): the handler gets the environ as it is.
func ExampleSend() {
	req, _ := request.Blank("/blog/2024", &request.BlankOptions{BaseURL: "http://example.com/site"})
	req.Environ["myapp.section"] = "news"
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner := request.FromHTTP(r, "")
		fmt.Fprintf(w, "%s|%s|%s", inner.ScriptName(), inner.PathInfo(), inner.Environ["myapp.section"])
	})
	resp, err := response.Send(req, app)
	if err != nil {
		fmt.Println(err)
		return
	}
	text, _ := resp.Text()
	fmt.Println(resp.Status(), text)
	// Output: 200 OK /site|/blog/2024|news
}

func TestMergeCookies(t *testing.T) {
	t.Parallel()
	from := response.New()
	require.NoError(t, from.SetCookie("a", "1", response.CookieOptions{}))
	require.NoError(t, from.SetCookie("b", "2", response.CookieOptions{HTTPOnly: true}))
	to := response.New()
	require.NoError(t, to.SetCookie("own", "x", response.CookieOptions{}))
	from.MergeCookies(to)
	assert.Equal(t, []string{"own=x; Path=/", "a=1; Path=/", "b=2; Path=/; HttpOnly"}, to.Header().Values("Set-Cookie"))
	from.MergeCookies(from)
	assert.Len(t, from.Header().Values("Set-Cookie"), 2, "merging into itself changes nothing")
	from.MergeCookies(nil)
}

func TestFetch(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%s %s %s %s", r.Method, r.URL.RequestURI(), r.Header.Get("X-Token"), b)
	}))
	defer srv.Close()
	req, err := request.Blank(srv.URL+"/api?x=1", &request.BlankOptions{Method: "PUT", Body: []byte("data"),
		ContentType: "text/plain", Headers: map[string]string{"X-Token": "t"}})
	require.NoError(t, err)
	resp, err := response.Fetch(srv.Client(), req)
	require.NoError(t, err)
	text, _ := resp.Text()
	assert.Equal(t, "PUT /api?x=1 t data", text)
	assert.Equal(t, "200 OK", resp.Status())

	bad, _ := request.Blank("http://127.0.0.1:1/", nil)
	_, err = response.Fetch(nil, bad)
	assert.Error(t, err)
}

func TestEncodeContentLazy(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("streamed body ", 10000)
	for _, streaming := range []bool{false, true} {
		r := response.New()
		if streaming {
			r.SetBodyReader(io.NopCloser(strings.NewReader(body)), int64(len(body)))
		} else {
			r.SetBody([]byte(body))
		}
		require.NoError(t, r.EncodeContentLazy("gzip"))
		_, hasLen := r.ContentLength()
		assert.False(t, hasLen, "no Content-Length for a lazily compressed body")
		assert.Equal(t, "gzip", r.ContentEncoding())
		require.NoError(t, r.DecodeContent())
		got, err := r.Body()
		require.NoError(t, err)
		assert.True(t, string(got) == body, "decoded body (streaming %v)", streaming)
	}
	r := response.New()
	assert.ErrorIs(t, r.EncodeContentLazy("br"), response.ErrUnknownEncoding)
}

// EncodeContentLazy compresses a streaming body as it is sent.
func ExampleResponse_EncodeContentLazy() {
	r := response.New()
	r.SetContentType("text/plain")
	r.SetBodyReader(strings.NewReader(strings.Repeat("log line\n", 5000)), -1)
	_ = r.EncodeContentLazy("gzip")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/log", nil))
	sent := rec.Body.Len()
	zr, _ := gzip.NewReader(rec.Body)
	plain, _ := io.ReadAll(zr)
	fmt.Println(rec.Header().Get("Content-Encoding"), sent > 0 && sent < 1000, len(plain))
	// Output: gzip true 45000
}

func TestMultipartRanges(t *testing.T) {
	t.Parallel()
	body := "0123456789abcdefghij"
	serve := func(multi bool, rng string) *httptest.ResponseRecorder {
		r := response.New()
		r.ConditionalResponse, r.MultipartRanges = true, multi
		r.SetContentType("text/plain")
		require.NoError(t, r.SetText(body))
		hr := httptest.NewRequest("GET", "/", nil)
		hr.Header.Set("Range", rng)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, hr)
		return w
	}
	// WebOb's answer, the default: the first range only.
	w := serve(false, "bytes=0-1,5-6")
	assert.Equal(t, 206, w.Code)
	assert.Equal(t, "01", w.Body.String())

	w = serve(true, "bytes=0-1, 5-6, -2, 100-200")
	require.Equal(t, 206, w.Code)
	mt, params, err := mime.ParseMediaType(w.Header().Get("Content-Type"))
	require.NoError(t, err)
	assert.Equal(t, "multipart/byteranges", mt)
	assert.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"))
	mr := multipart.NewReader(w.Body, params["boundary"])
	var got []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		b, _ := io.ReadAll(p)
		got = append(got, p.Header.Get("Content-Range")+" "+p.Header.Get("Content-Type")+" "+string(b))
	}
	assert.Equal(t, []string{
		"bytes 0-1/20 text/plain; charset=UTF-8 01",
		"bytes 5-6/20 text/plain; charset=UTF-8 56",
		"bytes 18-19/20 text/plain; charset=UTF-8 ij",
	}, got)

	// One range is the single-range answer; ranges adding up to more than
	// the body get the whole body; none satisfiable is WebOb's 416.
	w = serve(true, "bytes=2-3")
	assert.Equal(t, "23", w.Body.String())
	w = serve(true, "bytes=0-15,5-19")
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, body, w.Body.String())
	w = serve(true, "bytes=50-60,70-80")
	assert.Equal(t, 416, w.Code)
}
