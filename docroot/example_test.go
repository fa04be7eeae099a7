package docroot_test

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gowebob/gowebob/docroot"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
	"github.com/gowebob/gowebob/webob"
)

// folder is a docroot in memory whose .go files are all pages.
type folder fstest.MapFS

func (f folder) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(fstest.MapFS(f), name) }
func (f folder) IsPage(name string, _ fs.FileInfo) bool { return strings.HasSuffix(name, ".go") }

// Resolve maps a URL path to a page, with SCRIPT_NAME and PATH_INFO, or to
// a static file; dot segments are removed first, and hidden files are not
// found.
func ExampleResolve() {
	site := folder{
		"index.go":       {},
		"inspect.go":     {},
		"admin/index.go": {},
		"style.css":      {},
		"go.mod":         {},
	}
	for _, p := range []string{"/inspect/a/b", "/inspect.go/a/./b/../c", "/admin/", "/", "/style.css", "/go.mod", "/../inspect.go"} {
		t := docroot.Resolve(site, p)
		fmt.Printf("%-22s %-8s %-14s SCRIPT_NAME=%q PATH_INFO=%q\n", p, t.Kind, t.File, t.ScriptName, t.PathInfo)
	}
	// Output:
	// /inspect/a/b           Page     inspect.go     SCRIPT_NAME="/inspect" PATH_INFO="/a/b"
	// /inspect.go/a/./b/../c Page     inspect.go     SCRIPT_NAME="/inspect.go" PATH_INFO="/a/c"
	// /admin/                Page     admin/index.go SCRIPT_NAME="/admin" PATH_INFO="/"
	// /                      Page     index.go       SCRIPT_NAME="" PATH_INFO="/"
	// /style.css             Static   style.css      SCRIPT_NAME="/style.css" PATH_INFO=""
	// /go.mod                NotFound                SCRIPT_NAME="" PATH_INFO=""
	// /../inspect.go         NotFound                SCRIPT_NAME="" PATH_INFO=""
}

// Clean removes dot segments as Apache does, keeping repeated and trailing
// slashes, and refuses to climb above "/".
func ExampleClean() {
	for _, p := range []string{"/a/./b/../c", "/a/b/..", "//a//b/", "/a/../../etc/passwd"} {
		clean, ok := docroot.Clean(p)
		fmt.Printf("%q %v\n", clean, ok)
	}
	// Output:
	// "/a/c" true
	// "/a/" true
	// "//a//b/" true
	// "" false
}

// A Dispatcher serves handlers mounted by file name with gowebob serve's
// mapping, as mod_wsgi maps script files to URLs.
func ExampleDispatcher() {
	var d docroot.Dispatcher
	d.Mount("hello.go", webob.Handle(func(req *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("script=%s path=%s", req.ScriptName(), req.PathInfo()))
		return resp, nil
	}))
	for _, target := range []string{"/hello.go", "/hello/extra", "/hello/a/./b/../c", "/missing"} {
		w := httptest.NewRecorder()
		d.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Body.String())
	}
	// Output:
	// 200 script=/hello.go path=
	// 200 script=/hello path=/extra
	// 200 script=/hello path=/a/c
	// 404 404 Not Found
	//
	// The resource could not be found.
}

// A Dispatcher with Static knows the folder's other files: a static file
// is served, and a folder hides the pretty URL of the page beside it, as
// under gowebob serve.
func ExampleDispatcher_static() {
	var d docroot.Dispatcher
	d.Static = fstest.MapFS{
		"shop/logo.txt": {Data: []byte("logo\n")},
		"shop/util.go":  {Data: []byte("package shop\n")},
	}
	d.Mount("shop.go", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "shop, path info %q\n", r.URL.Path)
	}))
	for _, target := range []string{"/shop.go/cart", "/shop/logo.txt", "/shop/util.go", "/shop"} {
		w := httptest.NewRecorder()
		d.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Printf("%s: %d %s", target, w.Code, strings.SplitAfter(w.Body.String(), "\n")[0])
	}
	// Output:
	// /shop.go/cart: 200 shop, path info "/cart"
	// /shop/logo.txt: 200 logo
	// /shop/util.go: 404 404 Not Found
	// /shop: 404 404 Not Found
}

// Match and ServeTarget let a layer act on where a request leads before
// it is served, with the path resolved once: here, counting each page's
// requests, as a built program's metrics and per-page limits do.
func ExampleDispatcher_ServeTarget() {
	d := &docroot.Dispatcher{Static: fstest.MapFS{"style.css": {Data: []byte("p{}")}}}
	d.Mount("shop.go", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "shop %s", r.URL.Path)
	}))
	counts := map[string]int{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, t := d.Match(r.URL.Path)
		if t.Kind == docroot.Page {
			counts[t.File]++
		}
		d.ServeTarget(w, r, t)
	})
	for _, target := range []string{"/shop/cart", "/style.css", "/shop.go/items"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(target, w.Code, w.Body)
	}
	fmt.Println(counts)
	// Output:
	// /shop/cart 200 shop /cart
	// /style.css 200 p{}
	// /shop.go/items 200 shop /items
	// map[shop.go:2]
}

// MountEnviron gives a page environ keys of its own, which its requests
// see beside SCRIPT_NAME: facts about the page that never change.
func ExampleDispatcher_MountEnviron() {
	var d docroot.Dispatcher
	page := webob.Handle(func(req *request.Request) (*response.Response, error) {
		resp := response.New()
		resp.SetContentType("text/plain")
		resp.SetText(fmt.Sprintf("%s %s %s", req.ScriptName(), req.Environ["gowebob.page"], req.PathInfo()))
		return resp, nil
	})
	d.MountEnviron("shop/cart.go", page, request.Environ{"gowebob.page": "shop/cart.go"})
	w := httptest.NewRecorder()
	d.ServeHTTP(w, httptest.NewRequest("GET", "/shop/cart/items", nil))
	fmt.Println(w.Body)
	// Output:
	// /shop/cart shop/cart.go /items
}

// A Dispatcher with a Timeout ends each page's request context that long
// after the page gets it: a page that waits on its context stops then.
func ExampleDispatcher_timeout() {
	d := docroot.Dispatcher{Timeout: 10 * time.Millisecond}
	d.Mount("report.go", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			http.Error(w, "report: "+r.Context().Err().Error(), http.StatusServiceUnavailable)
		case <-time.After(time.Minute): // the slow work
			fmt.Fprintln(w, "done")
		}
	}))
	w := httptest.NewRecorder()
	d.ServeHTTP(w, httptest.NewRequest("GET", "/report", nil))
	fmt.Print(w.Code, " ", w.Body.String())
	// Output:
	// 503 report: context deadline exceeded
}
