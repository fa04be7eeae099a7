package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// TestServeDotSegments checks that the server removes dot segments before
// it maps the path, as Apache does before mod_wsgi sets SCRIPT_NAME and
// PATH_INFO (docroot's TestResolveAsApache has Apache's answers), both when
// the connection is handed to the page program and when the request is
// proxied to it.
func TestServeDotSegments(t *testing.T) {
	dir := docroot(t, map[string]string{
		"inspect.go": webobPage,
		"style.css":  "body { color: red }\n",
	})
	for _, mode := range []struct {
		name  string
		start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)
	}{{"handed over", start}, {"proxied", startProxied}} {
		t.Run(mode.name, func(t *testing.T) {
			_, ts, logs := mode.start(t, dir, nil)
			defer func() {
				if t.Failed() {
					t.Log(logs.String())
				}
			}()
			tests := []struct {
				target string
				code   int
				body   string
			}{
				{"/inspect.go/a/./b", 200, "webob script=/inspect.go path=/a/b name= remote=127.0.0.1 file=true url=" + ts.URL + "/inspect.go/a/b"},
				{"/inspect/a/../b?name=Ada", 200, "webob script=/inspect path=/b name=Ada remote=127.0.0.1 file=true url=" + ts.URL + "/inspect/b?name=Ada"},
				{"/x/../inspect/y", 200, "webob script=/inspect path=/y name= remote=127.0.0.1 file=true url=" + ts.URL + "/inspect/y"},
				{"/./inspect.go/a/%2e%2e/b", 200, "webob script=/inspect.go path=/b name= remote=127.0.0.1 file=true url=" + ts.URL + "/inspect.go/b"},
				{"/inspect.go/a/..", 200, "webob script=/inspect.go path=/ name= remote=127.0.0.1 file=true url=" + ts.URL + "/inspect.go/"},
				{"/inspect.go/../inspect.go", 200, "webob script=/inspect.go path= name= remote=127.0.0.1 file=true url=" + ts.URL + "/inspect.go"},
				{"/inspect.go/%2e/../style.css", 200, "body { color: red }\n"},
				{"/inspect.go/../go.mod", 404, ""},
				{"/inspect.go/a/../../gowebob_deps.go", 404, ""},
				{"/inspect.go/..", 404, ""},
				{"/../inspect.go", 404, ""},
				{"/inspect.go/../../inspect.go", 404, ""},
				{"/inspect.go/%2e%2e/%2e%2e/inspect.go", 404, ""},
			}
			// Twice each: a handed-over connection's next request for the
			// same path is answered by the page program itself.
			for range 2 {
				for _, tt := range tests {
					req, err := http.NewRequest("GET", ts.URL+"/", nil)
					require.NoError(t, err)
					req.URL.Opaque = tt.target // sent as is, not cleaned by the client
					resp, err := ts.Client().Do(req)
					require.NoError(t, err)
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					assert.Equal(t, tt.code, resp.StatusCode, "GET %s", tt.target)
					if tt.code == 200 {
						assert.Equal(t, tt.body, string(b), "GET %s", tt.target)
					}
				}
			}
		})
	}
}
