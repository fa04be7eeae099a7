package response

import "time"

// FreezeNow makes the package clock return t until the returned function
// restores it. Tests that call it must not run in parallel.
func FreezeNow(t time.Time) (restore func()) {
	old := nowFunc
	nowFunc = func() time.Time { return t }
	return func() { nowFunc = old }
}
