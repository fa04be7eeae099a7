package serve

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOnceLog(t *testing.T) {
	t.Parallel()
	type call struct {
		page, key string
		want      bool
	}
	tests := []struct {
		name  string
		calls []call
	}{
		{"a failure once", []call{{"a.go", "k1", true}, {"a.go", "k1", false}, {"a.go", "k1", false}}},
		{"a new failure", []call{{"a.go", "k1", true}, {"a.go", "k2", true}, {"a.go", "k2", false}}},
		{"back to an earlier failure", []call{{"a.go", "k1", true}, {"a.go", "k2", true}, {"a.go", "k1", true}}},
		{"pages apart", []call{{"a.go", "k1", true}, {"b.go", "k1", true}, {"a.go", "k1", false}, {"b.go", "k1", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var o onceLog
			for i, c := range tt.calls {
				assert.Equal(t, c.want, o.first(c.page, c.key), "call %d: first(%q, %q)", i, c.page, c.key)
			}
		})
	}
}

func TestOnceLogConcurrent(t *testing.T) {
	t.Parallel()
	var o onceLog
	var n atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if o.first("a.go", "k") {
				n.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), n.Load(), "first from 50 goroutines: true once")
}

// TestServeCompileErrorLoggedOnce requests a page that does not compile
// again and again: its compiler output is logged once for each failing
// state of its source.
func TestServeCompileErrorLoggedOnce(t *testing.T) {
	const bad1 = "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) { nope() }\n"
	const bad2 = "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) { other() }\n"
	dir := docroot(t, map[string]string{"bad.go": bad1})
	_, ts, logs := start(t, dir, nil)
	count := func() int { return strings.Count(logs.String(), `msg="page does not compile"`) }
	steps := []struct {
		src      string // written before the requests, if not ""
		requests int
		want     int
	}{
		{"", 20, 1},
		{bad2, 5, 2},
		{bad1, 5, 3},
		{"", 5, 3},
	}
	for i, st := range steps {
		if st.src != "" {
			write(t, dir, "bad.go", st.src)
		}
		var wg sync.WaitGroup
		for range st.requests {
			wg.Go(func() {
				resp, err := http.Get(ts.URL + "/bad")
				if assert.NoError(t, err) {
					resp.Body.Close()
					assert.Equal(t, 500, resp.StatusCode)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, st.want, count(), "step %d: records of the compiler output", i)
	}
	assert.Equal(t, 2, strings.Count(logs.String(), "undefined: nope"))
	assert.Equal(t, 1, strings.Count(logs.String(), "undefined: other"))
}
