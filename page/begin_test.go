package page

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// TestWithBeginShapes: every Application shape gowebob serve takes for a
// page begins the request inside the adapter; a shape it does not know is
// left to beginFirst.
func TestWithBeginShapes(t *testing.T) {
	for name, app := range map[string]any{
		"net/http":          func(http.ResponseWriter, *http.Request) {},
		"webob.Func":        webob.Func(func(*request.Request) (*response.Response, error) { return nil, nil }),
		"response, error":   func(*request.Request) (*response.Response, error) { return nil, nil },
		"response":          func(*request.Request) *response.Response { return nil },
		"webob.App":         webob.App(func(*request.Request) (any, error) { return "", nil }),
		"any, error":        func(*request.Request) (any, error) { return "", nil },
		"an http.Handler":   http.NotFoundHandler(),
		"a *webob.Handler":  webob.HandleApp(func(*request.Request) (any, error) { return "", nil }),
		"a func of its own": func() {},
	} {
		_, ok := withBegin(app)
		known := name != "an http.Handler" && name != "a *webob.Handler" && name != "a func of its own"
		assert.Equal(t, known, ok, name)
	}
}
