// Package browsertest drives gowebob serve -dev from a real browser:
// Debian's chromium, headless, through chromedp. It is a module of its own
// (as bench/ is) so that chromedp never enters the main module's
// dependencies; run it with
//
//	cd browsertest && go test ./...
//
// The test skips, saying why, when no chromium is installed
// (apt-get install -y chromium). .ci/run installs it and runs the test.
package browsertest
