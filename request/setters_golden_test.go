package request_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
)

// TestRemoveConditionalHeadersGolden replays WebOb's
// remove_conditional_headers with each combination of its keywords.
func TestRemoveConditionalHeadersGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.Len(t, g.RemoveOptions, 16)
	for _, c := range g.RemoveOptions {
		env := request.Environ{
			"HTTP_IF_RANGE": `"x"`, "HTTP_RANGE": "bytes=0-1", "HTTP_IF_NONE_MATCH": `"y"`,
			"HTTP_IF_MODIFIED_SINCE": "Sat, 29 Oct 1994 19:43:31 GMT", "HTTP_ACCEPT_ENCODING": "gzip",
			"HTTP_IF_MATCH": `"z"`, "HTTP_IF_UNMODIFIED_SINCE": "Sat, 29 Oct 1994 19:43:31 GMT",
		}
		req := request.New(env, nil)
		req.RemoveConditionalHeaders(request.KeepConditional{
			Encoding: !c.KW["remove_encoding"], Range: !c.KW["remove_range"],
			Match: !c.KW["remove_match"], Modified: !c.KW["remove_modified"],
		})
		var left []string
		for k := range req.Environ {
			if strings.HasPrefix(k, "HTTP_") {
				left = append(left, k)
			}
		}
		sort.Strings(left)
		assert.Equal(t, c.Left, left, "RemoveConditionalHeaders(%v)", c.KW)
	}
}

// TestSettersGolden replays WebOb's Request.text and Request.json setters.
func TestSettersGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.NotEmpty(t, g.Setters)
	for _, c := range g.Setters {
		req := request.New(request.Environ(c.Environ), nil)
		var err error
		if c.Op == "text" {
			err = req.SetText(c.Value.(string))
		} else {
			err = req.SetJSON(c.Value)
		}
		if want, ok := c.Result["error"]; ok {
			require.Error(t, err, "%s(%q) in %v", c.Op, c.Value, c.Environ)
			switch want {
			case "UnicodeEncodeError":
				var ee *request.EncodeError
				assert.ErrorAs(t, err, &ee, "%s(%q) in %v", c.Op, c.Value, c.Environ)
			case "LookupError":
				assert.ErrorIs(t, err, request.ErrUnsupportedCharset, "%s(%q) in %v", c.Op, c.Value, c.Environ)
			}
			_, has := req.Environ["CONTENT_LENGTH"]
			assert.False(t, has, "a failed %s leaves the body alone", c.Op)
			continue
		}
		require.NoError(t, err, "%s(%q) in %v", c.Op, c.Value, c.Environ)
		body, err := req.Body()
		require.NoError(t, err)
		assert.Equal(t, c.Result["body_b64"], base64.StdEncoding.EncodeToString(body), "%s(%q) in %v", c.Op, c.Value, c.Environ)
		assert.Equal(t, c.Result["content_length"], req.Environ["CONTENT_LENGTH"], "%s(%q)", c.Op, c.Value)
		if ct, ok := c.Result["content_type"]; ok && ct != nil {
			assert.Equal(t, ct, req.Environ["CONTENT_TYPE"], "%s leaves the content type", c.Op)
		}
	}
}

// TestSetGETGolden replays changes to WebOb's GetDict, which re-encodes
// QUERY_STRING after each one; here the change is followed by SetGET.
func TestSetGETGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.NotEmpty(t, g.GetWrites)
	for _, c := range g.GetWrites {
		req := request.New(request.Environ{"QUERY_STRING": c.QueryString}, nil)
		md, err := req.GET()
		require.NoError(t, err)
		for _, op := range c.Ops {
			switch op[0] {
			case "set":
				md.Set(op[1], op[2])
			case "add":
				md.Add(op[1], op[2])
			case "del":
				md.Del(op[1])
			case "pop":
				md.Pop(op[1])
			case "clear":
				*md = request.MultiDict{}
			case "setdefault":
				md.SetDefault(op[1], op[2])
			}
		}
		req.SetGET(md)
		assert.Equal(t, c.Result, req.QueryString(), "%q %v", c.QueryString, c.Ops)
		again, err := req.GET()
		require.NoError(t, err)
		items := [][2]string{}
		for _, it := range again.Items() {
			items = append(items, [2]string{it.Key, it.Value})
		}
		assert.Equal(t, c.Items, items, "GET after SetGET, %q %v", c.QueryString, c.Ops)
	}
}

