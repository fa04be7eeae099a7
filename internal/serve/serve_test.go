package serve

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/pageproto"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/middleware"
)

// repoRoot is the gowebob checkout the test docroots replace the module with.
func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}

const rawPage = `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func Application(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/panic":
		panic("page panic")
	case "/exit":
		os.Exit(3)
	case "/slow":
		time.Sleep(2 * time.Second)
	case "/stream":
		w.Write([]byte("part1 "))
		w.(http.Flusher).Flush()
		w.Write([]byte("part2"))
		return
	case "/echo":
		b, _ := io.ReadAll(r.Body)
		w.Write(b)
		return
	}
	fmt.Fprintf(w, "raw %s", r.URL.Path)
}
`

const webobPage = `package main

import (
	"fmt"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

func Application(req *request.Request) (*response.Response, error) {
	get, err := req.GET()
	if err != nil {
		return nil, err
	}
	if req.PathInfo() == "/panic" {
		panic("webob panic")
	}
	resp := response.New()
	resp.SetContentType("text/plain")
	resp.SetText(fmt.Sprintf("webob script=%s path=%s name=%s remote=%s file=%t url=%s",
		req.ScriptName(), req.PathInfo(), get.Get("name"), req.RemoteAddr(), req.Environ["SCRIPT_FILENAME"] != "", req.URL()))
	return resp, nil
}
`

const greetPage = `package main

import (
	"net/http"

	"site/lib/greet"
)

func Application(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(greet.Text()))
}
`

// docroot writes a docroot module into a temporary folder.
func docroot(t testing.TB, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to build pages")
	}
	dir := t.TempDir()
	root := repoRoot(t)
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	all := map[string]string{
		"go.mod":          "module site\n\ngo 1.26.0\n\nrequire github.com/gowebob/gowebob v0.0.0\n\nreplace github.com/gowebob/gowebob => " + root + "\n",
		"go.sum":          string(gosum),
		"gowebob_deps.go": DepsFile,
	}
	for k, v := range files {
		all[k] = v
	}
	for name, content := range all {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	// The docroot's go.mod must list what gowebob needs, as gowebob init's
	// go mod tidy makes it do.
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	out, err := tidy.CombinedOutput()
	require.NoError(t, err, "go mod tidy: %s", out)
	return dir
}

// start opens a Server on dir and serves it as gowebob serve does (Serve:
// page connections are handed to the page programs), on an httptest server
// whose handler logs each request it answers with middleware.AccessLog.
func start(t testing.TB, dir string, configure func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer) {
	return startMode(t, dir, configure, true)
}

// startProxied is start without hand-off: the Server is only an
// http.Handler and proxies every page request.
func startProxied(t testing.TB, dir string, configure func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer) {
	return startMode(t, dir, configure, false)
}

