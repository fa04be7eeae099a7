package reqcopy

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
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

// TestMount: the URL path is the path info, SCRIPT_NAME grows by the
// prefix over the outer environ, the mount's keys go over both, and r is
// left as it is.
func TestMount(t *testing.T) {
	r := httptest.NewRequest("GET", "/app/page/x%2Fy?q=1", nil)
	outer := request.NewContextWithEnviron(r.Context(), request.Environ{"SCRIPT_NAME": "/app", "A": "outer"})
	r = r.WithContext(outer)
	got := Mount(r, "/page", "/x/y", map[string]string{"A": "page"})
	assert.Equal(t, "/x/y", got.URL.Path)
	assert.Empty(t, got.URL.RawPath)
	assert.Equal(t, "q=1", got.URL.RawQuery)
	env, ok := request.EnvironFromContext(got.Context())
	require.True(t, ok)
	assert.Equal(t, request.Environ{"SCRIPT_NAME": "/app/page", "A": "page"}, env)
	assert.Equal(t, "/app/page/x/y", r.URL.Path, "r is left as it is")
	assert.Equal(t, "/app", request.FromHTTP(r, "").ScriptName())

	bare := Mount(httptest.NewRequest("GET", "/p", nil), "/p", "", nil)
	env, _ = request.EnvironFromContext(bare.Context())
	assert.Equal(t, request.Environ{"SCRIPT_NAME": "/p"}, env, "no outer environ")
}

// TestMountAllocs: the node and both copies are one allocation.
func TestMountAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	r := httptest.NewRequest("GET", "/p/x", nil)
	env := map[string]string{"A": "b"}
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { Mount(r, "/p", "/x", env) }))
	due := time.Now().Add(time.Hour)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() {
		_, dl := MountUntil(r, "/p", "/x", env, due)
		dl.Release()
	}), "MountUntil, the deadline in the same allocation")
}

// TestMountUntil: Mount's copy, whose context ends at the deadline unless
// the parent's ends first; the environ and values show through it.
func TestMountUntil(t *testing.T) {
	r := httptest.NewRequest("GET", "/p/x", nil)
	r = r.WithContext(context.WithValue(r.Context(), key{}, "v"))
	due := time.Now().Add(time.Hour)
	got, dl := MountUntil(r, "/p", "/x", map[string]string{"A": "page"}, due)
	require.NotNil(t, dl)
	defer dl.Release()
	assert.Equal(t, "/x", got.URL.Path)
	d, ok := got.Context().Deadline()
	assert.True(t, ok)
	assert.Equal(t, due, d)
	assert.Equal(t, "v", got.Context().Value(key{}))
	env, _ := request.EnvironFromContext(got.Context())
	assert.Equal(t, request.Environ{"SCRIPT_NAME": "/p", "A": "page"}, env)

	got, dl = MountUntil(r, "/p", "/x", nil, time.Time{})
	assert.Nil(t, dl, "no deadline")
	_, ok = got.Context().Deadline()
	assert.False(t, ok)

	soon, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	got, dl = MountUntil(r.WithContext(soon), "/p", "", nil, due)
	assert.Nil(t, dl, "the parent ends first")
	d, _ = got.Context().Deadline()
	assert.True(t, d.Before(due))

	past := time.Now().Add(-time.Second)
	got, dl = MountUntil(r, "/p", "", nil, past)
	require.NotNil(t, dl)
	<-got.Context().Done()
	assert.ErrorIs(t, got.Context().Err(), context.DeadlineExceeded)
	dl.Release()
}
