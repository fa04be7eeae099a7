//go:build !race

package docroot_test

const raceEnabled = false
