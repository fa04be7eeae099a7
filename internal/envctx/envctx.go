// Package envctx is where an environ is kept in a context: the key
// request.NewContextWithEnviron and request.EnvironFromContext use, and the
// context node that carries it.
//
// A node sets a few keys over the environ of the context it is made in
// (the layers of a site: RequestID's id, the Dispatcher's SCRIPT_NAME and a
// page's facts), rather than a copy of that environ with the keys added: a
// copy was a map per layer and per request. A middleware that allocates a
// struct per request anyway embeds the node in it.
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

// Node is a context that carries an environ under Key: the environ of an
// outer node (the one its parent context carries, for a node made by
// Over), then key set to val, then the keys of env. Its zero value is not
// a context: Init or Over makes it one.
type Node struct {
	context.Context
	outer    *Node
	key, val string            // "" key: none
	env      map[string]string // kept, never changed
}

// Init makes n a child of parent that carries env alone, whatever environ
// parent carries (as context.WithValue(parent, Key{}, env) would), and
// returns n. env is kept: it must not change after.
func (n *Node) Init(parent context.Context, env map[string]string) context.Context {
	n.init(parent, nil, "", "", env)
	return n
}

// Over makes n a child of parent that carries the environ parent carries
// with key set to val (unless key is "") and then env's keys set, and
// returns n. Nothing is copied: env is kept and must not change after.
func (n *Node) Over(parent context.Context, key, val string, env map[string]string) context.Context {
	n.init(parent, Of(parent), key, val, env)
	return n
}

// Mount makes n a child of parent that carries the environ parent
// carries with prefix added to its SCRIPT_NAME, then env's keys, as a
// router passes it to a handler it mounts under prefix, and returns n.
// env is kept and must not change after.
func (n *Node) Mount(parent context.Context, prefix string, env map[string]string) context.Context {
	outer := Of(parent)
	script, _ := outer.Lookup("SCRIPT_NAME")
	n.init(parent, outer, "SCRIPT_NAME", script+prefix, env)
	return n
}

func (n *Node) init(parent context.Context, outer *Node, key, val string, env map[string]string) {
	if parent == nil {
		panic("envctx: nil parent context") // as context.WithValue
	}
	if !Used.Load() {
		Used.Store(true)
	}
	n.Context, n.outer, n.key, n.val, n.env = parent, outer, key, val, env
}

// Of returns the node of the environ ctx carries, or nil.
func Of(ctx context.Context) *Node {
	if !Used.Load() {
		return nil
	}
	n, _ := ctx.Value(Key{}).(*Node)
	return n
}

// Value returns n for Key, else the parent's value.
func (n *Node) Value(key any) any {
	if key == (Key{}) {
		return n
	}
	return n.Context.Value(key)
}

// Lookup returns the value of key in n's environ, and whether it is set.
// A nil n has no keys.
func (n *Node) Lookup(key string) (string, bool) {
	for ; n != nil; n = n.outer {
		if v, ok := n.env[key]; ok {
			return v, true
		}
		if key == n.key && key != "" {
			return n.val, true
		}
	}
	return "", false
}

// CopyTo sets the keys of n's environ in m, in the order they apply. A nil
// n has none.
func (n *Node) CopyTo(m map[string]string) {
	if n == nil {
		return
	}
	n.outer.CopyTo(m)
	if n.key != "" {
		m[n.key] = n.val
	}
	for k, v := range n.env {
		m[k] = v
	}
}

// Map returns n's environ as one map: the map Init was given, when that is
// all n carries, else a new one.
func (n *Node) Map() map[string]string {
	if n.outer == nil && n.key == "" {
		return n.env
	}
	size := 0
	for o := n; o != nil; o = o.outer {
		size += len(o.env) + 1
	}
	m := make(map[string]string, size)
	n.CopyTo(m)
	return m
}

// String describes n as context.WithValue's does.
func (n *Node) String() string {
	return contextName(n.Context) + ".WithValue(envctx.Key, environ)"
}

// contextName is how context.WithValue's String names its parent.
func contextName(c context.Context) string {
	if s, ok := c.(interface{ String() string }); ok {
		return s.String()
	}
	return "context"
}
