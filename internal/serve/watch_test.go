package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeBuildsOnChange: an edit to a page, or to a helper package it
// imports, is built as soon as it is saved, without a request asking for
// it; the next request gets the new version at once.
func TestServeBuildsOnChange(t *testing.T) {
	dir := docroot(t, map[string]string{
		"page.go":            strings.Replace(rawPage, "raw %s", "v1 %s", 1),
		"greet.go":           greetPage,
		"lib/greet/greet.go": "package greet\n\nfunc Text() string { return \"hello\" }\n",
	})
	_, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	_, body := get(t, ts.URL+"/page")
	require.Equal(t, "v1 ", body)
	_, body = get(t, ts.URL+"/greet")
	require.Equal(t, "hello", body)
	builds := func() int { return strings.Count(logs.String(), `msg="built page"`) }
	awaitBuilds := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); builds() < n; time.Sleep(10 * time.Millisecond) {
			require.True(t, time.Now().Before(deadline), "no build %d within a minute", n)
		}
	}
	require.Equal(t, 2, builds())

	write(t, dir, "page.go", strings.Replace(rawPage, "raw %s", "v2 %s", 1))
	awaitBuilds(3)
	// Built, the new program starts before it replaces the old one.
	await(t, ts.URL+"/page", 200, "v2 ", "v1 ")

	write(t, dir, "lib/greet/greet.go", "package greet\n\nfunc Text() string { return \"changed\" }\n")
	awaitBuilds(4)
	await(t, ts.URL+"/greet", 200, "changed", "hello")
	assert.Contains(t, logs.String(), `msg="built page" page=greet.go`)
}
