package docroot

import (
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/internal/testutil"
)

// TestFixedKeeps: a Fixed Dispatcher keeps the clean paths of its pages
// and static files only, so that no client can grow what it keeps.
func TestFixedKeeps(t *testing.T) {
	d := &Dispatcher{Fixed: true, Static: fstest.MapFS{"style.css": {Data: []byte("p{}")}}}
	nop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	d.Mount("hello.go", nop)
	d.Mount("admin/index.go", nop)
	kept := []string{"/hello", "/hello.go", "/admin", "/admin/", "/admin/index.go", "/style.css"}
	notKept := []string{"/hello/x", "/hello.go/a/b", "/admin/x", "/nothing", "/./hello", "//hello", "/admin/../hello", "/.git", "/style.css/x"}
	for range 3 {
		for _, p := range append(kept, notKept...) {
			d.resolve(p)
		}
	}
	for _, p := range kept {
		_, ok := d.routes.Load(p)
		assert.True(t, ok, "%s kept", p)
	}
	for _, p := range notKept {
		_, ok := d.routes.Load(p)
		assert.False(t, ok, "%s not kept", p)
	}
	assert.EqualValues(t, len(kept), d.nroutes.Load())
}

// TestFixedResolveAllocs: a kept path resolves without allocating (the
// pretty URL's file name was one allocation).
func TestFixedResolveAllocs(t *testing.T) {
	if testutil.Race || testing.Short() {
		t.Skip("allocation counts need a normal build")
	}
	d := &Dispatcher{Fixed: true, Static: fstest.MapFS{"style.css": {Data: []byte("p{}")}}}
	d.Mount("hello.go", http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	d.resolve("/hello")
	n := testing.AllocsPerRun(100, func() {
		if d.resolve("/hello").Kind != Page {
			t.Fatal("not a page")
		}
	})
	assert.Zero(t, n)
}

// TestFixedConcurrent: goroutines resolving the same paths at once, the
// first time and from what is kept, agree with a Dispatcher that is not
// Fixed (run with -race).
func TestFixedConcurrent(t *testing.T) {
	static := fstest.MapFS{"style.css": {Data: []byte("p{}")}, "img/a.png": {Data: []byte("png")}}
	nop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	fixed, plain := &Dispatcher{Fixed: true, Static: static}, &Dispatcher{Static: static}
	for _, d := range []*Dispatcher{fixed, plain} {
		d.Mount("hello.go", nop)
		d.Mount("admin/index.go", nop)
	}
	paths := []string{"/hello", "/hello.go", "/hello/x", "/admin", "/admin/", "/style.css", "/img/a.png", "/img", "/nothing", "/./hello"}
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 50 {
				for _, p := range paths {
					if got, want := fixed.resolve(p), plain.resolve(p); got != want {
						t.Errorf("%s: %+v, want %+v", p, got, want)
						return
					}
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
}
