package serve

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gowebob/gowebob/internal/devpage"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// devPage answers HTML, text, compressed HTML and panics, from a helper
// package of the docroot too.
const devPage = `package main

import (
	"compress/gzip"
	"net/http"
	"strconv"

	"site/lib/boom"
)

func Application(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/text":
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("<p>text</p>"))
	case "/sniffed":
		w.Write([]byte("<!DOCTYPE html><p>sniffed</p>"))
	case "/length":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len("<p>length</p>")))
		w.Write([]byte("<p>length</p>"))
	case "/gzip":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte("<p>zipped</p>"))
		zw.Close()
	case "/panic":
		var m map[string]int
		m["x"] = 1
	case "/helper":
		boom.Now()
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>v1</p></body></html>"))
	}
}
`

const boomLib = "package boom\n\n// Now panics.\nfunc Now() {\n\tpanic(\"boom from the helper\")\n}\n"

func devDocroot(t *testing.T) string {
	return docroot(t, map[string]string{"dev.go": devPage, "web.go": webobPage, "lib/boom/boom.go": boomLib})
}

func devRequest(t *testing.T, method, url, accept string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "identity")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

// TestDevLiveScript: with Dev the live-reload script ends the HTML answers
// a page did not compress, with a Content-Length that counts it; never
// text, compressed HTML, HEAD, nor anything without Dev.
func TestDevLiveScript(t *testing.T) {
	dir := devDocroot(t)
	for _, mode := range []struct {
		name  string
		start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)
	}{{"lent", start}, {"proxied", startProxied}} {
		t.Run(mode.name, func(t *testing.T) {
			for _, dev := range []bool{false, true} {
				_, ts, logs := mode.start(t, dir, func(s *Server) { s.Dev = dev })
				tests := []struct {
					path   string
					want   string
					script bool
				}{
					{"/dev", "<html><body><p>v1</p></body></html>", true},
					{"/dev/sniffed", "<!DOCTYPE html><p>sniffed</p>", true},
					{"/dev/length", "<p>length</p>", true},
					{"/dev/text", "<p>text</p>", false},
				}
				for _, tt := range tests {
					resp, body := devRequest(t, "GET", ts.URL+tt.path, "")
					require.Equal(t, 200, resp.StatusCode, "GET %s: %s", tt.path, logs)
					require.True(t, strings.HasPrefix(body, tt.want), "GET %s = %q", tt.path, body)
					if tt.script && dev {
						assert.Contains(t, body[len(tt.want):], `<script data-gowebob-page="dev.go"`, "GET %s, dev", tt.path)
					} else {
						assert.Equal(t, tt.want, body, "GET %s, dev=%t", tt.path, dev)
					}
					if resp.ContentLength >= 0 {
						assert.Equal(t, int64(len(body)), resp.ContentLength, "GET %s: Content-Length", tt.path)
					}
				}
				resp, body := devRequest(t, "GET", ts.URL+"/dev/gzip", "")
				require.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
				zr, err := gzip.NewReader(strings.NewReader(body))
				require.NoError(t, err)
				plain, err := io.ReadAll(zr)
				require.NoError(t, err, "a compressed answer is left whole")
				assert.Equal(t, "<p>zipped</p>", string(plain))
				resp, body = devRequest(t, "HEAD", ts.URL+"/dev", "")
				assert.Equal(t, 200, resp.StatusCode)
				assert.Empty(t, body)
			}
		})
	}
}

// TestDevPanicPage: with Dev a panic is answered with the panic page (its
// value, the docroot frame and its source, the request), as JSON when
// asked; without Dev with the plain 500 and nothing of the panic.
func TestDevPanicPage(t *testing.T) {
	dir := devDocroot(t)
	for _, mode := range []struct {
		name  string
		start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)
	}{{"lent", start}, {"proxied", startProxied}} {
		t.Run(mode.name, func(t *testing.T) {
			_, ts, _ := mode.start(t, dir, func(s *Server) { s.Dev = true })
			resp, body := devRequest(t, "GET", ts.URL+"/dev/panic?q=1", "")
			assert.Equal(t, 500, resp.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
			assert.Contains(t, body, "assignment to entry in nil map")
			assert.Contains(t, body, "<code>dev.go:30</code> in <code>main.Application</code>")
			assert.Contains(t, body, "→ \t\tm[&#34;x&#34;] = 1", "the line is marked")
			assert.Contains(t, body, "GET http://"+strings.TrimPrefix(ts.URL, "http://")+"/dev/panic?q=1")
			assert.Contains(t, body, "frames outside the docroot")
			assert.Contains(t, body, "<script data-gowebob-page=")
			assert.NotContains(t, body, ".gowebob/build", "frames name the docroot's files")

			resp, body = devRequest(t, "GET", ts.URL+"/dev/helper", "application/json")
			assert.Equal(t, 500, resp.StatusCode)
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			var p struct {
				Error string
				devpage.Panic
			}
			require.NoError(t, json.Unmarshal([]byte(body), &p), body)
			assert.Equal(t, "panic", p.Error)
			assert.Equal(t, "boom from the helper", p.Value)
			require.NotNil(t, p.At)
			assert.Equal(t, devpage.Frame{Func: "site/lib/boom.Now", File: "lib/boom/boom.go", Line: 5, InDocroot: true}, *p.At)
			require.NotEmpty(t, p.Source)
			assert.Equal(t, "GET", p.Request.Method)
			assert.Contains(t, p.Request.Header, devpage.Field{Name: "Accept", Value: "application/json"})

			// A webob.Func page's panic goes through the other adapter.
			resp, body = devRequest(t, "GET", ts.URL+"/web/panic", "")
			assert.Equal(t, 500, resp.StatusCode)
			assert.Contains(t, body, "panic: webob panic")
			assert.Contains(t, body, "<code>web.go:")
		})
	}
	t.Run("without dev", func(t *testing.T) {
		_, ts, logs := start(t, dir, nil)
		for _, path := range []string{"/dev/panic", "/dev/helper", "/web/panic"} {
			resp, body := devRequest(t, "GET", ts.URL+path, "application/json")
			assert.Equal(t, 500, resp.StatusCode, path)
			for _, bad := range []string{"nil map", "boom", "webob panic", ".go", "<script", "stack"} {
				assert.NotContains(t, body, bad, "GET %s", path)
			}
		}
		assert.Contains(t, logs.String(), "boom from the helper", "the panic is logged")
	})
}

