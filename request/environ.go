package request

import "sort"

// Environ is the CGI/WSGI view of one request: REQUEST_METHOD, SCRIPT_NAME,
// PATH_INFO, QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH, SERVER_NAME,
// SERVER_PORT, SERVER_PROTOCOL, REMOTE_ADDR, wsgi.url_scheme and one
// HTTP_NAME key per request header.
//
// Values are byte strings exactly as a CGI server hands them over: PATH_INFO
// and SCRIPT_NAME are percent-decoded but not UTF-8 decoded, QUERY_STRING is
// raw. Unlike Python's WSGI environ, Environ holds only strings; the body is
// given to New separately.
type Environ map[string]string

// Clone returns a copy of e that shares nothing with it.
func (e Environ) Clone() Environ {
	c := make(Environ, len(e))
	for k, v := range e {
		c[k] = v
	}
	return c
}

// Keys returns the keys of e in sorted order, so that dumps are stable.
func (e Environ) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// get returns e[key], or def when key is absent.
func (e Environ) get(key, def string) string {
	if v, ok := e[key]; ok {
		return v
	}
	return def
}
