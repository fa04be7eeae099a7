package request_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
)

// routingGolden is testdata/golden_routing.json, made from WebOb 1.8.6 by
// internal/golden/gen_routing.py.
type routingGolden struct {
	WebOb string `json:"webob_version"`
	Cases []struct {
		Name  string
		Start struct {
			Path    string
			Paste   map[string]string
			Routing []any
		}
		Ops    [][]any
		Expect []struct {
			URLVars    map[string]string `json:"urlvars"`
			URLArgs    []string          `json:"urlargs"`
			ScriptName string            `json:"script_name"`
			PathInfo   string            `json:"path_info"`
			HasPaste   bool              `json:"has_paste"`
			HasRouting bool              `json:"has_routing"`
			Result     *string
		}
	}
}

func TestRoutingGolden(t *testing.T) {
	t.Parallel()
	var g routingGolden
	testutil.LoadGolden(t, "golden_routing.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)
	require.NotEmpty(t, g.Cases)
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			path := c.Start.Path
			if path == "" {
				path = "/"
			}
			req, err := request.Blank(path, nil)
			require.NoError(t, err)
			if c.Start.Paste != nil {
				// Set through the environ as a router would: SetURLVars on
				// a fresh environ writes wsgiorg.routing_args instead.
				req.Environ["paste.urlvars"] = ""
				req.SetURLVars(c.Start.Paste)
			}
			if c.Start.Routing != nil {
				var args []string
				for _, a := range c.Start.Routing[0].([]any) {
					args = append(args, a.(string))
				}
				vars := map[string]string{}
				for k, v := range c.Start.Routing[1].(map[string]any) {
					vars[k] = v.(string)
				}
				paste, hasPaste := req.Environ["paste.urlvars"]
				delete(req.Environ, "paste.urlvars")
				req.SetURLArgs(args...)
				req.SetURLVars(vars)
				if hasPaste {
					req.Environ["paste.urlvars"] = paste
				}
			}
			for i, op := range c.Ops {
				var result *string
				switch op[0] {
				case "set_vars":
					vars := map[string]string{}
					for k, v := range op[1].(map[string]any) {
						vars[k] = v.(string)
					}
					req.SetURLVars(vars)
				case "set_args":
					var args []string
					for _, a := range op[1].([]any) {
						args = append(args, a.(string))
					}
					req.SetURLArgs(args...)
				case "pop":
					var (
						seg string
						ok  bool
					)
					if op[1] == nil {
						seg, ok = req.PathInfoPop()
					} else {
						re := regexp.MustCompile("^(?:" + op[1].(string) + ")")
						seg, ok = req.PathInfoPopMatch(re.MatchString)
					}
					if ok {
						result = &seg
					}
				}
				want := c.Expect[i]
				step := fmt.Sprintf("after op %d %v", i, op)
				assert.Equal(t, want.URLVars, req.URLVars(), step+": URLVars")
				assert.Equal(t, want.URLArgs, append([]string{}, req.URLArgs()...), step+": URLArgs")
				assert.Equal(t, want.ScriptName, req.ScriptName(), step+": ScriptName")
				assert.Equal(t, want.PathInfo, req.PathInfo(), step+": PathInfo")
				_, hasPaste := req.Environ["paste.urlvars"]
				_, hasRouting := req.Environ["wsgiorg.routing_args"]
				assert.Equal(t, want.HasPaste, hasPaste, step+": paste.urlvars present")
				assert.Equal(t, want.HasRouting, hasRouting, step+": wsgiorg.routing_args present")
				assert.Equal(t, want.Result, result, step+": popped")
			}
		})
	}
}

func TestRoutingArgsEscaping(t *testing.T) {
	t.Parallel()
	req := request.New(request.Environ{}, nil)
	req.SetURLArgs("a&b", "=", "")
	req.SetURLVars(map[string]string{"k=1": "v&2", "é": "%"})
	assert.Equal(t, []string{"a&b", "=", ""}, req.URLArgs())
	assert.Equal(t, map[string]string{"k=1": "v&2", "é": "%"}, req.URLVars())
	assert.Equal(t, "v&2", req.URLVar("k=1"))
	// They travel with the environ.
	hr, err := req.HTTPRequest()
	require.NoError(t, err)
	assert.Equal(t, req.URLVars(), request.FromHTTP(hr, "").URLVars())
}

// A router hands what it matched to the handler it calls, as WebOb's
// do-it-yourself tutorial does with urlvars.
func ExampleRequest_URLVars() {
	req, _ := request.Blank("/blog/2024/hello", nil)
	route := regexp.MustCompile(`^/blog/(?P<year>\d+)/(?P<slug>[^/]+)$`)
	if m := route.FindStringSubmatch(req.PathInfo()); m != nil {
		req.SetURLVars(map[string]string{"year": m[1], "slug": m[2]})
	}
	fmt.Println(req.URLVar("year"), req.URLVar("slug"))
	// Output: 2024 hello
}

// FuzzRoutingArgs: what SetURLArgs and SetURLVars store reads back the
// same, and any wsgiorg.routing_args value reads without panicking.
func FuzzRoutingArgs(f *testing.F) {
	f.Add("2024", "slug", "a b", "=&%zz")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, arg, name, value, raw string) {
		req := request.New(request.Environ{"wsgiorg.routing_args": raw}, nil)
		_, _ = req.URLArgs(), req.URLVars()
		req.SetURLArgs(arg)
		vars := map[string]string{}
		if name != "" {
			vars[name] = value
		}
		req.SetURLVars(vars)
		if got := req.URLArgs(); len(got) != 1 || got[0] != arg {
			t.Fatalf("URLArgs() = %q, want [%q]", got, arg)
		}
		if got := req.URLVars(); len(got) != len(vars) || got[name] != vars[name] {
			t.Fatalf("URLVars() = %q, want %q", got, vars)
		}
	})
}
