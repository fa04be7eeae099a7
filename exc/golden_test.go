package exc_test

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// goldenCase is one case of testdata/golden_exc.json, written by
// internal/golden/gen_exc.py from WebOb 1.8.6.
type goldenCase struct {
	Name string `json:"name"`
	Code int    `json:"code"`
	Args struct {
		Detail       string      `json:"detail"`
		Comment      string      `json:"comment"`
		Headers      [][2]string `json:"headers"`
		BodyTemplate *string     `json:"body_template"`
		Location     *string     `json:"location"`
		AddSlash     bool        `json:"add_slash"`
	} `json:"args"`
	Environ map[string]string `json:"environ"`

	Error   string      `json:"error"` // the Python exception the constructor raised
	Str     string      `json:"str"`
	Status  string      `json:"status"`
	Headers [][2]string `json:"headers"`
	BodyB64 string      `json:"body_b64"`
	// Bodies are html_body, plain_body and json_body called directly.
	Bodies map[string]string `json:"bodies"`
}

// knownDiff is a deliberate difference from WebOb: either the case matches
// with a Renderer other than the zero one, or the expected response is
// adjusted by fix before comparing (Content-Length is then recomputed).
type knownDiff struct {
	reason   string
	renderer *exc.Renderer
	fix      func(c *goldenCase, body string) string
}

// knownDifferences is keyed by case name, or by the group before the "/"
// in it.
var knownDifferences = map[string]knownDiff{
	"comment": {
		reason:   "Comment is rendered only with Renderer.ShowComment (WebOb always renders it)",
		renderer: &exc.Renderer{ShowComment: true},
	},
	"commentonly": {
		reason:   "Comment is rendered only with Renderer.ShowComment (WebOb always renders it)",
		renderer: &exc.Renderer{ShowComment: true},
	},
	"tmpl": {
		reason:   "Comment is rendered only with Renderer.ShowComment (WebOb always renders it)",
		renderer: &exc.Renderer{ShowComment: true},
	},
	"move-detail": {
		reason:   "Comment is rendered only with Renderer.ShowComment (WebOb always renders it)",
		renderer: &exc.Renderer{ShowComment: true},
	},
	"move-evil": {
		reason: `a location starting with "//" stays on this host (WebOb: http://evil.example/x)`,
		fix:    replaceAll("http://evil.example/x", "http://example.com/%2fevil.example/x"),
	},
	"move-evil-sp": {
		reason: `a location starting with "//" after blanks stays on this host (WebOb: http://evil.example/x)`,
		fix:    replaceAll("http://evil.example/x", "http://example.com/%2fevil.example/x"),
	},
	"move-evil-tab": {
		reason: `a location starting with "//" after a tab stays on this host (WebOb: http://evil.example/x)`,
		fix:    replaceAll("http://evil.example/x", "http://example.com/%2fevil.example/x"),
	},
	"new418/html": {
		reason: "the status in the HTML page is HTML-escaped (WebOb: <title>418 I'm a teapot</title>)",
		fix:    replaceAll("I'm a teapot", "I&#x27;m a teapot"),
	},
	"move-crlf": {
		reason: "WebOb raises ValueError in the constructor; Redirect returns a 500 whose Err matches ErrInvalidLocation",
	},
	"move-lf": {
		reason: "WebOb raises ValueError in the constructor; Redirect returns a 500 whose Err matches ErrInvalidLocation",
	},
}

// replaceAll returns a knownDiff fix replacing old by new in the expected
// body and header values.
func replaceAll(old, new string) func(*goldenCase, string) string {
	return func(c *goldenCase, body string) string {
		for i := range c.Headers {
			c.Headers[i][1] = strings.ReplaceAll(c.Headers[i][1], old, new)
		}
		return strings.ReplaceAll(body, old, new)
	}
}

func loadGolden(tb testing.TB) []goldenCase {
	tb.Helper()
	var file struct {
		Cases []goldenCase `json:"cases"`
	}
	testutil.LoadGolden(tb, "golden_exc.json", &file)
	return file.Cases
}

