package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmbeddedFiles serves a page in a folder whose go:embed patterns
// name a file, a glob and a folder there, as gowebob build gives them:
// the page answers with what it embeds, hidden files left out; editing,
// adding and removing an embedded file rebuilds it.
func TestEmbeddedFiles(t *testing.T) {
	const page = "package main\n\nimport (\n\t\"embed\"\n\t\"io/fs\"\n\t\"net/http\"\n)\n\n" +
		"//go:embed msg.txt *.md sub\nvar files embed.FS\n\n" +
		"func Application(w http.ResponseWriter, r *http.Request) {\n" +
		"\tfs.WalkDir(files, \".\", func(p string, d fs.DirEntry, err error) error {\n" +
		"\t\tif err == nil && !d.IsDir() {\n\t\t\tdata, _ := files.ReadFile(p)\n\t\t\tw.Write([]byte(p + \"=\" + string(data) + \";\"))\n\t\t}\n\t\treturn nil\n\t})\n}\n"
	dir := docroot(t, map[string]string{
		"docs/show.go":      page,
		"docs/msg.txt":      "hi",
		"docs/a.md":         "A",
		"docs/sub/b.txt":    "B",
		"docs/sub/.hidden":  "secret",
		"docs/sub/c/d.txt":  "D",
		"docs/other.go":     "package main\n\nimport \"net/http\"\n\nfunc Application(w http.ResponseWriter, r *http.Request) {}\n",
		"outside/never.txt": "not under the page's folder",
	})
	_, ts, logs := start(t, dir, nil)
	defer func() {
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	code, body := get(t, ts.URL+"/docs/show")
	require.Equal(t, 200, code, body)
	assert.Equal(t, "a.md=A;msg.txt=hi;sub/b.txt=B;sub/c/d.txt=D;", body)

	write(t, dir, "docs/msg.txt", "hello")
	body = await(t, ts.URL+"/docs/show", 200, "a.md=A;msg.txt=hello;sub/b.txt=B;sub/c/d.txt=D;", body)
	write(t, dir, "docs/e.md", "E")
	body = await(t, ts.URL+"/docs/show", 200, "a.md=A;e.md=E;msg.txt=hello;sub/b.txt=B;sub/c/d.txt=D;", body)
	require.NoError(t, os.Remove(filepath.Join(dir, "docs", "sub", "c", "d.txt")))
	await(t, ts.URL+"/docs/show", 200, "a.md=A;e.md=E;msg.txt=hello;sub/b.txt=B;", body)
}

// TestEmbeddedReadsOnlyWhatPatternsReach lists what a page at the top of
// a docroot may embed: only the files and folders its patterns can match,
// however large the rest of the docroot.
func TestEmbeddedReadsOnlyWhatPatternsReach(t *testing.T) {
	src := "package main\n\nimport \"embed\"\n\n//go:embed \"a b.txt\" t/*.html\n//go:embed all:sub\nvar files embed.FS\n"
	dir := docroot(t, map[string]string{
		"p.go":            src,
		"a b.txt":         "x",
		"t/page.html":     "x",
		"t/page.txt":      "x",
		"t/.x.html":       "x",
		"sub/one.txt":     "x",
		"sub/deep/two.js": "x",
		"sub/.hidden":     "x",
		"images/big.png":  "x",
		"other.txt":       "x",
	})
	s := &Server{CacheDir: t.TempDir()}
	require.NoError(t, s.Open(t.Context(), dir))
	defer s.Close()
	assert.ElementsMatch(t, []string{"a b.txt", "t/*.html", "all:sub"}, embedPatterns([]byte(src)), "quoted ones unquoted, every line")
	files, dirs := s.embedded("p.go", []byte(src))
	assert.ElementsMatch(t, []string{"a b.txt", "t/page.html", "sub/deep/two.js", "sub/one.txt"}, files)
	assert.ElementsMatch(t, []string{".", "t", "sub", "sub/deep"}, dirs)
	assert.Empty(t, embedPatterns([]byte("package main\n\nfunc Application() {}\n")))
}
