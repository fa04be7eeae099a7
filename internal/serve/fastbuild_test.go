package serve

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goBuildOnly makes s build every page with go build: the fast path finds
// its environment unfit (see lookupTools).
func goBuildOnly(s *Server) { s.fast.once.Do(func() {}) }

// awaitFastConfig waits until s has learned the configuration of src's
// imports, and returns it.
func awaitFastConfig(t testing.TB, s *Server, src string) *fastConfig {
	t.Helper()
	set, ok := fastEligible([]byte(src))
	require.True(t, ok, "fastEligible")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		s.fast.mu.Lock()
		e := s.fast.entries[set]
		s.fast.mu.Unlock()
		if e != nil {
			select {
			case <-e.ready:
				require.NotNil(t, e.cfg, "the configuration of %q (see the log)", set)
				return e.cfg
			case <-ctx.Done():
			}
		}
		require.NoError(t, ctx.Err(), "no configuration for %q within a minute", set)
		time.Sleep(20 * time.Millisecond)
	}
}

// builtWith returns how the logged builds of page were made, in order.
func builtWith(logs, page string) []string {
	var out []string
	for line := range strings.Lines(logs) {
		if strings.Contains(line, `msg="built page" page=`+page+" ") {
			_, with, _ := strings.Cut(line, "with=")
			out = append(out, strings.Trim(strings.TrimSpace(with), `"`))
		}
	}
	return out
}

// TestFastBuildEdits edits a page as a developer does: the first build is
// go build's, an edit is compiled and linked directly, an edit that
// changes the imports goes back to go build, and so does one to a helper
// package the page imports; every version answers as it should.
func TestFastBuildEdits(t *testing.T) {
	const greet = "package greet\n\nfunc Text() string { return %q }\n"
	page := func(text string, imports ...string) string {
		return "package main\n\nimport (\n\t\"net/http\"\n\t\"site/lib/greet\"\n" + strings.Join(imports, "") + ")\n\n" +
			"func Application(w http.ResponseWriter, r *http.Request) {\n\tw.Write([]byte(" + text + " + greet.Text()))\n}\n"
	}
	dir := docroot(t, map[string]string{
		"hello.go":           page(`"one "`),
		"lib/greet/greet.go": strings.Replace(greet, "%q", `"greetings"`, 1),
	})
	s, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	_, body := get(t, ts.URL+"/hello")
	require.Equal(t, "one greetings", body)
	awaitFastConfig(t, s, page(`"one "`))

	steps := []struct {
		name, file, src, want, with string
	}{
		{"edit", "hello.go", page(`"two "`), "two greetings", "compile and link"},
		{"another edit", "hello.go", page(`"three "`), "three greetings", "compile and link"},
		{"new import", "hello.go", page(`strings.ToUpper("four ")`, "\t\"strings\"\n"), "FOUR greetings", "go build"},
		{"edit with it", "hello.go", page(`strings.ToUpper("five ")`, "\t\"strings\"\n"), "FIVE greetings", "compile and link"},
		{"helper changed", "lib/greet/greet.go", strings.Replace(greet, "%q", `"hi"`, 1), "FIVE hi", "go build"},
		{"edit after it", "hello.go", page(`strings.ToLower("SIX ")`, "\t\"strings\"\n"), "six hi", "compile and link"},
		// The configuration of the first imports is older than the helper.
		{"first imports again", "hello.go", page(`"seven "`), "seven hi", "go build"},
		{"edit with them", "hello.go", page(`"eight "`), "eight hi", "compile and link"},
	}
	before, current := []string{"one greetings"}, page(`"one "`)
	for i, st := range steps {
		write(t, dir, st.file, st.src)
		await(t, ts.URL+"/hello", 200, st.want, before...)
		before = append(before, st.want)
		with := builtWith(logs.String(), "hello.go")
		require.Len(t, with, i+2, "%s: the builds", st.name)
		assert.Equal(t, st.with, with[i+1], "%s: built with", st.name)
		if st.file == "hello.go" {
			current = st.src
		}
		// The next step's: a configuration is learned after go build.
		awaitFastConfig(t, s, current)
	}
}

// TestFastBuildNotFast edits a page whose helper package embeds a file,
// which the configuration would not see change: every build is go
// build's, and the set of imports is tried once.
func TestFastBuildNotFast(t *testing.T) {
	page := func(v string) string {
		return "package main\n\nimport (\n\t\"net/http\"\n\t\"site/lib/text\"\n)\n\n" +
			"func Application(w http.ResponseWriter, r *http.Request) {\n\tw.Write([]byte(\"" + v + " \" + text.Text))\n}\n"
	}
	dir := docroot(t, map[string]string{
		"hello.go":          page("v0"),
		"lib/text/text.go":  "package text\n\nimport _ \"embed\"\n\n//go:embed text.txt\nvar Text string\n",
		"lib/text/text.txt": "embedded",
	})
	_, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	_, body := get(t, ts.URL+"/hello")
	require.Equal(t, "v0 embedded", body)
	before := []string{body}
	for _, v := range []string{"v1", "v2"} {
		require.Eventually(t, func() bool { return strings.Contains(logs.String(), "embeds files") }, time.Minute, 20*time.Millisecond)
		write(t, dir, "hello.go", page(v))
		await(t, ts.URL+"/hello", 200, v+" embedded", before...)
		before = append(before, v+" embedded")
	}
	assert.Equal(t, []string{"go build", "go build", "go build"}, builtWith(logs.String(), "hello.go"))
	assert.Equal(t, 1, strings.Count(logs.String(), "embeds files"), "tried once")
}