// TestCookieWritesGolden replays writes to WebOb's RequestCookies.
func TestCookieWritesGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.NotEmpty(t, g.CookieWrites)
	for _, c := range g.CookieWrites {
		env := request.Environ{}
		if c.Header != nil {
			env["HTTP_COOKIE"] = *c.Header
		}
		req := request.New(env, nil)
		s := func(i int) string { return c.Op[i].(string) }
		var (
			result any
			err    error
		)
		switch s(0) {
		case "set":
			err = req.SetCookie(s(1), s(2))
		case "del":
			err = req.DeleteCookie(s(1))
		case "pop":
			v, ok, perr := req.PopCookie(s(1))
			err = perr
			if ok {
				result = v
			} else if perr == nil {
				result = map[string]any{"error": "KeyError"}
			}
		case "setdefault":
			var v string
			v, err = req.SetDefaultCookie(s(1), s(2))
			result = v
		case "update":
			var cs []header.Cookie
			for _, p := range c.Op[1].([]any) {
				kv := p.([]any)
				cs = append(cs, header.Cookie{Name: kv[0].(string), Value: kv[1].(string)})
			}
			err = req.UpdateCookies(cs...)
		case "clear":
			req.ClearCookies()
		}
		switch {
		case errors.Is(err, header.ErrCookieName):
			result = map[string]any{"error": "TypeError"}
		case errors.Is(err, request.ErrNoCookie):
			result = map[string]any{"error": "KeyError"}
		case err != nil:
			t.Fatalf("%v on %v: unexpected %v", c.Op, c.Header, err)
		}
		assert.Equal(t, c.Result, result, "%v on %v", c.Op, deref(c.Header))
		after, ok := req.Environ["HTTP_COOKIE"]
		assert.Equal(t, c.After != nil, ok, "%v on %v: HTTP_COOKIE present", c.Op, c.Header)
		assert.Equal(t, deref(c.After), after, "%v on %v", c.Op, deref(c.Header))
	}
}

// TestParamsGolden replays NestedMultiDict getone, mixed, dict_of_lists and
// copy on GET a=1&b=2&a=3 and POST a=p&c=4.
func TestParamsGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	p := request.Params{
		GET:  request.NewMultiDict(request.Item{Key: "a", Value: "1"}, request.Item{Key: "b", Value: "2"}, request.Item{Key: "a", Value: "3"}),
		POST: request.NewMultiDict(request.Item{Key: "a", Value: "p"}, request.Item{Key: "c", Value: "4"}),
	}
	for k, want := range g.Params.GetOne {
		v, err := p.GetOne(k)
		if _, isErr := want.(map[string]any); isErr {
			assert.ErrorIs(t, err, request.ErrNotOne, "GetOne(%q)", k)
			continue
		}
		require.NoError(t, err, "GetOne(%q)", k)
		assert.Equal(t, want, v, "GetOne(%q)", k)
	}
	mixed := map[string]any{}
	for k, v := range p.Mixed() {
		if vs, ok := v.([]string); ok {
			l := make([]any, len(vs))
			for i := range vs {
				l[i] = vs[i]
			}
			v = l
		}
		mixed[k] = v
	}
	assert.Equal(t, g.Params.Mixed, mixed, "Mixed")
	assert.Equal(t, g.Params.DictOfLists, p.DictOfLists(), "DictOfLists")
	var items [][2]string
	cp := p.Copy()
	for _, it := range cp.Items() {
		items = append(items, [2]string{it.Key, it.Value})
	}
	assert.Equal(t, g.Params.Copy, items, "Copy")
	cp.Add("z", "1")
	assert.False(t, p.Has("z"), "Copy is independent")
}

// nativeBytes turns a golden string whose characters are bytes (WSGI
// native strings) into those bytes.
func nativeBytes(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

// TestDecodeGolden replays WebOb's Request.decode.
func TestDecodeGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.NotEmpty(t, g.Decode)
	for _, c := range g.Decode {
		env := request.Environ{}
		for k, v := range c.Environ {
			env[k] = v
		}
		req := request.New(env, nil)
		req.SetBody([]byte(nativeBytes(c.Body)))
		charset := ""
		if c.Charset != nil {
			charset = *c.Charset
		}
		name := fmt.Sprintf("Decode(%q) of %v", charset, c.Environ)
		d, err := req.Decode(charset)
		if env["CONTENT_TYPE"] != "" && strings.HasPrefix(env["CONTENT_TYPE"], "multipart/form-data") {
			// WebOb 1.8.6 writes a body without the form (see
			// ErrDecodeMultipart).
			assert.ErrorIs(t, err, request.ErrDecodeMultipart, name)
			continue
		}
		switch c.Result["error"] {
		case "UnicodeDecodeError":
			var de *request.DecodeError
			assert.ErrorAs(t, err, &de, name)
			continue
		case "LookupError":
			assert.ErrorIs(t, err, request.ErrUnsupportedCharset, name)
			continue
		}
		require.NoError(t, err, name)
		assert.Equal(t, c.Result["same"], d == req, "%s: the same request", name)
		assert.Equal(t, c.Result["query_string"], d.Environ["QUERY_STRING"], name)
		assert.Equal(t, c.Result["content_type"], d.Environ["CONTENT_TYPE"], name)
		assert.Equal(t, c.Result["content_length"], d.Environ["CONTENT_LENGTH"], name)
		body, err := d.Body()
		require.NoError(t, err)
		assert.Equal(t, nativeBytes(c.Result["body"].(string)), string(body), name)
		if d != req {
			assert.Equal(t, c.Environ["QUERY_STRING"], req.Environ["QUERY_STRING"], "%s leaves the request alone", name)
		}
	}
}