func startMode(t testing.TB, dir string, configure func(*Server), lending bool) (*Server, *httptest.Server, *testutil.SyncBuffer) {
	t.Helper()
	logs := &testutil.SyncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	s := &Server{Logger: log, CacheDir: t.TempDir(), Settings: Settings{ShutdownTimeout: 2 * time.Second}}
	if configure != nil {
		configure(s)
	}
	require.NoError(t, s.Open(context.Background(), dir))
	ts := httptest.NewUnstartedServer(middleware.AccessLog(log)(s))
	if lending {
		ts.Listener = s.lendFrom(ts.Config, ts.Listener)
	}
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts, logs
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func write(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	// Make sure the change is visible to a size-and-time check even on a
	// file system with a coarse clock.
	later := time.Now().Add(time.Second)
	require.NoError(t, os.Chtimes(p, later, later))
}

// await requests url until the answer has the status wantCode and a body
// that contains want, and returns that body. Until then every answer must
// be a 200 with one of the bodies before: a page's last good program
// answers while its new version builds, which takes a while on a busy
// machine (hence the minute).
func await(t testing.TB, url string, wantCode int, want string, before ...string) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		code, body := get(t, url)
		if code == wantCode && strings.Contains(body, want) {
			return body
		}
		require.True(t, code == 200 && slices.Contains(before, body),
			"GET %s = %d %q while waiting for %d %q: want a 200 with one of %q", url, code, body, wantCode, want, before)
		require.True(t, time.Now().Before(deadline), "GET %s: no %d %q within a minute", url, wantCode, want)
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeDocroot(t *testing.T) {
	dir := docroot(t, map[string]string{
		"raw.go":             rawPage,
		"webob.go":           webobPage,
		"greet.go":           greetPage,
		"lib/greet/greet.go": "package greet\n\nfunc Text() string { return \"greetings\" }\n",
		"index.go":           strings.Replace(rawPage, "raw %s", "index %s", 1),
		"sub/index.go":       strings.Replace(rawPage, "raw %s", "sub %s", 1),
		"style.css":          "body { color: red }\n",
		"notpage.go":         "package main\n\nfunc Helper() {}\n",
		"page_test.go":       rawPage,
		".secret":            "secret",
		"sub/data.txt":       "data",
	})
	_, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	tests := []struct {
		path string
		code int
		body string
	}{
		{"/raw.go", 200, "raw "},
		{"/raw", 200, "raw "},
		{"/raw/a/b", 200, "raw /a/b"},
		{"/webob/x?name=Ada", 200, "webob script=/webob path=/x name=Ada remote=127.0.0.1 file=true url=" + ts.URL + "/webob/x?name=Ada"},
		{"/webob.go", 200, "webob script=/webob.go path= name= remote=127.0.0.1 file=true url=" + ts.URL + "/webob.go"},
		{"/greet", 200, "greetings"},
		{"/", 200, "index /"},
		{"/sub/", 200, "sub /"},
		{"/sub", 200, "sub "},
		{"/sub/data.txt", 200, "data"},
		{"/style.css", 200, "body { color: red }\n"},
		{"/notpage.go", 404, ""},
		{"/notpage", 404, ""},
		{"/page_test.go", 404, ""},
		{"/go.mod", 404, ""},
		{"/go.sum", 404, ""},
		{"/.secret", 404, ""},
		{"/lib/greet/greet.go", 404, ""},
		{"/lib/", 404, ""},
		{"/missing", 404, ""},
	}
	for _, tt := range tests {
		code, body := get(t, ts.URL+tt.path)
		assert.Equal(t, tt.code, code, "GET %s", tt.path)
		if tt.code == 200 {
			assert.Equal(t, tt.body, body, "GET %s", tt.path)
		} else {
			assert.Contains(t, body, "404 Not Found", "GET %s: the uniform 404", tt.path)
		}
	}
	code, body := get(t, ts.URL+"/raw/stream")
	assert.Equal(t, 200, code)
	assert.Equal(t, "part1 part2", body, "a streaming answer (no length) arrives whole")
	post, _ := http.NewRequest("POST", ts.URL+"/raw/echo", strings.NewReader("sent body"))
	post.Header.Set("Expect", "100-continue")
	resp, err := http.DefaultClient.Do(post)
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "sent body", string(b), "a body sent with Expect: 100-continue reaches the page")
	head, _ := http.NewRequest("HEAD", ts.URL+"/webob/x", nil)
	resp, err = http.DefaultClient.Do(head)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.NotEmpty(t, resp.Header.Get("Content-Length"), "HEAD keeps the length")

	forged, _ := http.NewRequest("GET", ts.URL+"/webob/x", nil)
	forged.Header.Set(pageproto.Header, pageproto.EncodeRoute(&pageproto.Route{
		Path: "/webob/x", Environ: map[string]string{"REMOTE_ADDR": "6.6.6.6", "SCRIPT_NAME": "/evil"},
	}))
	resp, err = http.DefaultClient.Do(forged)
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(b), "script=/webob path=/x", "a client cannot forge the route header")
	assert.Contains(t, string(b), "remote=127.0.0.1")

	resp, err = http.Get(ts.URL + "/style.css")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "text/css; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.NotEmpty(t, resp.Header.Get("ETag"))
	assert.NotEmpty(t, resp.Header.Get("Last-Modified"))

	req, _ := http.NewRequest("GET", ts.URL+"/style.css", nil)
	req.Header.Set("Range", "bytes=0-3")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 206, resp.StatusCode)
	assert.Equal(t, "body", string(b))

	req, _ = http.NewRequest("GET", ts.URL+"/style.css", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 304, resp.StatusCode)
}

