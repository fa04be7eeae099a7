package middleware_test

import (
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/middleware"
)

// staticDiffs are the deliberate differences from WebOb's DirectoryApp,
// keyed by options and path.
var staticDiffs = map[[2]string]string{
	{"default", "/other"}:       "the add-slash 301 comes before the index check (Static's doc)",
	{"index_page", "/sub"}:      "the add-slash 301 comes before the index check (Static's doc)",
	{"hide_index", "/other"}:    "the add-slash 301 comes before the index check (Static's doc)",
	{"hide_index_page", "/sub"}: "the add-slash 301 comes before the index check (Static's doc)",
	{"no_index", "/"}:           "WebOb answers 403 for its own root with index_page=None, a quirk of its path check; here a 404",
	{"no_index", "/other"}:      "the add-slash 301 comes before the index check (Static's doc)",
	{"no_index", "/sub"}:        "the add-slash 301 comes before the index check (Static's doc)",
}

// TestStaticGolden replays WebOb's DirectoryApp with index_page and
// hide_index_with_redirect on the tree internal/golden/gen_static.py
// builds.
func TestStaticGolden(t *testing.T) {
	t.Parallel()
	var g struct {
		WebOb string `json:"webob_version"`
		Tree  map[string]string
		// Options are DirectoryApp's keyword arguments: index_page
		// absent is the default, null is None.
		Options map[string]map[string]any
		Cases   []struct {
			Options, Path string
			Status        int
			Location      *string
			Body          string
		}
	}
	testutil.LoadGolden(t, "golden_static.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)
	dir := t.TempDir()
	for name, content := range g.Tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	for _, c := range g.Cases {
		if _, skip := staticDiffs[[2]string{c.Options, c.Path}]; skip {
			continue
		}
		var opts middleware.StaticOptions
		kw := g.Options[c.Options]
		if v, set := kw["index_page"]; set {
			if v == nil {
				opts.NoIndex = true
			} else {
				opts.IndexPage = v.(string)
			}
		}
		opts.HideIndex = kw["hide_index_with_redirect"] == true
		h := middleware.StaticWith(root.FS(), opts)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://localhost"+c.Path, nil))
		name := c.Options + " " + c.Path
		assert.Equal(t, c.Status, rec.Code, name)
		if c.Status == 200 {
			assert.Equal(t, c.Body, rec.Body.String(), name)
		}
		if c.Location != nil {
			loc, err := url.Parse(rec.Header().Get("Location"))
			require.NoError(t, err, name)
			base, _ := url.Parse("http://localhost" + c.Path)
			assert.Equal(t, *c.Location, base.ResolveReference(loc).String(), "%s: Location %q", name, loc)
		}
	}
}

func TestStaticWithBadIndex(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"a/b", ".hidden", `a\b`} {
		assert.Panics(t, func() { middleware.StaticWith(os.DirFS("."), middleware.StaticOptions{IndexPage: bad}) }, bad)
	}
}
