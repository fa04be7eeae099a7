//go:build race

package request_test

// raceEnabled skips allocation tests, which the race detector distorts.
const raceEnabled = true
