//go:build !race

package testutil

// Race reports whether the race detector is on (go test -race). Allocation
// tests skip when it is: it makes the code allocate where it otherwise would
// not. .ci/run runs them once more without it.
const Race = false
