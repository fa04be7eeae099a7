// hello.go is the seed's raw hello page (hello.py) as a page of this
// docroot: gowebob serve mounts it at /hello.go and /hello. It answers like
// pages.Hello, with its greeting from the docroot's own helper package.
package main

import (
	"io"
	"net/http"
	"strconv"

	"site/lib/greet"
)

// Application answers every request with the hello page, "Content-Type:
// text/html" and its Content-Length.
func Application(w http.ResponseWriter, r *http.Request) {
	body := "<html><body><h1>" + greet.Hello("world") + "</h1></body></html>"
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	io.WriteString(w, body)
}
