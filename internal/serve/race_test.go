//go:build race

package serve

// raceEnabled skips allocation tests, which the race detector distorts.
const raceEnabled = true
