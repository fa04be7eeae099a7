// Command nethttp serves the bench corpus written with net/http alone (bench.NetHTTP) on -addr, for load.sh.
package main

import (
	"github.com/gowebob/gowebob/bench"
	"github.com/gowebob/gowebob/bench/internal/server"
)

func main() { server.Main("nethttp", bench.NetHTTP()) }
