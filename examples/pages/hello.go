package pages

import (
	"io"
	"net/http"
	"strconv"
)

// helloBody is hello.py's body.
const helloBody = "<html><body><h1>Hello, world!</h1></body></html>"

// Hello is the seed's raw hello page (hello.py) as a plain net/http handler:
// it answers every request with the same small HTML page, with
// "Content-Type: text/html" (no charset, as hello.py) and its Content-Length.
func Hello(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html")
	h.Set("Content-Length", strconv.Itoa(len(helloBody)))
	io.WriteString(w, helloBody)
}
