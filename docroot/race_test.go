//go:build race

package docroot_test

// raceEnabled skips allocation tests, which the race detector distorts.
const raceEnabled = true
