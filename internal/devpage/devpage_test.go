package devpage

import (
	"encoding/json"
	"errors"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./internal/devpage -update to write it")
	assert.Equal(t, string(want), got)
}

const pageSrc = `package main

import "net/http"

func Application(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(undefinedThing))
}
`

const buildOutput = `# site/lib
lib/util.go:4:2: "fmt" imported and not used
hello.go:6:17: undefined: undefinedThing
hello.go:7:1: cannot use x (variable of type int) as string value in argument to f:
	need type conversion
`

func readFiles(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no such file")
	}
}

func TestNewBuildFailure(t *testing.T) {
	f := NewBuildFailure("hello.go", buildOutput, readFiles(map[string]string{"hello.go": pageSrc}))
	require.Len(t, f.Errors, 3)
	assert.Equal(t, "lib/util.go:4:2", f.Errors[0].Location())
	assert.Equal(t, `"fmt" imported and not used`, f.Errors[0].Message)
	assert.Empty(t, f.Errors[0].Source, "an unreadable file has no source")
	assert.Equal(t, "hello.go:6:17", f.Errors[1].Location())
	assert.Equal(t, "undefined: undefinedThing", f.Errors[1].Message)
	assert.Equal(t, []Line{
		{Number: 3, Text: `import "net/http"`},
		{Number: 4, Text: ""},
		{Number: 5, Text: "func Application(w http.ResponseWriter, r *http.Request) {"},
		{Number: 6, Text: "\tw.Write([]byte(undefinedThing))", Marked: true},
		{Number: 7, Text: "}"},
	}, f.Errors[1].Source)
	assert.Equal(t, "cannot use x (variable of type int) as string value in argument to f:\nneed type conversion", f.Errors[2].Message)
}

func TestParseError(t *testing.T) {
	tests := []struct {
		line string
		want CompileError
		ok   bool
	}{
		{"hello.go:6:17: undefined: x", CompileError{File: "hello.go", Line: 6, Col: 17, Message: "undefined: x"}, true},
		{"./lib/a.go:3: syntax error", CompileError{File: "lib/a.go", Line: 3, Message: "syntax error"}, true},
		{"# site/lib", CompileError{}, false},
		{"note: module requires Go 1.30", CompileError{}, false},
		{"hello.go:0:1: x", CompileError{}, false},
		{"hello.go:6:17:", CompileError{}, false},
		{"", CompileError{}, false},
	}
	for _, tt := range tests {
		got, ok := parseError(tt.line)
		assert.Equal(t, tt.ok, ok, "parseError(%q)", tt.line)
		assert.Equal(t, tt.want, got, "parseError(%q)", tt.line)
	}
}

func TestSource(t *testing.T) {
	src := []byte("a\nb\nc\n")
	assert.Equal(t, []Line{{1, "a", true}, {2, "b", false}, {3, "c", false}}, Source(src, 1))
	assert.Nil(t, Source(src, 4))
	assert.Nil(t, Source(src, 0))
}

func TestWantsJSON(t *testing.T) {
	tests := []struct {
		accept string
		want   bool
	}{
		{"", false},
		{"application/json", true},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false},
		{"*/*", false},
		{"application/json, */*;q=0.1", true},
		{"text/html;q=0.5, application/json", true},
		{"text/html, application/json", false},
		{"application/json;q=0", false},
		{"application/*", true},
		{"text/*, application/*", false},
		{"application/json;q=bogus", true},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.accept != "" {
			r.Header.Set("Accept", tt.accept)
		}
		assert.Equal(t, tt.want, WantsJSON(r), "WantsJSON(Accept: %q)", tt.accept)
	}
}

func TestWriteBuildFailure(t *testing.T) {
	f := NewBuildFailure("hello.go", buildOutput, readFiles(map[string]string{"hello.go": pageSrc}))
	r := httptest.NewRequest("GET", "/hello", nil)
	w := httptest.NewRecorder()
	WriteBuildFailure(w, r, f, Script("hello.go", "k1"))
	assert.Equal(t, 500, w.Code)
	assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	golden(t, "build.html", w.Body.String())

	r.Header.Set("Accept", "application/json")
	w = httptest.NewRecorder()
	WriteBuildFailure(w, r, f, Script("hello.go", "k1"))
	assert.Equal(t, 500, w.Code)
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	assert.NotContains(t, w.Body.String(), "<script")
	var got map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, "build", got["error"])
	golden(t, "build.json", w.Body.String())
}

