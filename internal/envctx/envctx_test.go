package envctx

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
)

type otherKey struct{}

func TestNode(t *testing.T) {
	parent := context.WithValue(context.Background(), otherKey{}, "v")
	env := map[string]string{"SCRIPT_NAME": "/app"}
	n := new(Node)
	ctx := n.Init(parent, env)
	assert.Same(t, n, Of(ctx), "the node")
	assert.Equal(t, env, Of(ctx).Map(), "the map it was given")
	assert.Equal(t, "v", ctx.Value(otherKey{}), "the parent's values")
	assert.True(t, Used.Load())
	assert.Contains(t, n.String(), "WithValue")
	assert.Panics(t, func() { new(Node).Init(nil, env) }) //lint:ignore SA1012 a nil parent is what is tested
	assert.Nil(t, Of(context.Background()))
}

// TestOver: a node's keys go over its parent's environ, the key first and
// then the map, and Init starts afresh whatever the parent carries.
func TestOver(t *testing.T) {
	base := new(Node).Init(context.Background(), map[string]string{"A": "base", "B": "base", "C": "base"})
	id := new(Node).Over(base, "B", "id", nil)
	page := new(Node).Over(context.WithValue(id, otherKey{}, "v"), "C", "key", map[string]string{"C": "map", "D": "map"})
	tests := []struct {
		ctx  context.Context
		want map[string]string
	}{
		{base, map[string]string{"A": "base", "B": "base", "C": "base"}},
		{id, map[string]string{"A": "base", "B": "id", "C": "base"}},
		{page, map[string]string{"A": "base", "B": "id", "C": "map", "D": "map"}},
		{new(Node).Over(context.Background(), "", "", map[string]string{"E": "e"}), map[string]string{"E": "e"}},
		{new(Node).Init(page, map[string]string{"F": "f"}), map[string]string{"F": "f"}},
		// Mount adds to an outer SCRIPT_NAME.
		{new(Node).Mount(new(Node).Mount(base, "/app", nil), "/page", map[string]string{"E": "e"}),
			map[string]string{"A": "base", "B": "base", "C": "base", "SCRIPT_NAME": "/app/page", "E": "e"}},
	}
	for i, tt := range tests {
		n := Of(tt.ctx)
		require.NotNil(t, n, "case %d", i)
		assert.Equal(t, tt.want, n.Map(), "case %d: Map", i)
		m := map[string]string{"Z": "kept"}
		n.CopyTo(m)
		assert.Len(t, m, len(tt.want)+1, "case %d: CopyTo", i)
		for _, k := range []string{"A", "B", "C", "D", "E", "F", "SCRIPT_NAME", "Z"} {
			v, ok := n.Lookup(k)
			w, want := tt.want[k]
			assert.Equal(t, want, ok, "case %d: Lookup(%q) found", i, k)
			assert.Equal(t, w, v, "case %d: Lookup(%q)", i, k)
			if want {
				assert.Equal(t, w, m[k], "case %d: CopyTo's %q", i, k)
			}
		}
	}
	var none *Node
	_, ok := none.Lookup("A")
	assert.False(t, ok, "a nil node has no keys")
	none.CopyTo(map[string]string{})
}

// TestNodeAllocs: a node in memory the caller has, a lookup and a copy
// into a map with room cost nothing.
func TestNodeAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	env := map[string]string{"SCRIPT_NAME": "/app"}
	outer, n := new(Node), new(Node)
	ctx := outer.Init(context.Background(), env)
	m := make(map[string]string, 8)
	allocs := testing.AllocsPerRun(100, func() {
		c := n.Over(ctx, "PATH_INFO", "/x", env)
		if v, ok := Of(c).Lookup("SCRIPT_NAME"); !ok || v != "/app" {
			t.Fatal("no SCRIPT_NAME")
		}
		Of(c).CopyTo(m)
	})
	assert.Zero(t, allocs)
}
