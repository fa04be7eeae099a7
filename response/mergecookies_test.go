package response_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/response"
)

// TestMergeCookiesHandlerGolden replays WebOb's merge_cookies(app): the
// response's cookies come after the app's own headers.
func TestMergeCookiesHandlerGolden(t *testing.T) {
	t.Parallel()
	g := loadGoldenResponses(t)
	require.NotEmpty(t, g.MergeCookiesApp)
	for _, c := range g.MergeCookiesApp {
		r := response.New()
		for _, kv := range c.Cookies {
			require.NoError(t, r.SetCookie(kv[0], kv[1], response.CookieOptions{}))
		}
		app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			for _, h := range c.AppHeaders {
				w.Header().Add(h[0], h[1])
			}
			_, _ = w.Write([]byte("ok"))
		})
		rec := httptest.NewRecorder()
		r.MergeCookiesHandler(app).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		want := http.Header{}
		for _, h := range c.Headers {
			want.Add(h[0], h[1])
		}
		want.Set("Content-Type", "text/plain")
		assert.Equal(t, want, rec.Result().Header, "cookies %v, app headers %v", c.Cookies, c.AppHeaders)
		assert.Equal(t, c.Body, rec.Body.String())
	}
}

func TestMergeCookiesHandlerPaths(t *testing.T) {
	t.Parallel()
	r := response.New()
	require.NoError(t, r.SetCookie("a", "1", response.CookieOptions{}))
	tests := []struct {
		name string
		h    http.HandlerFunc
	}{
		{"write nothing", func(http.ResponseWriter, *http.Request) {}},
		{"WriteHeader", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }},
		{"Flush", func(w http.ResponseWriter, _ *http.Request) { w.(http.Flusher).Flush() }},
		{"ResponseController", func(w http.ResponseWriter, _ *http.Request) {
			_ = http.NewResponseController(w).Flush()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			r.MergeCookiesHandler(tt.h).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			assert.Equal(t, []string{"a=1; Path=/"}, rec.Result().Header.Values("Set-Cookie"), "MergeCookiesHandler(%s)", tt.name)
		})
	}
	h := http.NotFoundHandler()
	assert.NotNil(t, response.New().MergeCookiesHandler(h), "no cookies: h itself")
}
