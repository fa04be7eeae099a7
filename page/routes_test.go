package page

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/fswatch"
	"github.com/gowebob/gowebob/internal/pageproto"
)

func TestRoutesBounded(t *testing.T) {
	s := &lendServer{watch: fswatch.New()}
	t.Cleanup(func() { s.watch.Close() })
	for i := range 3 * maxRoutes {
		s.remember(&pageproto.Route{Path: fmt.Sprintf("/page/%d", i)})
		require.LessOrEqual(t, s.nroutes.Load(), int64(maxRoutes))
	}
	n := 0
	s.routes.Range(func(any, any) bool { n++; return true })
	assert.LessOrEqual(t, n, maxRoutes, "a page with PATH_INFO cannot grow the table without bound")
	assert.NotNil(t, s.route(fmt.Sprintf("/page/%d", 3*maxRoutes-1), s.watch.Ticket()), "the newest route is kept")
	s.remember(&pageproto.Route{Path: "/page/0"})
	s.remember(&pageproto.Route{Path: "/page/0"})
	assert.NotNil(t, s.route("/page/0", s.watch.Ticket()))
}

func TestRouteChecks(t *testing.T) {
	s := &lendServer{watch: fswatch.New()}
	t.Cleanup(func() { s.watch.Close() })
	file := t.TempDir() + "/page.go"
	missing := pageproto.StatCheck(file)
	s.remember(&pageproto.Route{Path: "/page", Checks: []pageproto.Check{missing}})
	s.watch.Add(file)
	assert.NotNil(t, s.route("/page", s.watch.Ticket()), "the files are as the server saw them")
	assert.NotNil(t, s.route("/page", s.watch.Ticket()))
	require.NoError(t, writeFile(file))
	assert.Nil(t, s.route("/page", s.watch.Ticket()), "a file the route depends on appeared")
	assert.Nil(t, s.route("/page", s.watch.Ticket()), "and the route is forgotten")
	assert.Zero(t, s.nroutes.Load())
}

func writeFile(name string) error { return os.WriteFile(name, []byte("package main\n"), 0o644) }
