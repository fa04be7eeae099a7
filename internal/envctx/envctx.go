// Package envctx is where an environ is kept in a context: the key
// request.NewContextWithEnviron and request.EnvironFromContext use, and a
// context node that a middleware allocating a struct per request anyway
// embeds, instead of the node context.WithValue allocates on its own.
package envctx

import (
	"context"
	"sync/atomic"
)

// Key is the context key of the environ. A struct type: it cannot collide
// with another package's keys and needs no allocation in an interface.
type Key struct{}

// Used records that a context has carried an environ: until then none
// does, and request.FromHTTP skips looking for one through the request
// context's chain of parents.
var Used atomic.Bool

// Node is a context that carries the environ env under Key, as
// context.WithValue(parent, Key{}, env) does. E is request.Environ: a map,
// which an interface holds without an allocation.
type Node[E any] struct {
	context.Context
	env E
}

// Init makes n parent with env, and returns n.
func (n *Node[E]) Init(parent context.Context, env E) context.Context {
	if parent == nil {
		panic("envctx: nil parent context") // as context.WithValue
	}
	if !Used.Load() {
		Used.Store(true)
	}
	n.Context, n.env = parent, env
	return n
}

// Value returns the environ for Key, else the parent's value.
func (n *Node[E]) Value(key any) any {
	if key == (Key{}) {
		return n.env
	}
	return n.Context.Value(key)
}

// String describes n as context.WithValue's does.
func (n *Node[E]) String() string {
	return contextName(n.Context) + ".WithValue(envctx.Key, environ)"
}

// contextName is how context.WithValue's String names its parent.
func contextName(c context.Context) string {
	if s, ok := c.(interface{ String() string }); ok {
		return s.String()
	}
	return "context"
}
