package site_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing/fstest"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/site"
)

// A Site is what gowebob build generates for a docroot: its pages, and its
// other files. Its Handler maps URLs as gowebob serve does.
func ExampleSite_Handler() {
	hello := func(req *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText("hello from " + req.ScriptName() + ", path info " + strconv.Quote(req.PathInfo()))
		return resp, nil
	}
	s := &site.Site{
		Pages: []site.Page{{File: "hello.go", App: hello}},
		Files: site.NewFS(fstest.MapFS{"style.css": {Data: []byte("body{}")}}, []site.File{
			{Name: "style.css", Mode: 0o644, Size: 6, ModTime: 1700000000000000000},
		}),
	}
	h, err := s.Handler()
	if err != nil {
		panic(err)
	}
	for _, target := range []string{"/hello/a/b", "/hello.go", "/style.css", "/go.mod"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		body, _ := io.ReadAll(w.Result().Body)
		fmt.Printf("%s: %d %s\n", target, w.Code, firstLine(body))
	}
	// Output:
	// /hello/a/b: 200 hello from /hello, path info "/a/b"
	// /hello.go: 200 hello from /hello.go, path info ""
	// /style.css: 200 body{}
	// /go.mod: 404 404 Not Found
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}

// ParseProxies reads the -trusted-proxies flag: addresses and networks.
func ExampleParseProxies() {
	prefixes, err := site.ParseProxies("127.0.0.1, 10.0.0.0/8, ::1")
	fmt.Println(prefixes, err)
	_, err = site.ParseProxies("nginx")
	fmt.Println(err)
	// Output:
	// [127.0.0.1/32 10.0.0.0/8 ::1/128] <nil>
	// site: trusted proxy "nginx": ParseAddr("nginx"): unable to parse IP
}

// Run serves a Site on a listener until its context ends, then drains.
func ExampleRun() {
	hello := func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello\n") }
	s := &site.Site{Pages: []site.Page{{File: "hello.go", App: hello}}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- site.Run(ctx, s, ln, site.Options{Logger: slog.New(slog.DiscardHandler)}) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/hello")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(resp.Status, " ", string(body))
	stop()
	fmt.Println("Run returned", <-done)
	// Output:
	// 200 OK hello
	// Run returned <nil>
}
