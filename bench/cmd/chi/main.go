// Command chi serves the bench corpus written with chi (bench.Chi) on -addr, for load.sh.
package main

import (
	"github.com/gowebob/gowebob/bench"
	"github.com/gowebob/gowebob/bench/internal/server"
)

func main() { server.Main("chi", bench.Chi()) }
