package response_test

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/response"
)

// A Response keeps the strings of its first serve and its first long
// Content-Length in storage of its own. These tests hold what earlier
// serves produced while the Response changes and serves again.

func TestLentHeaderValuesStay(t *testing.T) {
	resp := response.New()
	require.NoError(t, resp.SetText(strings.Repeat("x", 150)))
	first := httptest.NewRecorder()
	resp.ServeHTTP(first, httptest.NewRequest("GET", "/", nil))
	firstHeader := first.Header().Clone()
	length := resp.Header().Get("Content-Length")

	require.NoError(t, resp.SetText(strings.Repeat("y", 260)))
	resp.Header().Set("Content-Type", "text/plain")
	second := httptest.NewRecorder()
	resp.ServeHTTP(second, httptest.NewRequest("GET", "/", nil))

	assert.Equal(t, firstHeader, first.Header(), "the first serve's header map")
	assert.Equal(t, "150", length)
	assert.Equal(t, "260", second.Header().Get("Content-Length"))
	assert.Equal(t, "text/plain", second.Header().Get("Content-Type"))

	// Adding to a served value slice must not reach the next value.
	first.Header().Add("Content-Type", "extra")
	assert.Equal(t, []string{"150"}, first.Header()["Content-Length"])
}

func TestLentConcurrentServes(t *testing.T) {
	resp := response.New()
	require.NoError(t, resp.SetText(strings.Repeat("z", 1234)))
	var wg sync.WaitGroup
	headers := make([]http.Header, 16)
	for i := range headers {
		wg.Go(func() {
			w := httptest.NewRecorder()
			resp.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			headers[i] = w.Header()
		})
	}
	wg.Wait()
	for _, h := range headers {
		assert.Equal(t, "1234", h.Get("Content-Length"))
		assert.Equal(t, "text/html; charset=UTF-8", h.Get("Content-Type"))
	}
	c, err := resp.Clone()
	require.NoError(t, err)
	require.NoError(t, c.SetText("short"))
	assert.Equal(t, "1234", resp.Header().Get("Content-Length"))
}

func TestLentLongestContentLength(t *testing.T) {
	for _, n := range []int64{100, math.MaxInt64} {
		resp := response.New()
		resp.SetContentLength(n)
		assert.Equal(t, strconv.FormatInt(n, 10), resp.Header().Get("Content-Length"))
	}
}
