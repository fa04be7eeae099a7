package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMapBuildOutput(t *testing.T) {
	t.Parallel()
	const key = "0123456789abcdef0123456789abcdef"
	p := buildPaths{
		key:     key,
		pkgPath: "site/.gowebob/build/" + key,
		dirs:    []string{"/home/u/my site/.gowebob/build/" + key, "/home/u/.cache/gowebob/work/" + key},
		names:   map[string]string{"page.go": "sub/bad.go", "bad.go": "sub/bad.go", "gowebob_main.go": generatedMainName},
		page:    "sub/bad.go",
	}
	tests := []struct {
		name, in, want string
	}{
		{"header and the work file relative to the module",
			"# site/.gowebob/build/" + key + "\n../.cache/gowebob/work/" + key + "/page.go:7:17: undefined: x\n",
			"sub/bad.go:7:17: undefined: x\n"},
		{"absolute work file, with a space in no part of it",
			"/home/u/.cache/gowebob/work/" + key + "/page.go:1:2: m\n",
			"sub/bad.go:1:2: m\n"},
		{"absolute virtual file in a directory with a space",
			"/home/u/my site/.gowebob/build/" + key + "/bad.go:3:8: no required module provides package x\n",
			"sub/bad.go:3:8: no required module provides package x\n"},
		{"virtual file relative to the module",
			".gowebob/build/" + key + "/bad.go:3:8: m\n",
			"sub/bad.go:3:8: m\n"},
		{"virtual file with ./",
			"./.gowebob/build/" + key + "/bad.go:3:8: m\n",
			"sub/bad.go:3:8: m\n"},
		{"a prefix the go command cut in the middle of an element",
			".cache/gowebob/work/" + key + "/page.go:6:2: m\n",
			"sub/bad.go:6:2: m\n"},
		{"the generated main, indented",
			"./page.go:5:6: main redeclared in this block\n\t./gowebob_main.go:7:6: other declaration of main\n",
			"./page.go:5:6: main redeclared in this block\n\t./gowebob_main.go:7:6: other declaration of main\n"},
		{"the generated main in the work directory",
			"../.cache/gowebob/work/" + key + "/page.go:5:6: main redeclared in this block\n\t../.cache/gowebob/work/" + key + "/gowebob_main.go:7:6: other declaration of main\n",
			"sub/bad.go:5:6: main redeclared in this block\n\t" + generatedMainName + ":7:6: other declaration of main\n"},
		{"the package's import path in a message",
			`package site/.gowebob/build/` + key + ` imports "x": cycle` + "\n",
			`package sub/bad.go imports "x": cycle` + "\n"},
		{"another package's header stays",
			"# site/lib/greet\n../lib/greet/greet.go:3:29: cannot use 1\n",
			"# site/lib/greet\n../lib/greet/greet.go:3:29: cannot use 1\n"},
		{"no trailing newline",
			"build stopped: context deadline exceeded",
			"build stopped: context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, mapBuildOutput(tt.in, p), "mapBuildOutput(%q)", tt.in)
		})
	}
}

// TestServeCompileErrorPaths builds failing pages of a docroot that is a
// folder of its module, with the cache beside the module (as ~/.cache is
// beside ~/site), and checks that the log and the -dev page name the page
// as it is in the docroot and nothing of the build's own files.
func TestServeCompileErrorPaths(t *testing.T) {
	const app = "\n\nfunc Application(w http.ResponseWriter, r *http.Request) {\n"
	dir := docroot(t, map[string]string{"lib/greet/greet.go": "package greet\n\nfunc Text() string { return 1 }\n"})
	// Written after docroot's go mod tidy, which would look for
	// example.com/nope.
	for name, src := range map[string]string{
		"www/sub/undef.go":  "package main\n\nimport \"net/http\"" + app + "\tundefinedThing()\n}\n",
		"www/sub/import.go": "package main\n\nimport \"net/http\"\nimport \"example.com/nope\"" + app + "\tnope.X()\n}\n",
		"www/sub/helper.go": "package main\n\nimport \"net/http\"\nimport \"site/lib/greet\"" + app + "\tgreet.Text()\n}\n",
		"www/top.go":        "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)" + app + "}\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "www", "sub"), 0o755))
		write(t, dir, name, src)
	}
	cache := filepath.Join(filepath.Dir(dir), ".cache", "gowebob")
	_, ts, logs := start(t, filepath.Join(dir, "www"), func(s *Server) { s.Dev, s.CacheDir = true, cache })
	tests := []struct {
		path string
		want []string
	}{
		{"/sub/undef", []string{"sub/undef.go:6:2: undefined: undefinedThing"}},
		{"/sub/import", []string{"sub/import.go:4:8: no required module provides package example.com/nope"}},
		{"/sub/helper", []string{"# site/lib/greet\n../lib/greet/greet.go:3:29: cannot use 1"}},
		{"/top", []string{"top.go:5:2: &#34;os&#34; imported and not used"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, body := get(t, ts.URL+tt.path)
			assert.Equal(t, 500, code, "GET %s", tt.path)
			for _, w := range tt.want {
				assert.Contains(t, body, w, "GET %s", tt.path)
			}
			// (The live-reload script names /.gowebob/events: no build path.)
			for _, bad := range []string{".cache", "/work/", ".gowebob/build", "page.go", dir} {
				assert.NotContains(t, body, bad, "GET %s", tt.path)
			}
		})
	}
	for _, bad := range []string{".cache", "/work/", ".gowebob", "page.go"} {
		assert.NotContains(t, logs.String(), bad, "the log")
	}
	assert.Contains(t, logs.String(), "sub/undef.go:6:2: undefined: undefinedThing", "the log")
	entries, err := os.ReadDir(filepath.Join(cache, "work"))
	require.NoError(t, err)
	assert.Empty(t, entries, "the work directories are removed")
}
