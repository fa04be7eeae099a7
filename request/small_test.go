package request_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/testutil"
	"github.com/gowebob/gowebob/request"
)

// smallGolden is testdata/golden_small.json, made from WebOb 1.8.6 by
// internal/golden/gen_small.py.
type smallGolden struct {
	WebOb string `json:"webob_version"`
	Props []struct {
		Environ     map[string]string
		RemoteHost  *string `json:"remote_host"`
		MaxForwards any     `json:"max_forwards"`
		Pragma      *string
	}
	Environ struct {
		Start         map[string]string
		CopyGET       map[string]string `json:"copy_get"`
		Removed       map[string]string `json:"remove_conditional_headers"`
		OriginalAfter map[string]string `json:"original_after"`
	}
	RemoveOptions []struct {
		KW   map[string]bool `json:"kw"`
		Left []string
	} `json:"remove_options"`
	Setters []struct {
		Op      string
		Environ map[string]string
		Value   any
		Result  map[string]any
	}
	GetWrites []struct {
		QueryString string `json:"query_string"`
		Ops         [][]string
		Result      string
		Items       [][2]string
	} `json:"get_writes"`
	CookieWrites []struct {
		Header *string
		Op     []any
		Result any
		After  *string
	} `json:"cookie_writes"`
	Params struct {
		GetOne      map[string]any `json:"getone"`
		Mixed       map[string]any
		DictOfLists map[string][]string `json:"dict_of_lists"`
		Copy        [][2]string
	}
	Decode []struct {
		Environ map[string]string
		Body    string
		Charset *string
		Result  map[string]any
	}
	MultiDict struct {
		Base  [][2]string
		Cases []struct {
			Op     string
			Arg    any
			Result any
			Items  [][2]string
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func TestSmallGolden(t *testing.T) {
	t.Parallel()
	var g smallGolden
	testutil.LoadGolden(t, "golden_small.json", &g)
	require.Equal(t, "1.8.6", g.WebOb)

	for _, c := range g.Props {
		req := request.New(request.Environ(c.Environ), nil)
		assert.Equal(t, deref(c.RemoteHost), req.RemoteHost(), "%v", c.Environ)
		assert.Equal(t, deref(c.Pragma), req.Pragma(), "%v", c.Environ)
		n, ok := req.MaxForwards()
		switch want := c.MaxForwards.(type) {
		case nil:
			assert.False(t, ok, "%v", c.Environ)
		case float64:
			assert.True(t, ok, "%v", c.Environ)
			assert.Equal(t, int64(want), n, "%v", c.Environ)
		default:
			// WebOb raises ValueError on a bad Max-Forwards; bad client
			// input is not an exception here: it reads as absent.
			assert.False(t, ok, "%v", c.Environ)
		}
	}

	keys := func(req *request.Request) map[string]string {
		out := map[string]string{}
		for k := range g.Environ.Start {
			if v, ok := req.Environ[k]; ok {
				out[k] = v
			}
		}
		return out
	}
	env := request.Environ{}
	for k, v := range g.Environ.Start {
		env[k] = v
	}
	req := request.New(env, nil)
	req.SetBody([]byte("a=1"))
	cg := req.CopyGET()
	got := keys(cg)
	body, err := cg.Body()
	require.NoError(t, err)
	got["body"] = string(body)
	assert.Equal(t, g.Environ.CopyGET, got, "CopyGET")

	cp, err := req.Copy()
	require.NoError(t, err)
	cp.RemoveConditionalHeaders(request.KeepConditional{})
	assert.Equal(t, g.Environ.Removed, keys(cp), "RemoveConditionalHeaders")
	assert.Equal(t, g.Environ.OriginalAfter, keys(req), "the original is unchanged")

	for _, c := range g.MultiDict.Cases {
		var items []request.Item
		for _, kv := range g.MultiDict.Base {
			items = append(items, request.Item{Key: kv[0], Value: kv[1]})
		}
		md := request.NewMultiDict(items...)
		var result any
		switch c.Op {
		case "pop":
			if v, ok := md.Pop(c.Arg.(string)); ok {
				result = v
			} else {
				result = map[string]any{"error": "KeyError"}
			}
		case "popitem":
			it, _ := md.PopItem()
			result = []any{it.Key, it.Value}
		case "setdefault":
			a := c.Arg.([]any)
			result = md.SetDefault(a[0].(string), a[1].(string))
		case "update", "extend":
			var its []request.Item
			for _, p := range c.Arg.([]any) {
				kv := p.([]any)
				its = append(its, request.Item{Key: kv[0].(string), Value: kv[1].(string)})
			}
			if c.Op == "update" {
				md.Update(its...)
			} else {
				md.Extend(its...)
			}
		}
		assert.Equal(t, c.Result, result, "%s(%v)", c.Op, c.Arg)
		var gotItems [][2]string
		for _, it := range md.Items() {
			gotItems = append(gotItems, [2]string{it.Key, it.Value})
		}
		assert.Equal(t, c.Items, gotItems, "%s(%v) items", c.Op, c.Arg)
	}
}

// Pop and SetDefault work on the first value of a key, as in WebOb; Get
// reads the last.
func ExampleMultiDict_Pop() {
	md := request.NewMultiDict(request.Item{Key: "a", Value: "1"}, request.Item{Key: "a", Value: "2"})
	v, _ := md.Pop("a")
	fmt.Println(v, md.Get("a"), md.SetDefault("b", "x"), md.Len())
	// Output: 1 2 x 2
}
