package middleware_test

import (
	"fmt"
	"net/http/httptest"
	"testing/fstest"

	"github.com/gowebob/gowebob/middleware"
)

// StaticWith serves home.htm for directories and sends its own URL to the
// directory's, as WebOb's DirectoryApp(index_page="home.htm",
// hide_index_with_redirect=True).
func ExampleStaticWith() {
	fsys := fstest.MapFS{
		"docs/home.htm": {Data: []byte("<h1>Docs</h1>")},
	}
	h := middleware.StaticWith(fsys, middleware.StaticOptions{IndexPage: "home.htm", HideIndex: true})
	for _, path := range []string{"/docs/", "/docs/home.htm?v=2", "/docs"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		fmt.Printf("%s %d %q %q\n", path, w.Code, w.Header().Get("Location"), w.Body.String())
	}
	// Output:
	// /docs/ 200 "" "<h1>Docs</h1>"
	// /docs/home.htm?v=2 301 "./?v=2" ""
	// /docs 301 "./docs/" ""
}
