package serve

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gowebob/gowebob/webob"
)

const helloPage = `package main

import "net/http"

func Application(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("Hello World!"))
}
`

// BenchmarkFirstHit measures a page's first request on an empty program
// cache: go build (with Go's own build cache warm, as on a developer's
// machine after the first page) and starting the program. Each server is
// closed before the next starts, so that what it does after the request
// in the background does not slow the next one's.
func BenchmarkFirstHit(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		s, ts, _ := start(b, dir, nil)
		b.StartTimer()
		t0 := time.Now()
		if code, _ := get(b, ts.URL+"/hello"); code != 200 {
			b.Fatalf("status %d", code)
		}
		times = append(times, time.Since(t0))
		b.StopTimer()
		ts.Close()
		s.Close()
		b.StartTimer()
	}
	reportMedian(b, times)
}

// BenchmarkFirstHitKnownImports measures the first request to a new page
// whose imports a page the server built already has: a new page in a
// docroot being worked on.
func BenchmarkFirstHitKnownImports(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	s, ts, _ := start(b, dir, nil)
	get(b, ts.URL+"/hello")
	// The server learns what it needs for these imports after the first
	// build, in the background: let it.
	awaitFastConfig(b, s, helloPage)
	i := 0
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		i++
		name := fmt.Sprintf("hello%d", i)
		write(b, dir, name+".go", strings.Replace(helloPage, "Hello World!", name, 1))
		b.StartTimer()
		t0 := time.Now()
		if code, body := get(b, ts.URL+"/"+name); code != 200 || body != name {
			b.Fatalf("GET /%s = %d %q", name, code, body)
		}
		times = append(times, time.Since(t0))
	}
	reportMedian(b, times)
}

// reportMedian reports the median of times as median-ms: on a busy
// machine one slow build moves the mean a lot.
func reportMedian(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "median-ms")
}

// reportBuilds reports, from a Server's log, the median duration of the
// page builds after the first (the rebuilds an edit starts) as build-ms,
// and of the compile among them, for those the fast path made, as
// compile-ms: what the link and the go command take is the rest.
func reportBuilds(b *testing.B, logs string) {
	var builds, compiles []time.Duration
	for line := range strings.Lines(logs) {
		if !strings.Contains(line, `msg="built page"`) {
			continue
		}
		for _, f := range strings.Fields(line) {
			k, v, _ := strings.Cut(f, "=")
			d, err := time.ParseDuration(v)
			switch {
			case err != nil:
			case k == "duration":
				builds = append(builds, d)
			case k == "compile":
				compiles = append(compiles, d)
			}
		}
	}
	if len(builds) < 2 {
		return
	}
	median := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2]) / float64(time.Millisecond)
	}
	b.ReportMetric(median(builds[1:]), "build-ms")
	if len(compiles) > 0 {
		b.ReportMetric(median(compiles), "compile-ms")
	}
}

// editHello rewrites hello.go to answer its i-th version, which it returns.
func editHello(b *testing.B, dir string, i int) string {
	want := fmt.Sprintf("Hello %d", i)
	write(b, dir, "hello.go", strings.Replace(helloPage, "Hello World!", want, 1))
	return want
}

// BenchmarkRebuild measures how long after an edit the page answers with
// its new version: the build, in the background, and the start of the new
// program (requests meanwhile get the old one's answer).
func BenchmarkRebuild(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	_, ts, logs := start(b, dir, nil)
	get(b, ts.URL+"/hello")
	i := 0
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		i++
		want := editHello(b, dir, i)
		b.StartTimer()
		t0 := time.Now()
		awaitHello(b, ts.URL+"/hello", want)
		times = append(times, time.Since(t0))
	}
	reportMedian(b, times)
	reportBuilds(b, logs.String())
}

// awaitHello requests url until it answers want.
func awaitHello(b *testing.B, url, want string) {
	b.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		if _, body := get(b, url); body == want {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%q not served within a minute", want)
		}
	}
}

// BenchmarkHello compares the hello page through gowebob serve (its
// connections handed to the page's program, and proxied) with the same
// handler in-process, over loopback HTTP with keep-alive, from parallel
// clients.
func BenchmarkHello(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	_, handed, _ := start(b, dir, nil)
	get(b, handed.URL+"/hello")
	_, proxied, _ := startProxied(b, dir, nil)
	get(b, proxied.URL+"/hello")
	inProcess := httptest.NewServer(webob.MustAdapt(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Hello World!"))
	}))
	b.Cleanup(inProcess.Close)
	for _, bc := range []struct{ name, url string }{
		{"in-process", inProcess.URL + "/hello"},
		{"serve", handed.URL + "/hello"},
		{"serve-proxied", proxied.URL + "/hello"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(bc.url)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			})
		})
	}
}

// BenchmarkRequestDuringRebuild measures a request for a page that was
// just edited, while its new version builds, and then waits (untimed)
// until the new version answers.
func BenchmarkRequestDuringRebuild(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	_, ts, _ := start(b, dir, nil)
	get(b, ts.URL+"/hello")
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		want := editHello(b, dir, i)
		b.StartTimer()
		if code, _ := get(b, ts.URL+"/hello"); code != 200 {
			b.Fatalf("status %d", code)
		}
		b.StopTimer()
		awaitHello(b, ts.URL+"/hello", want)
		b.StartTimer()
	}
}

// BenchmarkEditThenLook measures a developer's loop: the page is edited,
// and requested 300 ms later (the time to switch to the browser), until
// it answers with the new version; timed from the edit. The file watcher
// starts the build at the edit, not at that request.
func BenchmarkEditThenLook(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	_, ts, logs := start(b, dir, nil)
	get(b, ts.URL+"/hello")
	i := 0
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		i++
		b.StartTimer()
		t0 := time.Now()
		want := editHello(b, dir, i)
		time.Sleep(300 * time.Millisecond)
		awaitHello(b, ts.URL+"/hello", want)
		times = append(times, time.Since(t0))
	}
	reportMedian(b, times)
	reportBuilds(b, logs.String())
}
