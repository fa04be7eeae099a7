package serve

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	urlmap "github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/webob"
)

// TestExamplesWWW serves the repository's examples/www with gowebob serve
// and checks that every page answers as the in-process example does.
func TestExamplesWWW(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to build pages")
	}
	logs := &testutil.SyncBuffer{}
	s := &Server{Logger: slog.New(slog.NewTextHandler(logs, nil)), CacheDir: t.TempDir()}
	require.NoError(t, s.Open(t.Context(), filepath.Join(repoRoot(t), "examples", "www")))
	served := httptest.NewServer(s)
	t.Cleanup(func() { served.Close(); s.Close() })

	// The in-process twin: the same pages mounted by file name.
	var d urlmap.Dispatcher
	d.Mount("hello.go", webob.MustAdapt(pages.Hello))
	d.Mount("hello_webob.go", webob.Handle(pages.HelloWebOb))
	d.Mount("inspect.go", webob.Handle(pages.Inspect))
	inProcess := httptest.NewServer(&d)
	t.Cleanup(inProcess.Close)

	requests := []struct{ method, path, body, ctype string }{
		{"GET", "/hello", "", ""},
		{"GET", "/hello_webob", "", ""},
		{"GET", "/hello_webob?first=Ada&last=%3Cscript%3E", "", ""},
		{"POST", "/hello_webob/extra/path?x=1", "first=Grace&last=Hopper&x=2", "application/x-www-form-urlencoded"},
		{"GET", "/inspect/a//b/?x=1&x=2&y=%zz;z", "", ""},
		{"GET", "/inspect.go/%C3%BC?q=%C3%BC", "", ""},
		{"PUT", "/inspect/put", "k=v", "application/x-www-form-urlencoded"},
		{"POST", "/inspect/json", `{"a":1}`, "application/json"},
	}
	for _, rq := range requests {
		do := func(base string) (int, string, string) {
			req, err := http.NewRequest(rq.method, base+rq.path, strings.NewReader(rq.body))
			require.NoError(t, err)
			req.Host = "www.example.com"
			req.Header.Set("Accept", "text/html")
			req.Header.Set("Cookie", "a=1; b=\"two\"")
			if rq.ctype != "" {
				req.Header.Set("Content-Type", rq.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
		}
		wantCode, wantType, wantBody := do(inProcess.URL)
		gotCode, gotType, gotBody := do(served.URL)
		assert.Equal(t, wantCode, gotCode, "%s %s", rq.method, rq.path)
		assert.Equal(t, wantType, gotType, "%s %s", rq.method, rq.path)
		assert.Equal(t, wantBody, gotBody, "%s %s", rq.method, rq.path)
	}

	code, body := get(t, served.URL+"/environ")
	assert.Equal(t, 200, code)
	for _, key := range []string{"SCRIPT_NAME: /environ", "PATH_INFO: ", "REQUEST_METHOD: GET", "SCRIPT_FILENAME: ",
		"gowebob.page: environ.go\n", "gowebob.callable: Application\n", "gowebob.multithread: true\n",
		"gowebob.multiprocess: true\n", "gowebob.run_once: false\n"} {
		assert.Contains(t, body, key)
	}
	code, body = get(t, served.URL+"/style.css")
	assert.Equal(t, 200, code)
	assert.NotEmpty(t, body)
	for _, p := range []string{"/go.mod", "/go.sum", "/lib/greet/greet.go", "/lib/greet", "/hello.go/../go.mod"} {
		code, _ := get(t, served.URL+p)
		assert.Equal(t, 404, code, "GET %s", p)
	}
	if t.Failed() {
		t.Log(logs.String())
	}
}