func TestServeReloadAndCompileErrors(t *testing.T) {
	dir := docroot(t, map[string]string{
		"page.go":            strings.Replace(rawPage, "raw %s", "v1 %s", 1),
		"greet.go":           greetPage,
		"lib/greet/greet.go": "package greet\n\nfunc Text() string { return \"hello\" }\n",
	})
	_, ts, logs := start(t, dir, func(s *Server) { s.Dev = true })
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	code, body := get(t, ts.URL+"/page")
	require.Equal(t, 200, code)
	assert.Equal(t, "v1 ", body)

	// The old program answers until the new one is built and started.
	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
	await(t, ts.URL+"/page", 200, "v2 ", "v1 ")

	write(t, dir, "page.go", "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tundefinedThing()\n}\n")
	body = await(t, ts.URL+"/page", 500, "does not compile", "v2 ")
	assert.Contains(t, body, "page.go:6:2: undefined: undefinedThing", "dev shows the compiler error at file:line")
	assert.NotContains(t, body, ".gowebob/build", "the overlay's paths are mapped back")
	assert.Contains(t, logs.String(), "undefinedThing")

	// While the fix builds, the last good program answers again.
	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v3 %s", 1))
	await(t, ts.URL+"/page", 200, "v3 ", "v2 ")

	_, body = get(t, ts.URL+"/greet")
	assert.Equal(t, "hello", body)
	write(t, dir, "lib/greet/greet.go", "package greet\n\nfunc Text() string { return \"changed helper\" }\n")
	await(t, ts.URL+"/greet", 200, "changed helper", "hello")
}

func TestServeReloadKeepsInFlight(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": strings.Replace(rawPage, "raw %s", "v1 %s", 1)})
	_, ts, _ := start(t, dir, nil)
	_, body := get(t, ts.URL+"/page")
	require.Equal(t, "v1 ", body)
	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(ts.URL + "/page/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	time.Sleep(800 * time.Millisecond) // the slow request is in flight (it takes 2 s)
	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
	await(t, ts.URL+"/page", 200, "v2 ", "v1 ")
	assert.Equal(t, "v1 /slow", <-slow, "the request in flight on the old program finishes")
}

func TestServeCompileErrorWithoutDev(t *testing.T) {
	dir := docroot(t, map[string]string{"bad.go": "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) { nope() }\n"})
	_, ts, logs := start(t, dir, nil)
	code, body := get(t, ts.URL+"/bad")
	assert.Equal(t, 500, code)
	assert.NotContains(t, body, "nope")
	assert.NotContains(t, body, dir, "no paths to the client")
	assert.Contains(t, logs.String(), "undefined: nope")
}

func TestServeCrashes(t *testing.T) {
	t.Run("proxied", func(t *testing.T) { testCrashes(t, startProxied) })
	t.Run("lent", func(t *testing.T) { testCrashes(t, start) })
}

func testCrashes(t *testing.T, start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)) {
	dir := docroot(t, map[string]string{"raw.go": rawPage, "webob.go": webobPage})
	_, ts, _ := start(t, dir, nil)
	code, _ := get(t, ts.URL+"/raw/ok")
	require.Equal(t, 200, code)
	_, okBody := get(t, ts.URL+"/webob/ok")

	code, body := get(t, ts.URL+"/raw/panic")
	assert.Equal(t, 500, code)
	assert.NotContains(t, body, "page panic")
	code, _ = get(t, ts.URL+"/webob/panic")
	assert.Equal(t, 500, code)

	// The program dies while its handler runs: that request, and only
	// that one, fails, with a 502 (lent or proxied alike).
	code, _ = get(t, ts.URL+"/raw/exit")
	assert.Equal(t, 502, code, "a page that exits answers 502")
	code, body = get(t, ts.URL+"/raw/again")
	assert.Equal(t, 200, code, "the next request restarts the page")
	assert.Equal(t, "raw /again", body)
	code, body = get(t, ts.URL+"/webob/ok")
	assert.Equal(t, 200, code)
	assert.Equal(t, okBody, body, "other pages are untouched")
}

