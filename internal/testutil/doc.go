// Package testutil holds the helpers that the module's tests share: a
// loopback TCP connection pair and an HTTP response reader for wire-level
// tests, the loader of the golden files that Python WebOb wrote, and Race,
// which reports whether the race detector is on.
//
// Its files are ordinary (non-test) Go files so that the test files of other
// packages can import it; nothing outside tests should. It depends on the
// standard library and testify only, and never on the packages it tests, so
// that in-package tests can use it without an import cycle.
//
// Helpers take a [testing.TB], call its Helper method, and stop the test
// with FailNow (through testify's require) when they cannot do their job:
// they are for tests and may fail them, as net/http/httptest's NewRequest
// panics.
package testutil
