package webob_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// echo answers with what the Request makes of SCRIPT_NAME and PATH_INFO.
func echo(name string) webob.Func {
	return func(r *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("%s script=%q path=%q url=%s", name, r.ScriptName(), r.PathInfo(), r.PathURL()))
		return resp, nil
	}
}

func TestMounted(t *testing.T) {
	h := webob.Mounted("/app/", webob.Handle(echo("app")))
	tests := []struct {
		target, want string
		code         int
	}{
		{"/app", `app script="/app" path="" url=http://example.com/app`, 200},
		{"/app/", `app script="/app" path="/" url=http://example.com/app/`, 200},
		{"/app/a/b", `app script="/app" path="/a/b" url=http://example.com/app/a/b`, 200},
		{"/application", "", 404},
		{"/", "", 404},
	}
	for _, tt := range tests {
		w := serve(h, "GET", tt.target, "text/plain")
		assert.Equal(t, tt.code, w.Code, "GET %s", tt.target)
		if tt.code == 200 {
			assert.Equal(t, tt.want, w.Body.String(), "GET %s", tt.target)
		}
	}
}

func TestMountedNested(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/site/", webob.Mounted("/site", webob.Mounted("/page", webob.Handle(echo("page")))))
	w := serve(mux, "GET", "/site/page/x", "")
	assert.Equal(t, `page script="/site/page" path="/x" url=http://example.com/site/page/x`, w.Body.String())
	assert.Equal(t, 404, serve(mux, "GET", "/site/other", "").Code)
}

func TestMountedOutside(t *testing.T) {
	h := webob.Mounted("/app", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	r := httptest.NewRequest("GET", "/application", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, 404, w.Code)
}
