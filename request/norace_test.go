//go:build !race

package request_test

const raceEnabled = false