// native turns a WSGI native string (one char per byte) into bytes.
func native(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

// build returns the HTTPError the case describes, built as an application
// would: Redirect for a redirect given a location, New otherwise.
func (c *goldenCase) build() *exc.HTTPError {
	var e *exc.HTTPError
	if c.Args.Location != nil {
		e = exc.Redirect(c.Code, *c.Args.Location)
		if e.Code != c.Code {
			return e
		}
		e = e.WithDetail(c.Args.Detail)
	} else {
		e = exc.New(c.Code, c.Args.Detail)
	}
	e.AddSlash = c.Args.AddSlash
	e.Comment = c.Args.Comment
	for _, h := range c.Args.Headers {
		e = e.WithHeader(h[0], h[1])
	}
	if c.Args.BodyTemplate != nil {
		e.BodyTemplate = *c.Args.BodyTemplate
	}
	return e
}

func (c *goldenCase) request() *request.Request {
	env := request.Environ{}
	for k, v := range c.Environ {
		env[k] = native(v)
	}
	return request.New(env, nil)
}

func TestGolden(t *testing.T) {
	cases := loadGolden(t)
	if len(cases) < 150 {
		t.Fatalf("golden file has %d cases, want at least 150", len(cases))
	}
	used := map[string]bool{}
	for _, c := range cases {
		group, _, _ := strings.Cut(c.Name, "/")
		kd, ok := knownDifferences[c.Name]
		if ok {
			used[c.Name] = true
		} else if kd, ok = knownDifferences[group]; ok {
			used[group] = true
		}
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			e := c.build()

			if c.Error != "" {
				if c.Error != "ValueError" || !ok {
					t.Fatalf("WebOb raised %s; no known difference covers it", c.Error)
				}
				if e.Code != 500 || !errors.Is(e, exc.ErrInvalidLocation) {
					t.Fatalf("Redirect(%d, %q) = %d %v, want 500 matching ErrInvalidLocation",
						c.Code, *c.Args.Location, e.Code, e.Err)
				}
				return
			}

			wantStr := c.Str
			if wantStr == "" {
				wantStr = e.Status()
			}
			if got := e.Error(); got != wantStr {
				t.Errorf("Error() = %q, want %q", got, wantStr)
			}

			body, err := base64.StdEncoding.DecodeString(c.BodyB64)
			if err != nil {
				t.Fatal(err)
			}
			want := string(body)
			rd := kd.renderer
			if kd.fix != nil {
				want = kd.fix(&c, want)
				for i := range c.Headers {
					if c.Headers[i][0] == "Content-Length" && c.Headers[i][1] != "0" {
						c.Headers[i][1] = strconv.Itoa(len(want))
					}
				}
			}

			got := rd.Response(e, c.request())
			if got.Status() != native(c.Status) {
				t.Errorf("status = %q, want %q", got.Status(), c.Status)
			}
			gotFields := got.Header().Fields()
			wantFields := make([]response.Field, len(c.Headers))
			for i, h := range c.Headers {
				wantFields[i] = response.Field{Name: h[0], Value: native(h[1])}
			}
			if !equalFields(gotFields, wantFields) {
				t.Errorf("headers =\n\t%q\nwant\n\t%q", gotFields, wantFields)
			}
			gotBody, err := got.Body()
			if err != nil {
				t.Fatal(err)
			}
			if string(gotBody) != want {
				t.Errorf("body =\n%q\nwant\n%q", gotBody, want)
			}
			if kd.reason != "" {
				t.Logf("known difference: %s", kd.reason)
			}
		})
	}
	for k := range knownDifferences {
		if !used[k] {
			t.Errorf("knownDifferences[%q] matches no golden case", k)
		}
	}
}

func equalFields(a, b []response.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGoldenBodies compares Renderer.Body with WebOb's html_body,
// plain_body and json_body called directly, whatever the Accept header.
func TestGoldenBodies(t *testing.T) {
	t.Parallel()
	formats := map[string]exc.Format{"html": exc.FormatHTML, "plain": exc.FormatPlain, "json": exc.FormatJSON}
	types := map[string]string{"html": "text/html; charset=UTF-8", "plain": "text/plain; charset=UTF-8", "json": "application/json"}
	n := 0
	for _, c := range loadGolden(t) {
		if c.Bodies == nil {
			continue
		}
		group, _, _ := strings.Cut(c.Name, "/")
		// Only the differences of a whole group apply: those keyed by a
		// case name are about the format its Accept header chose.
		kd := knownDifferences[group]
		for name, want := range c.Bodies {
			n++
			if name == "html" && group == "new418" {
				want = strings.ReplaceAll(want, "I'm a teapot", "I&#x27;m a teapot") // as knownDifferences["new418/html"]
			}
			if kd.fix != nil {
				cc := c
				cc.Headers = append([][2]string(nil), c.Headers...)
				want = kd.fix(&cc, want)
			}
			body, ctype, err := kd.renderer.Body(c.build(), c.request(), formats[name])
			require.NoError(t, err, c.Name)
			assert.Equal(t, want, string(body), "%s: Body(%s)", c.Name, name)
			assert.Equal(t, types[name], ctype, "%s: Body(%s)", c.Name, name)
		}
	}
	require.Greater(t, n, 300)
	_, _, err := (*exc.Renderer)(nil).Body(exc.NotFound(""), request.New(request.Environ{}, nil), "text/csv")
	assert.ErrorIs(t, err, exc.ErrUnknownFormat)
}
