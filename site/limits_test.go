package site

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunRequestTimeout checks that a page's request context ends at
// RequestTimeout with context.DeadlineExceeded, and that a request
// without one has none.
func TestRunRequestTimeout(t *testing.T) {
	t.Parallel()
	s := &Site{Pages: []Page{
		{File: "wait.go", App: func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
			io.WriteString(w, r.Context().Err().Error())
		}},
		{File: "deadline.go", App: func(w http.ResponseWriter, r *http.Request) {
			_, ok := r.Context().Deadline()
			if ok {
				io.WriteString(w, "deadline")
			}
		}},
	}}
	for _, tt := range []struct {
		timeout time.Duration
		target  string
		want    string
	}{
		{20 * time.Millisecond, "/wait", "context deadline exceeded"},
		{20 * time.Millisecond, "/deadline", "deadline"},
		{-1, "/deadline", ""},
	} {
		h, _, err := s.serving(Options{RequestTimeout: tt.timeout, NoAccessLog: true}.withDefaults())
		require.NoError(t, err)
		code, body := get(t, newTestServer(t, h)+tt.target)
		assert.Equal(t, 200, code)
		assert.Equal(t, tt.want, body, "%s with RequestTimeout %v", tt.target, tt.timeout)
	}
}

// TestRequestTimeoutAfterTurn checks that the request timeout starts when
// the page gets its turn, as in a gowebob serve page program: a request
// that waited for one still has the whole timeout.
func TestRequestTimeoutAfterTurn(t *testing.T) {
	const timeout, held = time.Minute, 300 * time.Millisecond
	started := make(chan struct{}, 1)
	var left time.Duration
	s := &Site{Pages: []Page{{File: "one.go", App: func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("hold") {
			started <- struct{}{}
			time.Sleep(held)
			return
		}
		d, _ := r.Context().Deadline()
		left = time.Until(d)
	}}}}
	h, _, err := s.serving(Options{MaxRequestsPerPage: 1, RequestTimeout: timeout}.withDefaults())
	require.NoError(t, err)
	srv := newTestServer(t, h)
	go func() {
		if resp, err := http.Get(srv + "/one?hold"); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	start := time.Now()
	code, _ := get(t, srv+"/one")
	require.Equal(t, 200, code)
	require.Greater(t, time.Since(start), held/2, "the second request waited for its turn")
	assert.Greater(t, left, timeout-held/2, "the wait for the turn is not taken from the timeout")
}
