package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

// netsPage answers with its process id after doing what its path says:
// /ignore?d=D sleeps D ignoring its context, /watch?d=D sleeps D or until
// its context is done, /partial?d=D writes and flushes part of its answer
// first.
const netsPage = `package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

func Application(w http.ResponseWriter, r *http.Request) {
	d, _ := time.ParseDuration(r.URL.Query().Get("d"))
	switch r.URL.Path {
	case "/ignore":
		time.Sleep(d)
	case "/watch":
		select {
		case <-r.Context().Done():
			return
		case <-time.After(d):
		}
	case "/partial":
		w.Write([]byte("part "))
		w.(http.Flusher).Flush()
		time.Sleep(d)
	}
	fmt.Fprintf(w, "pid %d", os.Getpid())
}
`

// netsClient bounds every request of these tests: none may hang.
var netsClient = &http.Client{Timeout: 30 * time.Second}

// fetch GETs url and returns the status, the body (what arrived of it),
// the answer's header, how long it took, and the error reading it.
func fetch(t testing.TB, url string) (code int, body string, h http.Header, took time.Duration, err error) {
	t.Helper()
	start := time.Now()
	resp, err := netsClient.Get(url)
	if err != nil {
		return 0, "", nil, time.Since(start), err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header, time.Since(start), err
}

// pid GETs url, requires a 200 and returns the process id the page
// answered.
func pid(t testing.TB, url string) string {
	t.Helper()
	code, body := get(t, url)
	require.Equal(t, 200, code, "GET %s: %s", url, body)
	require.True(t, strings.HasPrefix(body, "pid "), "GET %s: %q", url, body)
	return body
}

// logsOnFailure prints the server's log when the test fails.
func logsOnFailure(t *testing.T, logs *testutil.SyncBuffer) {
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	})
}

func TestNetsRequestTimeout(t *testing.T) {
	t.Run("lent", func(t *testing.T) { testRequestTimeout(t, start) })
	t.Run("proxied", func(t *testing.T) { testRequestTimeout(t, startProxied) })
}

func testRequestTimeout(t *testing.T, start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	_, ts, logs := start(t, dir, func(s *Server) { s.Settings.RequestTimeout = time.Second })
	logsOnFailure(t, logs)
	first := pid(t, ts.URL+"/nets")

	t.Run("watches its context", func(t *testing.T) {
		code, body, _, took, err := fetch(t, ts.URL+"/nets/watch?d=5s")
		require.NoError(t, err)
		assert.Equal(t, 504, code, "body %q", body)
		assert.Less(t, took, 2500*time.Millisecond, "the 504 comes at the deadline")
		// A handler that returns at its deadline leaves its program be.
		time.Sleep(graceAfterTimeoutForTest + 500*time.Millisecond)
		assert.Equal(t, first, pid(t, ts.URL+"/nets"), "no recycle")
		assert.NotContains(t, logs.String(), "recycling page program")
	})

	t.Run("writes part then hangs", func(t *testing.T) {
		code, body, _, took, err := fetch(t, ts.URL+"/nets/partial?d=5s")
		assert.Equal(t, 200, code)
		assert.Error(t, err, "the answer is cut, body %q", body)
		assert.Equal(t, "part ", body)
		assert.Less(t, took, 2500*time.Millisecond, "the cut comes at the deadline")
		require.Eventually(t, func() bool { return pid(t, ts.URL+"/nets") != first },
			10*time.Second, 100*time.Millisecond, "a new program answers")
	})

	t.Run("ignores its context", func(t *testing.T) {
		before := pid(t, ts.URL+"/nets")
		code, body, _, took, err := fetch(t, ts.URL+"/nets/ignore?d=5s")
		require.NoError(t, err)
		assert.Equal(t, 504, code, "body %q", body)
		assert.Less(t, took, 2500*time.Millisecond, "the 504 comes at the deadline")
		require.Eventually(t, func() bool { return pid(t, ts.URL+"/nets") != before },
			10*time.Second, 100*time.Millisecond, "a new program answers")
		assert.Equal(t, 2, strings.Count(logs.String(), `msg="recycling page program"`), "recycled once per hung handler")
	})
}