// TestDevCompileErrorPage: with Dev a page that does not compile answers
// with each error at its file:line:col and the source around it, marked,
// or as JSON.
func TestDevCompileErrorPage(t *testing.T) {
	dir := docroot(t, map[string]string{"bad.go": "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tundefinedThing()\n}\n"})
	_, ts, _ := start(t, dir, func(s *Server) { s.Dev = true })
	resp, body := devRequest(t, "GET", ts.URL+"/bad", "")
	assert.Equal(t, 500, resp.StatusCode)
	assert.Contains(t, body, "<h2><code>bad.go:6:2</code></h2>")
	assert.Contains(t, body, "undefined: undefinedThing")
	assert.Contains(t, body, `<tr class="marked"><td class="n">6</td><td>→ 	undefinedThing()</td></tr>`)
	assert.Contains(t, body, `<script data-gowebob-page="bad.go"`)

	resp, body = devRequest(t, "GET", ts.URL+"/bad", "application/json")
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var f struct {
		Error string
		devpage.BuildFailure
	}
	require.NoError(t, json.Unmarshal([]byte(body), &f), body)
	assert.Equal(t, "build", f.Error)
	require.Len(t, f.Errors, 1)
	assert.Equal(t, "bad.go:6:2", f.Errors[0].Location())
	assert.Contains(t, f.Errors[0].Source, devpage.Line{Number: 6, Text: "\tundefinedThing()", Marked: true})
}

// events reads the build events of page from ts.
func events(t *testing.T, ts *httptest.Server, page string) (<-chan string, *http.Response) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+devpage.EventsPath+"?page="+page, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	ch := make(chan string, 16)
	if resp.StatusCode != 200 {
		resp.Body.Close()
		close(ch)
		return ch, resp
	}
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ch <- data
			}
		}
	}()
	return ch, resp
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case v, ok := <-ch:
		require.True(t, ok, "the stream ended")
		return v
	case <-time.After(time.Minute):
		t.Fatal("no event within a minute")
		return ""
	}
}

// TestDevEvents: the event stream of a page says which build it shows, at
// once and when an edit, noticed by the watcher without any request,
// built or failed to.
func TestDevEvents(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": strings.Replace(rawPage, "raw %s", "v1 %s", 1)})
	s, ts, logs := start(t, dir, func(s *Server) { s.Dev = true })
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	_, body := get(t, ts.URL+"/page")
	require.Equal(t, "v1 ", body)
	ch, resp := events(t, ts, "page.go")
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	first := next(t, ch)
	require.NotEmpty(t, first)

	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
	second := next(t, ch)
	assert.NotEqual(t, first, second, "a new build")
	// A connection lent to the old program is given back to the server
	// as the old program stops: await, not get.
	await(t, ts.URL+"/page", 200, "v2 ", "v1 ")

	write(t, dir, "page.go", "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tundefinedThing()\n}\n")
	third := next(t, ch)
	assert.NotEqual(t, second, third, "the failed build")
	body = await(t, ts.URL+"/page", 500, "does not compile", "v2 ")
	assert.Contains(t, body, `data-gowebob-build="`+third+`"`, "the error page is the build the event named")

	for _, bad := range []string{"", "nope.go", "../page.go", ".hidden/page.go", "page", "/page.go"} {
		_, resp := events(t, ts, bad)
		assert.Contains(t, []int{400, 404}, resp.StatusCode, "page=%q", bad)
	}

	// Shutting the server down ends the stream.
	ts.Config.Shutdown(context.Background())
	for range ch {
	}
	s.Close()
}

func TestDevEventsWithoutDev(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": rawPage})
	_, ts, _ := start(t, dir, nil)
	get(t, ts.URL+"/page")
	_, resp := events(t, ts, "page.go")
	assert.Equal(t, 404, resp.StatusCode)
}

// TestDevEventsBeforeAnyRequest: a stream opened before any request for
// its page (a browser reconnecting to a restarted server) builds it and
// says which build it is.
func TestDevEventsBeforeAnyRequest(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": rawPage})
	_, ts, _ := start(t, dir, func(s *Server) { s.Dev = true })
	ch, resp := events(t, ts, "page.go")
	require.Equal(t, 200, resp.StatusCode)
	key := next(t, ch)
	resp, body := devRequest(t, "GET", ts.URL+"/page", "")
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "raw ", body)
	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
	assert.NotEqual(t, key, next(t, ch), "the watcher looks after the page")
}
