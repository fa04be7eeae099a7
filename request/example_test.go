package request_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// A Request is built from an *http.Request inside a handler, and every
// WebOb property is a method.
func ExampleRequest() {
	h := http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		req := request.FromHTTP(hr, "/app")
		defer req.Close()
		params, err := req.Params()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "%s %s\n", req.Method(), req.URL())
		fmt.Fprintf(w, "script=%s path=%s\n", req.ScriptName(), req.PathInfo())
		fmt.Fprintf(w, "name=%s tags=%v\n", params.Get("name"), params.GetAll("tag"))
	})
	hr := httptest.NewRequest("POST", "http://example.com/app/users/7?tag=a&tag=b", strings.NewReader("name=Ada+Lovelace"))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, hr)
	fmt.Print(w.Body.String())
	// Output:
	// POST http://example.com/app/users/7?tag=a&tag=b
	// script=/app path=/users/7
	// name=Ada Lovelace tags=[a b]
}

// New builds a Request from a CGI/WSGI environ, as a CGI server hands it
// over.
func ExampleNew() {
	req := request.New(request.Environ{
		"REQUEST_METHOD":  "GET",
		"SCRIPT_NAME":     "/shop",
		"PATH_INFO":       "/cart",
		"QUERY_STRING":    "item=1;item=2",
		"SERVER_NAME":     "example.com",
		"SERVER_PORT":     "443",
		"wsgi.url_scheme": "https",
	}, nil)
	get, _ := req.GET()
	fmt.Println(req.HostURL())
	fmt.Println(req.ApplicationURL())
	fmt.Println(req.URL())
	fmt.Println(get.GetAll("item"))
	// Output:
	// https://example.com
	// https://example.com/shop
	// https://example.com/shop/cart?item=1;item=2
	// [1 2]
}

// Blank makes requests for tests, as WebOb's Request.blank.
func ExampleBlank() {
	req, err := request.Blank("/search?q=go+web", &request.BlankOptions{
		BaseURL: "http://localhost:8080/app",
		POST:    []request.Item{{Key: "page", Value: "2"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	params, _ := req.Params()
	fmt.Println(req.Method(), req.URL())
	fmt.Println(params.Get("q"), params.Get("page"))
	// Output:
	// POST http://localhost:8080/app/search?q=go+web
	// go web 2
}

// PathInfoPop moves one segment from PATH_INFO to SCRIPT_NAME, the way a
// WebOb application dispatches to sub-applications.
func ExampleRequest_PathInfoPop() {
	req := webobtest.NewRequest("/blog//2024/post/", nil)
	for {
		seg, ok := req.PathInfoPop()
		if !ok {
			break
		}
		fmt.Printf("%q script=%q path=%q\n", seg, req.ScriptName(), req.PathInfo())
	}
	// Output:
	// "blog" script="/blog" path="//2024/post/"
	// "2024" script="/blog//2024" path="/post/"
	// "post" script="/blog//2024/post" path="/"
	// "" script="/blog//2024/post/" path=""
}

// GET keeps repeated keys and wire order; Get returns the last value, as
// WebOb's md[key] does.
func ExampleRequest_GET() {
	req := webobtest.NewRequest("/?a=1&b=x+y&a=2&flag", nil)
	get, _ := req.GET()
	for k, v := range get.All() {
		fmt.Printf("%s=%q;", k, v)
	}
	fmt.Println()
	fmt.Println(get.Get("a"), get.GetAll("a"), get.Has("flag"))
	// Output:
	// a="1";b="x y";a="2";flag="";
	// 2 [1 2] true
}