func TestServeConcurrentFirstRequests(t *testing.T) {
	dir := docroot(t, map[string]string{"webob.go": webobPage})
	_, ts, logs := start(t, dir, nil)
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	bodies := make([]string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(fmt.Sprintf("%s/webob/%d?name=n%d", ts.URL, i, i))
			if err != nil {
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			codes[i], bodies[i] = resp.StatusCode, string(b)
		}()
	}
	wg.Wait()
	for i := 0; i < n; i++ {
		assert.Equal(t, 200, codes[i], "request %d", i)
		assert.Contains(t, bodies[i], fmt.Sprintf("path=/%d name=n%d", i, i))
	}
	assert.Equal(t, 1, strings.Count(logs.String(), `msg="built page"`), "one build for 50 first requests")
}

func TestServePathTricks(t *testing.T) {
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("outside secret"), 0o644))
	dir := docroot(t, map[string]string{"hello.go": rawPage, "ok.txt": "ok"})
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "linkdir")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "prog"), []byte("\x7fELF"), 0o755))
	_, ts, _ := start(t, dir, nil)
	for _, p := range []string{
		"/../go.mod", "/%2e%2e/go.mod", "/%2e%2e%2fgo.mod", "/hello.go%00", "/hello.go%00.txt", "/.git/config",
		"/hello.go/../go.mod", "/link.txt", "/linkdir/secret.txt", "/ok.txt/..", "/prog", "/.gowebob/build",
		"//etc/passwd", "/%2F%2Fetc/passwd", "/ok.txt%2f..%2fgo.mod", "/go.sum", "/hello_test.go",
	} {
		req, err := http.NewRequest("GET", ts.URL+"/", nil)
		require.NoError(t, err)
		req.URL.Opaque = p // sent as is, not cleaned by the client
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, 404, resp.StatusCode, "GET %s", p)
		assert.NotContains(t, string(b), "outside secret", "GET %s", p)
		assert.NotContains(t, string(b), "module site", "GET %s", p)
	}
	code, body := get(t, ts.URL+"/ok.txt")
	assert.Equal(t, 200, code)
	assert.Equal(t, "ok", body)
}

func TestServeIdleStopAndClose(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	s, ts, logs := start(t, dir, func(s *Server) { s.Idle = 200 * time.Millisecond })
	code, _ := get(t, ts.URL+"/raw")
	require.Equal(t, 200, code)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "stopped idle page program") },
		5*time.Second, 50*time.Millisecond)
	code, body := get(t, ts.URL+"/raw/back")
	assert.Equal(t, 200, code)
	assert.Equal(t, "raw /back", body, "an idle-stopped page starts again")
	ts.Close()
	require.NoError(t, s.Close())
	entries, _ := os.ReadDir(s.sockDir)
	assert.Empty(t, entries, "Close removes the sockets")
}

func TestServePreload(t *testing.T) {
	dir := docroot(t, map[string]string{"a.go": rawPage, "b/index.go": rawPage, "notpage.go": "package main\n"})
	s, _, logs := start(t, dir, nil)
	require.NoError(t, s.Preload())
	assert.Equal(t, 2, strings.Count(logs.String(), `msg="built page"`))
}

func TestOpenErrors(t *testing.T) {
	s := &Server{}
	assert.ErrorIs(t, s.Open(context.Background(), t.TempDir()), ErrNoModule)
}
