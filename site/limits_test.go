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
