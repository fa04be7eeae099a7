// Package bench compares gowebob with raw net/http, gin, echo and chi on one
// shared corpus of requests (Corpus), each item answered by the same handler
// logic written idiomatically for every framework (NetHTTP, Gowebob, Gin,
// Echo, Chi).
//
// It is its own module so that gin, echo and chi never enter the main
// module's requirements. The in-process figures come from
//
//	go test -bench . -benchmem
//
// and the loopback figures from load.sh; README.md explains both.
//
// # What it does not promise
//
// The handlers are benchmark fixtures, not examples of good pages: they
// echo what they read as plain text so that every framework's answer can be
// compared byte for byte (TestCorpusEqual).
package bench
