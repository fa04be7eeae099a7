// Command echo serves the bench corpus written with echo (bench.Echo) on -addr, for load.sh.
package main

import (
	"github.com/gowebob/gowebob/bench"
	"github.com/gowebob/gowebob/bench/internal/server"
)

func main() { server.Main("echo", bench.Echo()) }