// graceAfterTimeoutForTest is the page runtime's grace after a deadline
// before it asks to be recycled (page.graceAfterTimeout).
const graceAfterTimeoutForTest = time.Second

func TestNetsQueueTimeout(t *testing.T) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	_, ts, logs := start(t, dir, func(s *Server) {
		s.Settings.MaxConcurrent, s.Settings.QueueTimeout = 2, 300*time.Millisecond
	})
	logsOnFailure(t, logs)
	pid(t, ts.URL+"/nets") // the program runs: the four requests below meet in it
	type result struct {
		code  int
		retry string
		err   error
	}
	results := make([]result, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, h, _, err := fetch(t, ts.URL+"/nets/ignore?d=1500ms")
			results[i] = result{code, h.Get("Retry-After"), err}
		}()
	}
	wg.Wait()
	codes := map[int]int{}
	for _, r := range results {
		require.NoError(t, r.err)
		codes[r.code]++
		if r.code == 503 {
			assert.Equal(t, "1", r.retry, "a 503 says when to come back")
		}
	}
	assert.Equal(t, map[int]int{200: 2, 503: 2}, codes)
}

func TestNetsMaxRequests(t *testing.T) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	_, ts, logs := start(t, dir, func(s *Server) { s.Settings.MaxRequests = 5 })
	logsOnFailure(t, logs)
	first := pid(t, ts.URL+"/nets")
	for i := 2; i <= 5; i++ {
		assert.Equal(t, first, pid(t, ts.URL+"/nets"), "request %d", i)
	}
	// The fifth request asked for a new program; the next ones may still
	// reach this one until it is told to stop, and none fails.
	var later string
	for i := 6; i <= 20 && later == ""; i++ {
		if p := pid(t, ts.URL+"/nets"); p != first {
			later = p
		}
		time.Sleep(20 * time.Millisecond)
	}
	assert.NotEmpty(t, later, "a new program answers after 5 requests")
	assert.Contains(t, logs.String(), "max-requests 5 reached")
}

func TestNetsMaxLifetime(t *testing.T) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	_, ts, logs := start(t, dir, func(s *Server) { s.Settings.MaxLifetime = 700 * time.Millisecond })
	logsOnFailure(t, logs)
	pids := map[string]bool{pid(t, ts.URL+"/nets"): true}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		pids[pid(t, ts.URL+"/nets")] = true // every request succeeds
		time.Sleep(20 * time.Millisecond)
	}
	assert.GreaterOrEqual(t, len(pids), 3, "a new program every 700 ms")
	assert.Contains(t, logs.String(), "max-lifetime 700ms reached")
}

