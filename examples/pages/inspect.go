package pages

import (
	"sort"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// The offers inspect.py negotiates with.
var (
	inspectOffers = []string{"text/html", "application/json", "text/plain"}
	inspectLangs  = []string{"en", "fr", "de"}
)

// maxPopped is where inspect.py stops popping: after more than 50 segments.
const maxPopped = 50

// inspectError is the value of a field whose computation failed.
const inspectError = "error"

// Inspect answers every request with a JSON document of what the request
// package makes of it, the Go twin of the seed's inspect.py on WebOb: the
// same keys, the same value types and the same bytes, written as Python's
// json.dumps(d, sort_keys=True) writes them (", " and ": " separators,
// non-ASCII as \uXXXX escapes), with "Content-Type: application/json".
//
// The keys are method, scheme, host, host_url, application_url, path_url,
// url, path, path_qs, script_name, path_info, query_string; GET, POST and
// params as [key, value] lists in wire order, an upload as "file:NAME";
// cookies as [name, value] lists sorted by name; content_type, charset and
// content_length (null without one); accept_best and accept_language_best,
// the legacy best match among text/html, application/json, text/plain and
// among en, fr, de (null for none); is_xhr; if_none_match as WebOb's
// str(req.if_none_match); popped, the segments PathInfoPop takes from a copy
// of the request's environ (at most 51, as inspect.py), and script_after_pop, the
// copy's SCRIPT_NAME afterwards.
//
// A field that cannot be computed is the string "error". inspect.py itself
// does this only for POST; where WebOb raises elsewhere (a query string that
// is not UTF-8 makes GET and params raise, and POST's failure makes params
// raise) it answers 500, while Inspect still answers 200 with the fields it
// has. Strings hold bytes where WebOb decodes or raises (a path that is not
// UTF-8); their invalid bytes are written as \ufffd.
func Inspect(req *request.Request) (*response.Response, error) {
	body, err := appendPyJSON(nil, inspect(req))
	if err != nil {
		return nil, err
	}
	resp := response.New()
	resp.SetContentType("application/json")
	resp.SetBody(body)
	return resp, nil
}

// inspect builds inspect.py's dictionary for req.
func inspect(req *request.Request) map[string]any {
	d := map[string]any{
		"method":          req.Method(),
		"scheme":          req.Scheme(),
		"host":            req.Host(),
		"host_url":        req.HostURL(),
		"application_url": req.ApplicationURL(),
		"path_url":        req.PathURL(),
		"url":             req.URL(),
		"path":            req.Path(),
		"path_qs":         req.PathQS(),
		"script_name":     req.ScriptName(),
		"path_info":       req.PathInfo(),
		"query_string":    req.QueryString(),
	}
	d["GET"] = inspectError
	if get, err := req.GET(); err == nil {
		d["GET"] = pairs(get.Items())
	}
	d["POST"] = inspectError
	if post, err := req.POST(); err == nil {
		d["POST"] = pairs(post.Items())
	}
	d["params"] = inspectError
	if params, err := req.Params(); err == nil {
		d["params"] = pairs(params.Items())
	}
	cookies := req.Cookies()
	names := make([]string, 0, len(cookies))
	for name := range cookies {
		names = append(names, name)
	}
	sort.Strings(names)
	cl := make([]any, len(names))
	for i, name := range names {
		cl[i] = []string{name, cookies[name]}
	}
	d["cookies"] = cl
	d["content_type"] = req.ContentType()
	d["charset"] = req.Charset()
	d["content_length"] = nil
	if n, ok := req.ContentLength(); ok {
		d["content_length"] = n
	}
	d["accept_best"] = noneIfEmpty(req.Accept().BestMatch(inspectOffers))
	d["accept_language_best"] = noneIfEmpty(req.AcceptLanguage().BestMatch(inspectLangs))
	d["is_xhr"] = req.IsXHR()
	d["if_none_match"] = req.IfNoneMatch().String()

	// inspect.py pops from req.copy(); the body plays no part in it, so a
	// copy of the environ is enough.
	r2 := request.New(req.Environ.Clone(), nil)
	segs := []string{}
	for len(segs) <= maxPopped {
		s, ok := r2.PathInfoPop()
		if !ok {
			break
		}
		segs = append(segs, s)
	}
	d["popped"], d["script_after_pop"] = segs, r2.ScriptName()
	return d
}

// pairs returns items as [key, value] lists, a file as [key, "file:NAME"].
func pairs(items []request.Item) []any {
	out := make([]any, len(items))
	for i, it := range items {
		v := it.Value
		if it.File != nil {
			v = "file:" + it.File.Filename
		}
		out[i] = []string{it.Key, v}
	}
	return out
}

// noneIfEmpty returns nil, JSON's null and Python's None, for "".
func noneIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