var panicFrames = []string{
	"main.divide hello.go:12",
	"main.Application hello.go:6",
	"github.com/gowebob/gowebob/webob.rawHandler.ServeHTTP /home/u/go/pkg/mod/github.com/gowebob/gowebob@v0.1.0/webob/raw.go:40",
	"net/http.HandlerFunc.ServeHTTP /usr/local/go/src/net/http/server.go:2322",
	"site/lib.Helper /srv/site/lib/lib.go:9",
	"created by net/http.(*Server).Serve in goroutine 1",
}

const panicSrc = `package main

import "net/http"

func Application(w http.ResponseWriter, r *http.Request) {
	divide(1, 0)
}

// divide divides.
func divide(a, b int) int {
	// <b> is escaped
	return a / b
}
`

func newTestPanic(t *testing.T, accept string) *Panic {
	t.Helper()
	r := httptest.NewRequest("POST", "/hello?x=1", strings.NewReader("a=b"))
	r.Header.Set("User-Agent", "test <agent>")
	if accept != "" {
		r.Header.Set("Accept", accept)
	}
	docroot := func(file string) (string, bool) {
		if rel, ok := strings.CutPrefix(file, "/srv/site/"); ok {
			return rel, true
		}
		return file, file == "hello.go"
	}
	return NewPanic("hello.go", errors.New("runtime error: integer divide by zero"), panicFrames, docroot,
		readFiles(map[string]string{"hello.go": panicSrc}), r)
}

func TestNewPanic(t *testing.T) {
	p := newTestPanic(t, "")
	assert.Equal(t, "runtime error: integer divide by zero", p.Value)
	require.Len(t, p.Frames, 6)
	assert.Equal(t, Frame{Func: "main.divide", File: "hello.go", Line: 12, InDocroot: true}, p.Frames[0])
	assert.Equal(t, Frame{Func: "site/lib.Helper", File: "lib/lib.go", Line: 9, InDocroot: true}, p.Frames[4])
	assert.False(t, p.Frames[3].InDocroot)
	assert.Equal(t, Frame{Func: "created by net/http.(*Server).Serve in goroutine 1"}, p.Frames[5])
	require.NotNil(t, p.At)
	assert.Equal(t, "hello.go", p.At.File)
	assert.Equal(t, 12, p.At.Line)
	require.Len(t, p.Source, 5, "the file ends one line after")
	assert.True(t, p.Source[3].Marked)
	assert.Equal(t, "\treturn a / b", p.Source[3].Text)
	assert.Equal(t, "POST", p.Request.Method)
	assert.Equal(t, "http://example.com/hello?x=1", p.Request.URL)
	assert.Contains(t, p.Request.Header, Field{Name: "User-Agent", Value: "test <agent>"})
}

func TestWritePanic(t *testing.T) {
	p := newTestPanic(t, "")
	w := httptest.NewRecorder()
	WritePanic(w, httptest.NewRequest("GET", "/", nil), p, Script("hello.go", "k1"))
	assert.Equal(t, 500, w.Code)
	assert.NotContains(t, w.Body.String(), "<agent>", "request data is escaped")
	golden(t, "panic.html", w.Body.String())

	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept", "application/json")
	w = httptest.NewRecorder()
	WritePanic(w, r, p, Script("hello.go", "k1"))
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	golden(t, "panic.json", w.Body.String())
}

func TestScript(t *testing.T) {
	s := Script(`a"b.go`, "k<1>")
	assert.True(t, strings.HasPrefix(s, `<script data-gowebob-page="a&#34;b.go" data-gowebob-build="k&lt;1&gt;">`), s)
	assert.Contains(t, s, EventsPath)
}

func TestIsHTML(t *testing.T) {
	assert.True(t, IsHTML("text/html"))
	assert.True(t, IsHTML("Text/HTML; charset=utf-8"))
	assert.False(t, IsHTML("text/plain"))
	assert.False(t, IsHTML(""))
}