// TestFastBuildSameProgram builds a page with the fast path and with go
// build and checks that the two programs are the same but for their build
// IDs, and that a page that does not compile gives the same errors both
// ways.
func TestFastBuildSameProgram(t *testing.T) {
	const src = helloPage
	dir := docroot(t, map[string]string{"hello.go": src})
	fast, _, logs := start(t, dir, nil)
	slow, _, _ := start(t, dir, goBuildOnly)
	ctx := context.Background()
	stats := fast.inputs("hello.go", []byte(src), detectPage([]byte(src)))
	_, learn, err := fast.build(ctx, "first", "hello.go", []byte(src), stats)
	require.NoError(t, err)
	require.NotNil(t, learn, "go build's learn")
	learn()
	awaitFastConfig(t, fast, src)

	edited := strings.Replace(src, "Hello World!", "Hello again", 1)
	fastBin, learn, err := fast.build(ctx, "edited", "hello.go", []byte(edited), stats)
	assert.Nil(t, learn, "the fast path's learn")
	require.NoError(t, err)
	slowBin, _, err := slow.build(ctx, "edited", "hello.go", []byte(edited), stats)
	require.NoError(t, err)
	fastInfo, err := buildinfo.ReadFile(fastBin)
	require.NoError(t, err)
	slowInfo, err := buildinfo.ReadFile(slowBin)
	require.NoError(t, err)
	assert.Equal(t, slowInfo.String(), fastInfo.String(), "the build information")
	fastData, err := os.ReadFile(fastBin)
	require.NoError(t, err)
	slowData, err := os.ReadFile(slowBin)
	require.NoError(t, err)
	assert.Equal(t, len(slowData), len(fastData), "the programs' sizes")
	diff := 0
	for i := range min(len(fastData), len(slowData)) {
		if fastData[i] != slowData[i] {
			diff++
		}
	}
	// The build IDs: ours is the build key, go build's its hashes.
	assert.LessOrEqual(t, diff, 2*len("Go build ID: ")+4*44, "bytes that differ")
	t.Logf("%d bytes differ", diff)

	broken := strings.Replace(src, "w.Write", "undefinedThing()\n\tw.Write", 1)
	_, _, fastErr := fast.build(ctx, "broken", "hello.go", []byte(broken), stats)
	_, _, slowErr := slow.build(ctx, "broken", "hello.go", []byte(broken), stats)
	var fastBE, slowBE *BuildError
	require.ErrorAs(t, fastErr, &fastBE)
	require.ErrorAs(t, slowErr, &slowBE)
	assert.Equal(t, slowBE.Output, fastBE.Output, "the compiler's errors")
	assert.NotContains(t, logs.String(), "falls back", "the fast path's log")
	assert.True(t, bytes.Contains([]byte(fastBE.Output), []byte("hello.go:7:2: undefined: undefinedThing")), "%q", fastBE.Output)
}

func TestFastEligible(t *testing.T) {
	tests := []struct {
		name, src string
		set       string // "" when not eligible
	}{
		{"net/http", helloPage, "github.com/gowebob/gowebob/page\nnet/http"},
		{"imports sorted, once", "package main\n\nimport (\n\t\"os\"\n\t\"fmt\"\n\tf \"fmt\"\n)\n", "fmt\ngithub.com/gowebob/gowebob/page\nos"},
		{"build constraint", "//go:build linux\n\n" + helloPage, ""},
		{"old build constraint", "// +build linux\n\n" + helloPage, ""},
		{"embed", "package main\n\nimport _ \"embed\"\n\n//go:embed x.txt\nvar x string\n", ""},
		{"go:debug", "//go:debug panicnil=1\n\n" + helloPage, ""},
		{"cgo", "package main\n\nimport \"C\"\n", ""},
		{"syntax error", "package main\n\nimport \"fmt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, ok := fastEligible([]byte(tt.src))
			assert.Equal(t, tt.set != "", ok, "fastEligible(%q) ok", tt.src)
			assert.Equal(t, tt.set, set, "fastEligible(%q)", tt.src)
		})
	}
}

func TestLangVersion(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"1.26.0", "go1.26", true},
		{"1.22", "go1.22", true},
		{"1.21rc1", "go1.21", true},
		{"", "go1.16", true},
		{"2.0", "", false},
		{"1.", "", false},
	}
	for _, tt := range tests {
		got, ok := langVersion(tt.in)
		assert.Equal(t, tt.want, got, "langVersion(%q)", tt.in)
		assert.Equal(t, tt.ok, ok, "langVersion(%q) ok", tt.in)
	}
}

func TestNeutralGoFlags(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"-buildvcs=false", true},
		{"-mod=mod -modcacherw -tags=foo,bar", true},
		{"-trimpath", false},
		{"-buildvcs=false -race", false},
		{"-ldflags=-X=main.v=1", false},
		{"-gcflags=all=-N", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, neutralGoFlags(tt.in), "neutralGoFlags(%q)", tt.in)
	}
}

func TestPageErrorsOnly(t *testing.T) {
	tests := []struct {
		name, out string
		want      bool
	}{
		{"one error", "hello.go:7:2: undefined: undefinedThing\n", true},
		{"with continuation and too many", "hello.go:7:2: cannot use x\n\thave int\n\twant string\nhello.go:9:1: y\ntoo many errors\n", true},
		{"unused import is the page's", "hello.go:5:2: \"os\" imported and not used\n", true},
		{"import the configuration may not satisfy", "hello.go:4:2: could not import site/lib/greet (open /x: no such file)\n", false},
		{"export data", "hello.go:4:2: reading export data: /x: bad\n", false},
		{"generated main", "gowebob_main.go (generated):7:6: main redeclared\n", false},
		{"anything else", "compile: bad importcfg\n", false},
		{"nothing", "", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, pageErrorsOnly(tt.out, "hello.go"), "%s: pageErrorsOnly(%q)", tt.name, tt.out)
	}
}
