package envctx

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

type environ map[string]string

type otherKey struct{}

func TestNode(t *testing.T) {
	parent := context.WithValue(context.Background(), otherKey{}, "v")
	env := environ{"SCRIPT_NAME": "/app"}
	n := new(Node[environ])
	ctx := n.Init(parent, env)
	assert.Equal(t, env, ctx.Value(Key{}), "the environ")
	assert.Equal(t, "v", ctx.Value(otherKey{}), "the parent's values")
	assert.True(t, Used.Load())
	want := context.WithValue(parent, Key{}, env)
	assert.Equal(t, want.Value(Key{}), ctx.Value(Key{}), "as context.WithValue")
	assert.Contains(t, n.String(), "WithValue")
	assert.Panics(t, func() { new(Node[environ]).Init(nil, env) }) //lint:ignore SA1012 a nil parent is what is tested
}

// TestNodeAllocs: the node, in memory the caller has, and a lookup cost
// nothing.
func TestNodeAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	env := environ{"SCRIPT_NAME": "/app"}
	n := new(Node[environ])
	ctx := context.Background()
	allocs := testing.AllocsPerRun(100, func() {
		c := n.Init(ctx, env)
		if _, ok := c.Value(Key{}).(environ); !ok {
			t.Fatal("no environ")
		}
	})
	assert.Zero(t, allocs)
}
