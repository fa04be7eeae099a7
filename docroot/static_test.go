package docroot_test

import (
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/docroot"
)

// TestDispatcherStatic checks that a Dispatcher with Static maps URLs as
// gowebob serve does over the same folder: a static file or a folder hides
// a page's pretty URL below it, a .go file that is not a page is not
// found, and static files are served with their type, ETag and Range.
func TestDispatcherStatic(t *testing.T) {
	mod := time.Unix(1700000000, 5)
	d := docroot.Dispatcher{Static: fstest.MapFS{
		"style.css":         {Data: []byte("body{}\n"), ModTime: mod},
		"shop/logo.txt":     {Data: []byte("0123456789"), ModTime: mod},
		"lib/greet/x.go":    {Data: []byte("package greet\n")},
		"helper.go":         {Data: []byte("package main\n")},
		"run.sh":            {Data: []byte("#!/bin/sh\n"), Mode: 0o755},
		"noext":             {Data: []byte("x")},
		"docs/readme.html":  {Data: []byte("<p>hi</p>")},
		".secret":           {Data: []byte("no")},
		"testdata/data.txt": {Data: []byte("no")},
	}}
	d.Mount("shop.go", echo("shop"))
	d.Mount("lib.go", echo("lib"))
	d.Mount("docs.go", echo("docs"))

	tests := []struct {
		method, target, rangeHdr string
		code                     int
		ctype, body              string
	}{
		{"GET", "/style.css", "", 200, "text/css; charset=utf-8", "body{}\n"},
		{"HEAD", "/style.css", "", 200, "text/css; charset=utf-8", ""},
		{"POST", "/style.css", "", 405, "text/plain; charset=UTF-8", ""},
		{"GET", "/style.css/", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/shop/logo.txt", "bytes=2-4", 206, "text/plain; charset=utf-8", "234"},
		{"GET", "/shop/other", "", 200, "text/plain; charset=UTF-8", `shop script="/shop" path="/other" url=http://example.com/shop/other`},
		{"GET", "/lib", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/lib/greet/x.go", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/lib.go/greet", "", 200, "text/plain; charset=UTF-8", `lib script="/lib.go" path="/greet" url=http://example.com/lib.go/greet`},
		{"GET", "/helper.go", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/helper", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/run.sh", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/noext", "", 200, "application/octet-stream", "x"},
		{"GET", "/docs", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/docs/readme.html", "", 200, "text/html; charset=utf-8", "<p>hi</p>"},
		{"GET", "/.secret", "", 404, "text/plain; charset=UTF-8", ""},
		{"GET", "/testdata/data.txt", "", 404, "text/plain; charset=UTF-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, nil)
			r.Header.Set("Accept", "text/plain")
			if tt.rangeHdr != "" {
				r.Header.Set("Range", tt.rangeHdr)
			}
			w := httptest.NewRecorder()
			d.ServeHTTP(w, r)
			assert.Equal(t, tt.code, w.Code)
			assert.Equal(t, tt.ctype, w.Header().Get("Content-Type"))
			if tt.code < 400 {
				assert.Equal(t, tt.body, w.Body.String())
			}
		})
	}

	r := httptest.NewRequest("GET", "/style.css", nil)
	w := httptest.NewRecorder()
	d.ServeHTTP(w, r)
	etag := w.Header().Get("ETag")
	assert.Equal(t, `"17979cfe362a0005-7"`, etag)
	assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
	r = httptest.NewRequest("GET", "/style.css", nil)
	r.Header.Set("If-None-Match", etag)
	w = httptest.NewRecorder()
	d.ServeHTTP(w, r)
	assert.Equal(t, 304, w.Code)
}
