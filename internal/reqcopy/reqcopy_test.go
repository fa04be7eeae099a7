package reqcopy

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

type key struct{}

// testRequest is a request's copy in an allocation of its caller's, with
// what else the caller keeps.
type testRequest struct {
	http.Request
	other int
}

func TestWithContext(t *testing.T) {
	r := httptest.NewRequest("GET", "/a?b=c", nil)
	ctx := context.WithValue(r.Context(), key{}, "v")
	dst := new(testRequest)
	got := WithContext(&dst.Request, r, ctx)
	assert.Same(t, &dst.Request, got, "the copy is dst")
	assert.Zero(t, dst.other)
	assert.Equal(t, "v", got.Context().Value(key{}))
	assert.Nil(t, r.Context().Value(key{}), "r is left as it is")
	assert.Same(t, r.URL, got.URL, "a shallow copy, as WithContext's")
	assert.Equal(t, r.Method, got.Method)
	assert.Panics(t, func() { WithContext(&dst.Request, r, nil) }, "a nil context, as WithContext")
}

// TestWithContextAllocs: the copy costs no allocation of its own.
func TestWithContextAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	r := httptest.NewRequest("GET", "/", nil)
	ctx := context.Background()
	dst := new(testRequest)
	n := testing.AllocsPerRun(100, func() { WithContext(&dst.Request, r, ctx) })
	assert.Zero(t, n, "WithContext allocations")
}
