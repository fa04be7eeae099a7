package site_test

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/site"
)

// TestHandlerPageEnviron: a built page sees the environ keys gowebob serve
// gives a page program: its file, its function, how it is run, and the
// docroot's files when the site knows its directory.
func TestHandlerPageEnviron(t *testing.T) {
	var got request.Environ
	app := func(req *request.Request) (*response.Response, error) {
		got = req.Environ.Clone()
		return response.New(), nil
	}
	for _, dir := range []string{"", "/srv/www"} {
		s := &site.Site{Dir: dir, Pages: []site.Page{{File: "shop/cart.go", App: app}}}
		h, err := s.Handler()
		require.NoError(t, err)
		got = nil
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/shop/cart/x", nil))
		require.NotNil(t, got, "the page ran")
		assert.Equal(t, "shop/cart.go", got["gowebob.page"])
		assert.Equal(t, "Application", got["gowebob.callable"])
		assert.Equal(t, "true", got["gowebob.multithread"])
		assert.Equal(t, "true", got["gowebob.multiprocess"])
		assert.Equal(t, "false", got["gowebob.run_once"])
		assert.Equal(t, "/shop/cart", got["SCRIPT_NAME"])
		if dir == "" {
			assert.NotContains(t, got, "SCRIPT_FILENAME")
		} else {
			assert.Equal(t, "/srv/www/shop/cart.go", got["SCRIPT_FILENAME"])
			assert.Equal(t, "/srv/www", got["DOCUMENT_ROOT"])
		}
	}
}
