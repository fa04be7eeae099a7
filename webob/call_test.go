package webob_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// echoArgs answers with what it was given, as the wsgify function of
// internal/golden/gen_dec.py does.
var echoArgs = webob.Handle(func(req *request.Request) (*response.Response, error) {
	body, err := req.Body()
	if err != nil {
		return nil, err
	}
	return response.NewJSON(map[string]string{
		"method": req.Method(), "url": req.URL(), "query": req.QueryString(),
		"content_type": req.ContentType(), "body": string(body), "x": req.Header("X-Test"),
	})
})

// TestCallGolden replays WebOb's wsgify.get, post and request.
func TestCallGolden(t *testing.T) {
	t.Parallel()
	var g struct {
		WebOb string `json:"webob_version"`
		Cases []struct {
			Call string
			Args struct {
				URL         string            `json:"url"`
				Headers     map[string]string `json:"headers"`
				Method      string            `json:"method"`
				POST        [][2]string       `json:"POST"`
				Body        string            `json:"body"`
				ContentType string            `json:"content_type"`
			}
			Status string
			Echo   map[string]string
		}
	}
	testutil.LoadGolden(t, "golden_dec.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)
	require.NotEmpty(t, g.Cases)
	for _, c := range g.Cases {
		opts := &request.BlankOptions{Method: c.Args.Method, Headers: c.Args.Headers, ContentType: c.Args.ContentType}
		if c.Args.Body != "" {
			opts.Body = []byte(c.Args.Body)
		}
		var post []request.Item
		for _, kv := range c.Args.POST {
			post = append(post, request.Item{Key: kv[0], Value: kv[1]})
		}
		var (
			resp *response.Response
			err  error
		)
		switch c.Call {
		case "get":
			resp, err = echoArgs.Get(c.Args.URL, opts)
		case "post":
			resp, err = echoArgs.Post(c.Args.URL, post, opts)
		case "request":
			resp, err = echoArgs.Request(c.Args.URL, opts)
		}
		require.NoError(t, err, "%s(%+v)", c.Call, c.Args)
		assert.Equal(t, c.Status, resp.Status(), "%s(%+v)", c.Call, c.Args)
		var got map[string]string
		require.NoError(t, resp.JSON(&got))
		assert.Equal(t, c.Echo, got, "%s(%+v)", c.Call, c.Args)
	}
}

func TestCallErrors(t *testing.T) {
	t.Parallel()
	_, err := echoArgs.Get("/a", &request.BlankOptions{BaseURL: "http://example.com/?q=1"})
	assert.Error(t, err, "a BaseURL with a query is refused by request.Blank")
	opts := &request.BlankOptions{}
	_, err = echoArgs.Post("/p", []request.Item{{Key: "a", Value: "1"}}, opts)
	require.NoError(t, err)
	assert.Empty(t, opts.Method, "the caller's options are left alone")
	assert.Nil(t, opts.POST)
}
