package serve

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPanicLoggedOnce: a page that panics on every request answers each
// with a 500, and its program logs the panic's stack once (once per 10 s),
// one frame a line, naming the page's file as in the docroot, and the count
// of the others when it stops.
func TestPanicLoggedOnce(t *testing.T) {
	dir := docroot(t, map[string]string{"sub/raw.go": rawPage, "webob.go": webobPage})
	s, ts, logs := start(t, dir, nil)
	logsOnFailure(t, logs)
	for _, tt := range []struct{ url, value, frame string }{
		{"/sub/raw/panic", "page panic", `line="  main.Application sub/raw.go:`},
		{"/webob/panic", "webob panic", `line="  main.Application webob.go:`},
	} {
		for i := range 200 {
			code, _ := get(t, ts.URL+tt.url)
			require.Equal(t, 500, code, "GET %s, request %d", tt.url, i)
		}
		log := logs.String()
		assert.Equal(t, 1, strings.Count(log, "webob: panic: "+tt.value), "GET %s: the panic is logged once", tt.url)
		assert.Equal(t, 1, strings.Count(log, tt.frame), "GET %s: the stack once, one frame a line, the page's file named", tt.url)
	}
	log := logs.String()
	assert.NotContains(t, log, ".gowebob/build")
	assert.NotContains(t, log, "page output dropped")

	// The program logs the count left when it stops.
	ts.Close()
	require.NoError(t, s.Close())
	assert.Contains(t, logs.String(), `error=\"webob: panic: page panic\" repeated=199"`)
}
