// Command gowebob serves the bench corpus written with gowebob in-process, webob.Handle on an http.ServeMux (bench.Gowebob), on -addr, for load.sh.
package main

import (
	"github.com/gowebob/gowebob/bench"
	"github.com/gowebob/gowebob/bench/internal/server"
)

func main() { server.Main("gowebob", bench.Gowebob()) }
