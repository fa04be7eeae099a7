//go:build race

package middleware

// raceEnabled skips allocation tests, which the race detector distorts.
const raceEnabled = true
