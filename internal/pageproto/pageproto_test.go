package pageproto

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRouteHeaderRoundTrip(t *testing.T) {
	rt := &Route{Path: "/a b/\xff", Environ: map[string]string{"SCRIPT_NAME": "/a b", "PATH_INFO": "/\xff/ü&=;", "REMOTE_ADDR": "::1", "EMPTY": ""}, Checks: []Check{}}
	v := EncodeRoute(rt)
	assert.NotContains(t, v, "\n", "a header value")
	got, err := DecodeRoute(v)
	require.NoError(t, err)
	assert.Equal(t, rt, got)
}

func TestDecodeRouteRefuses(t *testing.T) {
	valid := EncodeRoute(&Route{Path: "/x"})
	for name, bad := range map[string]string{
		"empty":              "",
		"not base64url":      "a+b/",
		"cut short":          valid[:len(valid)-2],
		"bytes after it":     EncodeRoute(&Route{Path: "/x"}) + "AA",
		"larger than 64 KiB": strings.Repeat("A", 64<<10+1),
	} {
		_, err := DecodeRoute(bad)
		assert.Error(t, err, name)
	}
}

func TestMapBuildPaths(t *testing.T) {
	const key = "055aeaf51fba9265e5f717c9b7eac8a4"
	tests := []struct {
		name, in, page, want string
	}{
		{"a frame's file", "/srv/site/.gowebob/build/" + key + "/hog.go:16", "hog.go", "hog.go:16"},
		{"a crash report's line", "\t/srv/site/.gowebob/build/" + key + "/index.go:16 +0x3a5 fp=0xec0a20cf6e8", "sub/index.go",
			"\tsub/index.go:16 +0x3a5 fp=0xec0a20cf6e8"},
		{"a path with a space", "at /srv/my site/.gowebob/build/" + key + "/a.go:3", "a.go", "at /srv/my a.go:3"},
		{"quoted, twice", `file="/m/.gowebob/build/` + key + `/a.go:1" and (/m/.gowebob/build/` + key + `/a.go)`, "a.go",
			`file="a.go:1" and (a.go)`},
		{"another file of the build", "/m/.gowebob/build/" + key + "/gowebob_main.go:7", "a.go", "/m/.gowebob/build/" + key + "/gowebob_main.go:7"},
		{"a longer name", "/m/.gowebob/build/" + key + "/a.gox:1", "a.go", "/m/.gowebob/build/" + key + "/a.gox:1"},
		{"no key", "/m/.gowebob/build//a.go:1", "a.go", "/m/.gowebob/build//a.go:1"},
		{"nothing to map", "/usr/local/go/src/net/http/server.go:2286", "a.go", "/usr/local/go/src/net/http/server.go:2286"},
		{"no page", "/m/.gowebob/build/" + key + "/a.go:1", "", "/m/.gowebob/build/" + key + "/a.go:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, MapBuildPaths(tt.in, tt.page), "MapBuildPaths(%q, %q)", tt.in, tt.page)
		})
	}
}

func TestIsBuildFile(t *testing.T) {
	const key = "055aeaf51fba9265e5f717c9b7eac8a4"
	assert.True(t, IsBuildFile("/srv/my site/.gowebob/build/"+key+"/index.go", "sub/index.go"))
	assert.False(t, IsBuildFile("/srv/site/.gowebob/build/"+key+"/gowebob_main.go", "sub/index.go"))
	assert.False(t, IsBuildFile("/srv/site/.gowebob/build/index.go", "index.go"), "no key")
	assert.False(t, IsBuildFile("/srv/site/.gowebob/build/"+key+"/x/index.go", "index.go"))
	assert.False(t, IsBuildFile("/srv/site/sub/index.go", "sub/index.go"))
	assert.False(t, IsBuildFile("/srv/site/.gowebob/build/"+key+"/index.go", ""))
}

func FuzzDecodeRoute(f *testing.F) {
	f.Add(EncodeRoute(&Route{Path: "/a", Environ: map[string]string{"SCRIPT_NAME": "/a", "PATH_INFO": "\xff"}}))
	f.Add("")
	f.Add("AAAA")
	f.Add("not base64!")
	f.Fuzz(func(t *testing.T, v string) {
		rt, err := DecodeRoute(v)
		if err != nil {
			require.Nil(t, rt)
			return
		}
		again, err := DecodeRoute(EncodeRoute(rt))
		require.NoError(t, err)
		require.Equal(t, rt, again)
	})
}