func TestNetsCrashBackoff(t *testing.T) {
	dir := docroot(t, map[string]string{"dies.go": `package main

import (
	"net/http"
	"os"
)

func init() { os.Exit(1) }

func Application(w http.ResponseWriter, r *http.Request) {}
`})
	_, ts, logs := start(t, dir, nil)
	logsOnFailure(t, logs)
	// The first request builds the page, and its start fails.
	code, _, _, _, err := fetch(t, ts.URL+"/dies")
	require.NoError(t, err)
	require.Equal(t, 502, code)
	// Three quick deaths, then a start after 1 s, and one after 2 s more:
	// every other request is refused without a start.
	var sequence []int
	var starts []time.Time
	deadline := time.Now().Add(20 * time.Second)
	for len(starts) < 4 && time.Now().Before(deadline) {
		code, _, h, _, err := fetch(t, ts.URL+"/dies")
		require.NoError(t, err)
		sequence = append(sequence, code)
		switch code {
		case 502:
			starts = append(starts, time.Now())
		case 503:
			assert.NotEmpty(t, h.Get("Retry-After"))
		default:
			t.Fatalf("GET /dies: %d", code)
		}
		time.Sleep(25 * time.Millisecond)
	}
	require.Len(t, starts, 4, "%v", sequence)
	// The first build also starts the program (the last good program's
	// swap, see buildLoop): the first quick deaths may come before the
	// loop's requests. From the third on, the starts are spaced.
	assert.GreaterOrEqual(t, starts[2].Sub(starts[1]), 900*time.Millisecond, "then one after 1 s")
	assert.GreaterOrEqual(t, starts[3].Sub(starts[2]), 1900*time.Millisecond, "then one after 2 s")
	assert.Greater(t, len(sequence)-len(starts), 50, "the requests between are refused")
	// One line per start (past the third, per backoff step), none per
	// refused request.
	log := logs.String()
	exitedLines := strings.Count(log, `msg="page program exited at start"`)
	backoffLines := strings.Count(log, `msg="page program keeps crashing at start: backing off"`)
	assert.Equal(t, 2, exitedLines, "the first two starts")
	assert.GreaterOrEqual(t, backoffLines, 3, "one line per backoff step")
	assert.LessOrEqual(t, exitedLines+backoffLines, len(starts)+2, "one line per start, none per refused request")
	assert.NotContains(t, log, "failed to start", "the exit's line says it all")
}

// inFlightResult is what a request sent by inFlight got.
type inFlightResult struct {
	code int
	body string
	err  error
}

// inFlight GETs url in the background and returns once the request has
// had half a second to reach its handler; the channel gives its result.
func inFlight(t testing.TB, url string) <-chan inFlightResult {
	done := make(chan inFlightResult, 1)
	go func() {
		code, body, _, _, err := fetch(t, url)
		done <- inFlightResult{code, body, err}
	}()
	time.Sleep(500 * time.Millisecond) // the request is in flight
	return done
}

func TestNetsShutdownKeepsInFlight(t *testing.T) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	s, ts, logs := start(t, dir, func(s *Server) { s.Settings.ShutdownTimeout = 6 * time.Second })
	logsOnFailure(t, logs)
	pid(t, ts.URL+"/nets")
	done := inFlight(t, ts.URL+"/nets/ignore?d=3s")
	// As gowebob serve does on SIGTERM: the HTTP server first, then the
	// page programs.
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	require.NoError(t, ts.Config.Shutdown(ctx))
	closed := time.Now()
	require.NoError(t, s.Close())
	r := <-done
	require.NoError(t, r.err)
	assert.Equal(t, 200, r.code)
	assert.True(t, strings.HasPrefix(r.body, "pid "), "body %q", r.body)
	assert.Greater(t, time.Since(closed), 2*time.Second, "Close waited for the request")
}

func TestNetsReloadKeepsInFlight(t *testing.T) {
	dir := docroot(t, map[string]string{"nets.go": netsPage})
	_, ts, logs := start(t, dir, func(s *Server) { s.Settings.ShutdownTimeout = 6 * time.Second })
	logsOnFailure(t, logs)
	first := pid(t, ts.URL+"/nets")
	done := inFlight(t, ts.URL+"/nets/ignore?d=3s")
	write(t, dir, "nets.go", strings.Replace(netsPage, `"pid %d"`, `"pid %d v2"`, 1))
	// The old program answers until the new one is built (the last good
	// program, see ready); then the new one answers new requests.
	var second string
	assert.Eventually(t, func() bool {
		code, body, _, _, err := fetch(t, ts.URL+"/nets")
		second = body
		return err == nil && code == 200 && strings.HasSuffix(body, " v2")
	}, 60*time.Second, 100*time.Millisecond, "the new program answers new requests: %q", second)
	assert.NotEqual(t, first, second)
	r := <-done
	require.NoError(t, r.err)
	assert.Equal(t, 200, r.code)
	assert.Equal(t, first, r.body, "the old program finishes the request in flight")
}
