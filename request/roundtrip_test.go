package request_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
)

// TestHTTPRequestKeepsEnviron: FromHTTP on what HTTPRequest made gives the
// environ back exactly, custom keys, SCRIPT_NAME and PATH_INFO included.
func TestHTTPRequestKeepsEnviron(t *testing.T) {
	t.Parallel()
	env := request.Environ{
		"REQUEST_METHOD":  "POST",
		"SCRIPT_NAME":     "/app",
		"PATH_INFO":       "/a b/c",
		"QUERY_STRING":    "x=1&y=2",
		"SERVER_NAME":     "example.com",
		"SERVER_PORT":     "8080",
		"SERVER_PROTOCOL": "HTTP/1.0",
		"HTTP_HOST":       "example.com:8080",
		"HTTP_X_CUSTOM":   "kept",
		"CONTENT_TYPE":    "text/plain",
		"CONTENT_LENGTH":  "5",
		"wsgi.url_scheme": "https",
		"myapp.user":      "ada",
		"paste.urlvars":   "x",
	}
	req := request.New(env.Clone(), stringsReader("hello"))
	hr, err := req.HTTPRequest()
	require.NoError(t, err)
	assert.Equal(t, "https://example.com:8080/app/a%20b/c?x=1&y=2", hr.URL.String())

	back := request.FromHTTP(hr, "")
	assert.Equal(t, env, back.Environ, "FromHTTP(HTTPRequest()) environ")
	body, err := back.Body()
	require.NoError(t, err)
	assert.Equal(t, "hello", string(body))

	// A handler that rewrites the URL gets a derived environ that agrees.
	hr2 := hr.Clone(hr.Context())
	hr2.URL.Path = "/other"
	assert.Equal(t, "/other", request.FromHTTP(hr2, "").PathInfo())
}

// TestHTTPRequestNoScheme: an environ without wsgi.url_scheme is http, as
// in WebOb (issue 17's bug).
func TestHTTPRequestNoScheme(t *testing.T) {
	t.Parallel()
	req := request.New(request.Environ{"REQUEST_METHOD": "GET", "PATH_INFO": "/p", "HTTP_HOST": "h"}, nil)
	hr, err := req.HTTPRequest()
	require.NoError(t, err)
	assert.Equal(t, "http://h/p", hr.URL.String())
}

type ctxKey struct{}

func TestSetContext(t *testing.T) {
	t.Parallel()
	req := request.New(request.Environ{"HTTP_HOST": "h"}, nil)
	assert.Equal(t, context.Background(), req.Context())
	req.SetContext(context.WithValue(req.Context(), ctxKey{}, "v"))
	assert.Equal(t, "v", req.Context().Value(ctxKey{}))

	hr, err := req.HTTPRequest()
	require.NoError(t, err)
	assert.Equal(t, "v", hr.Context().Value(ctxKey{}), "HTTPRequest keeps the context")
	assert.Equal(t, "v", request.FromHTTP(hr, "").Context().Value(ctxKey{}), "and FromHTTP back")

	assert.Panics(t, func() {
		//lint:ignore SA1012 the nil context is what is tested
		req.SetContext(nil)
	})
}

func stringsReader(s string) io.Reader { return &onceReader{s: s} }

// onceReader is a reader that is not seekable, as a network body is.
type onceReader struct{ s string }

func (r *onceReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

// TestBlankFormContentType: POST and Files need a form content type, and
// files cannot go in an urlencoded body (WebOb raises ValueError; the old
// Blank silently switched to multipart).
func TestBlankFormContentType(t *testing.T) {
	t.Parallel()
	file := request.NewFile("f", "x.txt", "text/plain", []byte("data"))
	tests := []struct {
		name    string
		opts    request.BlankOptions
		wantErr bool
		wantCT  string
	}{
		{"files urlencoded", request.BlankOptions{Files: []request.Item{file}, ContentType: "application/x-www-form-urlencoded"}, true, ""},
		{"files urlencoded any case", request.BlankOptions{Files: []request.Item{file}, ContentType: "Application/X-WWW-Form-Urlencoded; charset=utf-8"}, true, ""},
		{"post text/plain", request.BlankOptions{POST: []request.Item{{Key: "a", Value: "1"}}, ContentType: "text/plain"}, true, ""},
		{"post urlencoded", request.BlankOptions{POST: []request.Item{{Key: "a", Value: "1"}}, ContentType: "application/x-www-form-urlencoded"}, false, "application/x-www-form-urlencoded"},
		{"files default", request.BlankOptions{Files: []request.Item{file}}, false, "multipart/form-data"},
		{"post default", request.BlankOptions{POST: []request.Item{{Key: "a", Value: "1"}}}, false, "application/x-www-form-urlencoded"},
		{"raw body any type", request.BlankOptions{Body: []byte("x"), ContentType: "text/plain"}, false, "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := request.Blank("/", &tt.opts)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantCT, req.ContentType())
		})
	}
}

type exampleUserKey struct{}

// A middleware puts a value in the Request's context; the handlers it
// calls through response.Send, or that read the *http.Request that
// HTTPRequest makes, see it.
func ExampleRequest_SetContext() {
	req, _ := request.Blank("/", nil)
	req.SetContext(context.WithValue(req.Context(), exampleUserKey{}, "ada"))
	hr, _ := req.HTTPRequest()
	fmt.Println(req.Context().Value(exampleUserKey{}), hr.Context().Value(exampleUserKey{}))
	// Output: ada ada
}
