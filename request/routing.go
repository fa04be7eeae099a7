package request

import (
	"net/url"
	"sort"
	"strings"
)

// The routing arguments of WSGI's wsgiorg.routing_args (positional and
// named values a router matched in the URL, WebOb's urlargs and urlvars)
// are Python objects in WebOb's environ. An Environ holds strings, so they
// are kept under the same keys encoded as a query string: each positional
// argument as a pair with an empty name ("=2024"), in order, then each
// named one ("slug=hello"), sorted by name. paste.urlvars, which WebOb
// reads first when present, holds named values only. Encoding them in the
// environ rather than on the Request is what makes them travel with it:
// through Copy, HTTPRequest and response.Send, to the handler a router
// hands the request to.

// Environ keys of the routing arguments.
const (
	routingArgsKey  = "wsgiorg.routing_args"
	pasteURLVarsKey = "paste.urlvars"
)

// URLVars returns the named routing arguments (WebOb's urlvars): those of
// paste.urlvars when the environ has it, else those of
// wsgiorg.routing_args. The map is a copy, never nil; change the request's
// with SetURLVars.
func (r *Request) URLVars() map[string]string {
	if v, ok := r.Environ[pasteURLVarsKey]; ok {
		_, vars := decodeRoutingArgs(v)
		return vars
	}
	_, vars := decodeRoutingArgs(r.Environ[routingArgsKey])
	return vars
}

// URLVar returns the named routing argument name, "" when there is none.
func (r *Request) URLVar(name string) string { return r.URLVars()[name] }

// SetURLVars sets the named routing arguments, as WebOb's urlvars setter:
// in wsgiorg.routing_args when the environ has it (removing
// paste.urlvars), else in paste.urlvars when it has that, else in a new
// wsgiorg.routing_args. A nil or empty vars clears them.
func (r *Request) SetURLVars(vars map[string]string) {
	if r.Environ == nil {
		r.Environ = Environ{}
	}
	if v, ok := r.Environ[routingArgsKey]; ok {
		args, _ := decodeRoutingArgs(v)
		r.Environ[routingArgsKey] = encodeRoutingArgs(args, vars)
		delete(r.Environ, pasteURLVarsKey)
		return
	}
	if _, ok := r.Environ[pasteURLVarsKey]; ok {
		r.Environ[pasteURLVarsKey] = encodeRoutingArgs(nil, vars)
		return
	}
	r.Environ[routingArgsKey] = encodeRoutingArgs(nil, vars)
}

// URLArgs returns the positional routing arguments (WebOb's urlargs), nil
// for none.
func (r *Request) URLArgs() []string {
	args, _ := decodeRoutingArgs(r.Environ[routingArgsKey])
	return args
}

// SetURLArgs sets the positional routing arguments, as WebOb's urlargs
// setter: the named ones are kept, and those of paste.urlvars move into
// wsgiorg.routing_args.
func (r *Request) SetURLArgs(args ...string) {
	if r.Environ == nil {
		r.Environ = Environ{}
	}
	var vars map[string]string
	if v, ok := r.Environ[pasteURLVarsKey]; ok {
		_, vars = decodeRoutingArgs(v)
		delete(r.Environ, pasteURLVarsKey)
	} else {
		_, vars = decodeRoutingArgs(r.Environ[routingArgsKey])
	}
	r.Environ[routingArgsKey] = encodeRoutingArgs(args, vars)
}

// encodeRoutingArgs writes args and vars as the environ keeps them.
func encodeRoutingArgs(args []string, vars map[string]string) string {
	var b strings.Builder
	for _, a := range args {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(a))
	}
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(vars[k]))
	}
	return b.String()
}

// decodeRoutingArgs reads what encodeRoutingArgs wrote. A pair that does
// not decode is skipped; an empty-named pair is a positional argument, so
// a named argument cannot have the empty name.
func decodeRoutingArgs(s string) (args []string, vars map[string]string) {
	vars = make(map[string]string)
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		k, v, _ := strings.Cut(pair, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || pair == "" {
			continue
		}
		if k == "" {
			args = append(args, v)
		} else {
			vars[k] = v
		}
	}
	return args, vars
}
