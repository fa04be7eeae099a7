package serve

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// versionPage is a page that answers version.
func versionPage(version string) string {
	return `package main

import "net/http"

func Application(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("` + version + `"))
}
`
}

// loadResult is what a load of requests saw.
type loadResult struct {
	requests int
	failures []string       // a line per failed request
	bodies   map[string]int // the answers, counted
	slowest  time.Duration
	elapsed  time.Duration
}

func (r loadResult) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// load sends GETs for url from clients goroutines, each one request after
// the other on its own keep-alive connections, until stop is closed.
func load(url string, clients int, stop <-chan struct{}) loadResult {
	var mu sync.Mutex
	res := loadResult{bodies: make(map[string]int)}
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}, Timeout: 30 * time.Second}
			defer client.CloseIdleConnections()
			for {
				select {
				case <-stop:
					return
				default:
				}
				t0 := time.Now()
				resp, err := client.Get(url)
				var body []byte
				if err == nil {
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				took := time.Since(t0)
				mu.Lock()
				res.requests++
				res.slowest = max(res.slowest, took)
				switch {
				case err != nil:
					res.failures = append(res.failures, err.Error())
				case resp.StatusCode != 200:
					res.failures = append(res.failures, fmt.Sprintf("%d %s", resp.StatusCode, body))
				default:
					res.bodies[string(body)]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// TestServeLastGoodUnderEdits rewrites a page every 0.5 s for 5 s while
// clients request it as fast as they can: the program of the last version
// built answers while the next one builds, so no request fails or waits
// for a build, and the page keeps most of its throughput. Then the load
// goes on until the last version answers: the new programs replace the
// old ones under load without a failure.
func TestServeLastGoodUnderEdits(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": versionPage("v0")})
	_, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	code, body := get(t, ts.URL+"/page")
	require.Equal(t, 200, code)
	require.Equal(t, "v0", body)

	const clients = 4
	run := func(during func()) loadResult {
		stop := make(chan struct{})
		var once sync.Once
		// during may end the test (require): the load ends with it.
		defer once.Do(func() { close(stop) })
		done := make(chan loadResult, 1)
		go func() { done <- load(ts.URL+"/page", clients, stop) }()
		during()
		once.Do(func() { close(stop) })
		return <-done
	}
	steady := run(func() { time.Sleep(2 * time.Second) })
	written := []string{"v0"}
	storm := run(func() {
		for i := 1; i <= 10; i++ {
			time.Sleep(500 * time.Millisecond)
			v := fmt.Sprintf("v%d", i)
			write(t, dir, "page.go", versionPage(v))
			written = append(written, v)
		}
	})
	last := written[len(written)-1]
	after := run(func() { await(t, ts.URL+"/page", 200, last, written...) })
	t.Logf("steady: %d requests in %v (%.0f/s), slowest %v", steady.requests, steady.elapsed.Round(time.Millisecond), steady.rate(), steady.slowest.Round(time.Millisecond))
	t.Logf("storm: %d requests in %v (%.0f/s, %.0f%% of steady), slowest %v, answers %v", storm.requests, storm.elapsed.Round(time.Millisecond),
		storm.rate(), 100*storm.rate()/steady.rate(), storm.slowest.Round(time.Millisecond), storm.bodies)
	t.Logf("after: %d requests in %v until %s answered (%.0f/s), slowest %v, answers %v", after.requests, after.elapsed.Round(time.Millisecond), last,
		after.rate(), after.slowest.Round(time.Millisecond), after.bodies)
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `msg="built page"`) {
			t.Log(line)
		}
	}
	for _, res := range []loadResult{steady, storm, after} {
		assert.Empty(t, res.failures, "no request fails")
		for b := range res.bodies {
			assert.True(t, slices.Contains(written, b), "answer %q is a version written", b)
		}
	}
	if testutil.Race {
		t.Log("throughput not compared under the race detector")
	} else {
		assert.GreaterOrEqual(t, storm.rate(), steady.rate()/2, "the throughput during the edits is at least half the steady one")
	}
	assert.Positive(t, after.bodies[last], "the load saw the last version")
}

// Sources for a page that served "v1 " and was edited.
const (
	undefinedSrc = "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n\tundefinedThing()\n}\n"
	syntaxSrc    = "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n"
	notPageSrc   = "package main\n\nfunc Other() {}\n"
)

// getAll sends n GETs for url, half of them on connections of their own,
// half on one kept-alive connection (which the page's program may hold),
// and returns the answers as "code body".
func getAll(t testing.TB, url string, n int) []string {
	t.Helper()
	var mu sync.Mutex
	var out []string
	add := func(code int, body string) {
		mu.Lock()
		out = append(out, fmt.Sprintf("%d %s", code, body))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for range n / 2 {
		wg.Go(func() {
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: time.Minute}
			resp, err := client.Get(url)
			if !assert.NoError(t, err) {
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			add(resp.StatusCode, string(b))
		})
	}
	wg.Wait()
	for range n - n/2 {
		add(get(t, url))
	}
	return out
}

// TestServeFailedRebuild edits a page that served into one that does not
// compile. Without Dev its last good program answers on, and the
// compiler's output is logged once however many requests come; with Dev
// the requests get a 500 with that output. The fixed page is served once
// built.
func TestServeFailedRebuild(t *testing.T) {
	for _, tt := range []struct {
		name    string
		dev     bool
		src     string
		compile string // in the compiler's output
	}{
		{"undefined", false, undefinedSrc, "page.go:6:2: undefined: undefinedThing"},
		{"syntax error", false, syntaxSrc, "page.go:6:1: syntax error"},
		{"undefined with dev", true, undefinedSrc, "page.go:6:2: undefined: undefinedThing"},
		{"syntax error with dev", true, syntaxSrc, "page.go:6:1: syntax error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := docroot(t, map[string]string{"page.go": strings.Replace(rawPage, "raw %s", "v1 %s", 1)})
			_, ts, logs := start(t, dir, func(s *Server) { s.Dev = tt.dev })
			defer func() {
				if t.Failed() {
					t.Log(logs.String())
				}
			}()
			failures := func() int { return strings.Count(logs.String(), `msg="page does not compile"`) }
			code, body := get(t, ts.URL+"/page")
			require.Equal(t, 200, code)
			require.Equal(t, "v1 ", body)

			write(t, dir, "page.go", tt.src)
			if tt.dev {
				body := await(t, ts.URL+"/page", 500, "does not compile", "v1 ")
				assert.Contains(t, body, tt.compile)
				for _, answer := range getAll(t, ts.URL+"/page", 20) {
					assert.True(t, strings.HasPrefix(answer, "500 ") && strings.Contains(answer, tt.compile), "answer %q: a 500 with the compiler's output", answer)
				}
			} else {
				// The old program answers before, while and after the build.
				deadline := time.Now().Add(time.Minute)
				for failures() == 0 && time.Now().Before(deadline) {
					code, body := get(t, ts.URL+"/page")
					require.Equal(t, 200, code)
					require.Equal(t, "v1 ", body)
					time.Sleep(20 * time.Millisecond)
				}
				for _, answer := range getAll(t, ts.URL+"/page", 20) {
					assert.Equal(t, "200 v1 ", answer)
				}
			}
			assert.Equal(t, 1, failures(), "the compiler's output is logged once")
			assert.Contains(t, logs.String(), tt.compile)

			// While the fix builds, the last good program answers, with Dev
			// too.
			write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v3 %s", 1))
			await(t, ts.URL+"/page", 200, "v3 ", "v1 ")
			assert.Equal(t, 1, failures())
		})
	}
}

// TestServeNotAPageAnyMore edits a page that served into a Go file without
// Application: its last good program answers on (at both of its URLs, with
// Dev too), nothing is built, until the file is a page again. Deleted, it
// is the uniform 404 and its program is stopped.
func TestServeNotAPageAnyMore(t *testing.T) {
	for _, dev := range []bool{false, true} {
		t.Run(fmt.Sprintf("dev=%t", dev), func(t *testing.T) {
			dir := docroot(t, map[string]string{"page.go": strings.Replace(rawPage, "raw %s", "v1 %s", 1)})
			s, ts, logs := start(t, dir, func(s *Server) { s.Dev = dev })
			defer func() {
				if t.Failed() {
					t.Log(logs.String())
				}
			}()
			builds := func() int { return strings.Count(logs.String(), `msg="built page"`) }
			rc := dialRaw(t, ts)
			code, body := rc.get("/page")
			require.Equal(t, 200, code)
			require.Equal(t, "v1 ", body)

			write(t, dir, "page.go", notPageSrc)
			for range 5 {
				for _, url := range []string{"/page", "/page.go"} {
					for _, answer := range getAll(t, ts.URL+url, 4) {
						assert.Equal(t, "200 v1 ", answer, "GET %s", url)
					}
				}
				code, body := rc.get("/page")
				assert.Equal(t, 200, code)
				assert.Equal(t, "v1 ", body, "on a connection the program held")
				time.Sleep(100 * time.Millisecond)
			}
			assert.Equal(t, 1, builds(), "a file that is no page is not built")
			assert.NotContains(t, logs.String(), "does not compile")

			write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
			await(t, ts.URL+"/page", 200, "v2 ", "v1 ")

			p := s.page("page.go")
			p.mu.Lock()
			c := p.child
			p.mu.Unlock()
			require.NotNil(t, c)
			require.NoError(t, os.Remove(filepath.Join(dir, "page.go")))
			for _, url := range []string{"/page", "/page.go"} {
				code, body := get(t, ts.URL+url)
				assert.Equal(t, 404, code, "GET %s", url)
				assert.Contains(t, body, "404 Not Found", "GET %s: the uniform 404", url)
			}
			code, _ = rc.get("/page")
			assert.Equal(t, 404, code, "on a connection the program held")
			require.Eventually(t, func() bool { return !c.alive() }, 30*time.Second, 20*time.Millisecond, "the program of a deleted page is stopped")
			p.mu.Lock()
			assert.Nil(t, p.child)
			assert.Empty(t, p.good)
			p.mu.Unlock()
		})
	}
}

// TestServeDeletedPageStopsWithoutRequests deletes a page that no request
// comes for any more: its program is stopped all the same.
func TestServeDeletedPageStopsWithoutRequests(t *testing.T) {
	dir := docroot(t, map[string]string{"page.go": rawPage})
	s, ts, logs := start(t, dir, nil)
	code, _ := get(t, ts.URL+"/page")
	require.Equal(t, 200, code)
	p := s.page("page.go")
	p.mu.Lock()
	c := p.child
	p.mu.Unlock()
	require.NotNil(t, c)
	require.NoError(t, os.Remove(filepath.Join(dir, "page.go")))
	require.Eventually(t, func() bool { return !c.alive() }, 30*time.Second, 20*time.Millisecond, "the program of a deleted page is stopped")
	assert.Contains(t, logs.String(), "stopped page program: its file was removed")
}

// TestServeBuildsOneAtATime edits a page five times in 0.4 s, with a go
// command that takes a second more to build (and go build for every
// build: the fast path does not run it): every request meanwhile is
// answered at once by the program it had, one build runs at a time, and
// the edits made while one ran are built together, by one more.
func TestServeBuildsOneAtATime(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is needed to build pages")
	}
	dir := docroot(t, map[string]string{"page.go": versionPage("v0")})
	tmp := t.TempDir()
	buildLog := filepath.Join(tmp, "builds")
	slowGo := filepath.Join(tmp, "slowgo")
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = build ]; then\n\techo start >>%[1]q\n\tsleep 1\n\t%[2]q \"$@\"\n\trc=$?\n\techo end >>%[1]q\n\texit $rc\nfi\nexec %[2]q \"$@\"\n", buildLog, goCmd)
	require.NoError(t, os.WriteFile(slowGo, []byte(script), 0o755))
	_, ts, logs := start(t, dir, func(s *Server) {
		s.GoCmd = slowGo
		goBuildOnly(s)
	})
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	code, body := get(t, ts.URL+"/page")
	require.Equal(t, 200, code)
	require.Equal(t, "v0", body, "the first build makes the request wait")

	for i := 1; i <= 5; i++ {
		v := fmt.Sprintf("v%d", i)
		write(t, dir, "page.go", versionPage(v))
		t0 := time.Now()
		code, body := get(t, ts.URL+"/page")
		assert.Equal(t, 200, code)
		// Had it waited for the build (a second at least), it would have
		// the new version.
		assert.Equal(t, "v0", body, "after the edit to %s, the last good program answers (in %v)", v, time.Since(t0))
		time.Sleep(100 * time.Millisecond)
	}
	await(t, ts.URL+"/page", 200, "v5", "v0", "v1", "v2", "v3", "v4")
	out, err := os.ReadFile(buildLog)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("start\nend\n", 3), string(out), "the first build, then one for v1 and one for v2..v5, one after the other")
}
