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
// machine after the first page) and starting the program.
func BenchmarkFirstHit(b *testing.B) {
	dir := docroot(b, map[string]string{"hello.go": helloPage})
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		_, ts, _ := start(b, dir, nil)
		b.StartTimer()
		t0 := time.Now()
		if code, _ := get(b, ts.URL+"/hello"); code != 200 {
			b.Fatalf("status %d", code)
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
	_, ts, _ := start(b, dir, nil)
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
	_, ts, _ := start(b, dir, nil)
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
}
