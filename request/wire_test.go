package request_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// wireGolden is testdata/golden_wire.json, made from WebOb 1.8.6 by
// internal/golden/gen_wire.py.
type wireGolden struct {
	WebOb string `json:"webob_version"`
	Blank []struct {
		Path         string
		Environ      map[string]string
		BodyB64      *string `json:"body_b64"`
		AsBytesFalse string  `json:"as_bytes_false"`
		AsBytesTrue  string  `json:"as_bytes_true"`
		AsBytes10    string  `json:"as_bytes_10"`
	}
	Raw []struct {
		InputB64 string `json:"input_b64"`
		Environ  map[string]string
		BodyB64  string `json:"body_b64"`
		Error    string
	}
	Response []struct {
		InputB64   string `json:"input_b64"`
		Status     string
		HeaderList [][2]string `json:"headerlist"`
		BodyB64    string      `json:"body_b64"`
		Error      string
	}
}

func unb64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestWireGolden(t *testing.T) {
	t.Parallel()
	var g wireGolden
	testutil.LoadGolden(t, "golden_wire.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)

	for _, c := range g.Blank {
		for _, tt := range []struct {
			skip int
			want string
		}{{0, c.AsBytesFalse}, {1, c.AsBytesTrue}, {10, c.AsBytes10}} {
			env := request.Environ{}
			for k, v := range c.Environ {
				env[k] = v
			}
			req := request.New(env, nil)
			if c.BodyB64 != nil {
				req.SetBody(unb64(t, *c.BodyB64))
			}
			got, err := req.AsBytes(tt.skip)
			require.NoError(t, err)
			assert.Equal(t, string(unb64(t, tt.want)), string(got), "AsBytes(%d) of %s", tt.skip, c.Path)

			// And the bytes read back to the same request.
			back, err := request.FromBytes(unb64(t, c.AsBytesFalse))
			require.NoError(t, err, "FromBytes(AsBytes) of %s", c.Path)
			again, err := back.AsBytes(0)
			require.NoError(t, err)
			assert.Equal(t, string(unb64(t, c.AsBytesFalse)), string(again), "AsBytes(FromBytes(AsBytes)) of %s", c.Path)
		}
	}
	for _, c := range g.Raw {
		in := unb64(t, c.InputB64)
		req, err := request.FromBytes(in)
		if c.Error != "" {
			assert.Error(t, err, "FromBytes(%q)", in)
			continue
		}
		require.NoError(t, err, "FromBytes(%q)", in)
		got := map[string]string{}
		for k, v := range req.Environ {
			if _, ok := c.Environ[k]; ok || len(k) > 5 && k[:5] == "HTTP_" {
				got[k] = v
			}
		}
		assert.Equal(t, c.Environ, got, "FromBytes(%q) environ", in)
		body, err := req.Body()
		require.NoError(t, err)
		assert.Equal(t, string(unb64(t, c.BodyB64)), string(body), "FromBytes(%q) body", in)
	}
	for _, c := range g.Response {
		in := unb64(t, c.InputB64)
		resp, err := response.FromReader(bufio.NewReader(bytes.NewReader(in)))
		if c.Error != "" {
			assert.Error(t, err, "response.FromReader(%q)", in)
			continue
		}
		require.NoError(t, err, "response.FromReader(%q)", in)
		assert.Equal(t, c.Status, resp.Status())
		var hl [][2]string
		for _, f := range resp.Header().Fields() {
			hl = append(hl, [2]string{f.Name, f.Value})
		}
		assert.Equal(t, c.HeaderList, hl, "response.FromReader(%q) headers", in)
		body, _ := resp.Body()
		assert.Equal(t, string(unb64(t, c.BodyB64)), string(body))
	}
}

// FuzzFromBytes: FromBytes never panics, and what AsBytes writes for a
// request it reads settles into bytes that read back to themselves.
func FuzzFromBytes(f *testing.F) {
	for _, s := range []string{"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "POST /p HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc",
		"GET /x\r\n", "", "PUT /p HTTP/1.1\r\nX: 1\r\nX: 2\r\n\r\nrest", "GET http://a:1/b?c HTTP/1.1\r\n\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := request.FromBytes(b)
		if err != nil {
			return
		}
		if p := req.PathQS(); p == "" || strings.ContainsAny(p, " \t\n\r\v\f") || strings.ContainsAny(req.HTTPVersion(), "\r\n") {
			return // the request line of such a request is not one word each, as in WebOb
		}
		if !strings.HasPrefix(req.PathQS(), "/") {
			// Not an origin-form target: a path such as "http:" (from the
			// target "http:http:") is written as it is and read back as a
			// URL with a scheme, in WebOb too.
			return
		}
		// Reading trims what writing may leave (a header value's trailing
		// space), so the bytes settle after one more round, and then stay.
		out, ok := roundTrip(req)
		if !ok {
			return
		}
		out2, ok := roundTrip(mustFromBytes(out))
		if !ok {
			return
		}
		if out3, ok := roundTrip(mustFromBytes(out2)); !ok || !bytes.Equal(out2, out3) {
			t.Fatalf("FromBytes(%q): AsBytes gives %q, then %q, then %q", b, out, out2, out3)
		}
	})
}

// roundTrip returns AsBytes(req), false when it fails.
func roundTrip(req *request.Request) ([]byte, bool) {
	if req == nil {
		return nil, false
	}
	b, err := req.AsBytes(0)
	return b, err == nil
}

// mustFromBytes is FromBytes for bytes AsBytes wrote; nil when they do not
// read (a request whose line is not three words).
func mustFromBytes(b []byte) *request.Request {
	req, err := request.FromBytes(b)
	if err != nil {
		return nil
	}
	return req
}

// FuzzResponseFromReader: response.FromReader never panics on any input.
func FuzzResponseFromReader(f *testing.F) {
	for _, s := range []string{"200 OK\r\nContent-Length: 2\r\n\r\nhi", "HTTP/1.1 404 Not Found\r\n\r\n", "HTTP/1.1\u0085200 OK", "x", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = response.FromReader(bufio.NewReader(bytes.NewReader(b)))
	})
}

// A request written as HTTP bytes and read back, as WebOb's as_bytes and
// from_bytes do.
func ExampleFromBytes() {
	req, err := request.FromBytes([]byte("POST /submit?x=1 HTTP/1.1\r\nHost: example.com\r\n" +
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nname=Ada+"))
	if err != nil {
		fmt.Println(err)
		return
	}
	params, _ := req.Params()
	fmt.Printf("%s %s %q\n", req.Method(), req.URL(), params.Get("name"))
	b, _ := req.AsBytes(0)
	fmt.Printf("%q\n", b)
	// Output:
	// POST http://example.com/submit?x=1 "Ada "
	// "POST /submit?x=1 HTTP/1.1\r\nContent-Length: 9\r\nContent-Type: application/x-www-form-urlencoded\r\nHost: example.com\r\n\r\nname=Ada+"
}
