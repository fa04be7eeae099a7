package serve

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

// TestCrashBackoffSparesBegunRequests checks that a program that dies in a
// request it began, however soon after it started, is started again for
// the next request: the crash backoff is for programs that die before they
// begin any.
func TestCrashBackoffSparesBegunRequests(t *testing.T) {
	dir := docroot(t, map[string]string{"raw.go": rawPage})
	for _, mode := range []struct {
		name  string
		start func(testing.TB, string, func(*Server)) (*Server, *httptest.Server, *testutil.SyncBuffer)
	}{{"proxied", startProxied}, {"handed over", start}} {
		t.Run(mode.name, func(t *testing.T) {
			_, ts, logs := mode.start(t, dir, nil)
			for i := range maxQuickDeaths + 2 {
				code, _ := get(t, ts.URL+"/raw/exit")
				assert.Equal(t, 502, code, "death %d", i+1)
			}
			code, body := get(t, ts.URL+"/raw/ok")
			assert.Equal(t, 200, code)
			assert.Equal(t, "raw /ok", body)
			assert.NotContains(t, logs.String(), "keeps crashing")
		})
	}
}
