// Command gin serves the bench corpus written with gin (bench.Gin) on -addr, for load.sh.
package main

import (
	"github.com/gowebob/gowebob/bench"
	"github.com/gowebob/gowebob/bench/internal/server"
)

func main() { server.Main("gin", bench.Gin()) }
