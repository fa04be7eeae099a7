package request

import (
	"iter"
	"sort"
	"strings"
)

// Headers is a case-insensitive, single-valued view of the request headers
// held in an Environ, as WebOb's EnvironHeaders: Content-Type and
// Content-Length map to CONTENT_TYPE and CONTENT_LENGTH, every other name
// to HTTP_NAME with '-' as '_'.
type Headers struct {
	env Environ
}

// Headers returns the header view of r's Environ. Changes through it change
// the Environ.
func (r *Request) Headers() Headers { return Headers{env: r.Environ} }

// Header returns the value of the named header, "" when absent.
func (r *Request) Header(name string) string { return r.Environ[headerKey(name)] }

// commonHeaderKeys are the environ keys of the headers most requests carry,
// under their canonical names, so that FromHTTP does not build them.
var commonHeaderKeys = func() map[string]string {
	m := make(map[string]string)
	for _, name := range []string{"Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language",
		"Authorization", "Cache-Control", "Connection", "Cookie", "Dnt", "Forwarded", "If-Match",
		"If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Origin", "Pragma",
		"Priority", "Range", "Referer", "Sec-Ch-Ua", "Sec-Ch-Ua-Mobile", "Sec-Ch-Ua-Platform",
		"Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User", "Te", "Upgrade",
		"Upgrade-Insecure-Requests", "User-Agent", "Via", "X-Forwarded-For", "X-Forwarded-Host",
		"X-Forwarded-Proto", "X-Real-Ip", "X-Request-Id", "X-Requested-With", "Content-Type",
		"Content-Length", "Host"} {
		m[name] = buildHeaderKey(name)
	}
	return m
}()

// headerKey maps a header name to its environ key.
func headerKey(name string) string {
	if key, ok := commonHeaderKeys[name]; ok {
		return key
	}
	return buildHeaderKey(name)
}

func buildHeaderKey(name string) string {
	switch {
	case strings.EqualFold(name, "Content-Type"):
		return "CONTENT_TYPE"
	case strings.EqualFold(name, "Content-Length"):
		return "CONTENT_LENGTH"
	case strings.EqualFold(name, "Content_Type"):
		return "HTTP_CONTENT_TYPE"
	case strings.EqualFold(name, "Content_Length"):
		return "HTTP_CONTENT_LENGTH"
	}
	b := make([]byte, 0, 5+len(name))
	b = append(b, "HTTP_"...)
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '-':
			c = '_'
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// headerName maps an environ key to its header name, "" for keys that are
// not headers. HTTP_X_FORWARDED_FOR gives X-Forwarded-For, capitalised like
// Python's str.title.
func headerName(key string) string {
	switch key {
	case "CONTENT_TYPE":
		return "Content-Type"
	case "CONTENT_LENGTH":
		return "Content-Length"
	case "HTTP_CONTENT_TYPE":
		return "Content_Type"
	case "HTTP_CONTENT_LENGTH":
		return "Content_Length"
	}
	rest, ok := strings.CutPrefix(key, "HTTP_")
	if !ok {
		return ""
	}
	b := []byte(strings.ReplaceAll(rest, "_", "-"))
	cased := false
	for i, c := range b {
		isUpper, isLower := 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z'
		switch {
		case isUpper && cased:
			b[i] = c + ('a' - 'A')
		case isLower && !cased:
			b[i] = c - ('a' - 'A')
		}
		cased = isUpper || isLower
	}
	return string(b)
}

// Get returns the value of the named header, "" when absent.
func (h Headers) Get(name string) string { return h.env[headerKey(name)] }

// Lookup returns the value of the named header and whether it is present.
func (h Headers) Lookup(name string) (string, bool) {
	v, ok := h.env[headerKey(name)]
	return v, ok
}

// Set sets the named header.
func (h Headers) Set(name, value string) { h.env[headerKey(name)] = value }

// Del removes the named header.
func (h Headers) Del(name string) { delete(h.env, headerKey(name)) }

// All iterates the headers as (name, value), sorted by name so that the
// order is stable.
func (h Headers) All() iter.Seq2[string, string] {
	type kv struct{ k, v string }
	var hs []kv
	for key, v := range h.env {
		if name := headerName(key); name != "" {
			hs = append(hs, kv{name, v})
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].k < hs[j].k })
	return func(yield func(string, string) bool) {
		for _, e := range hs {
			if !yield(e.k, e.v) {
				return
			}
		}
	}
}
