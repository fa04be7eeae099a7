//go:build race

package response_test

// raceEnabled skips allocation tests, which the race detector distorts.
const raceEnabled = true
