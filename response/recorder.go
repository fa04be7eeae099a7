package response

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
)

// FromRecorder returns the response a handler wrote to rec: its status
// (with WebOb's reason phrase), its headers and its body, so that a test can
// inspect it with Response's methods. http.Header does not keep the order
// of names, so the fields come sorted by canonical name, each name's values
// in order.
func FromRecorder(rec *httptest.ResponseRecorder) *Response {
	res := rec.Result()
	r := &Response{}
	if err := r.SetStatusCode(res.StatusCode); err != nil {
		r.status = strconv.Itoa(res.StatusCode) + " " + http.StatusText(res.StatusCode)
	}
	keys := make([]string, 0, len(res.Header))
	for k := range res.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range res.Header[k] {
			r.header.Add(k, v)
		}
	}
	if rec.Body != nil {
		r.body = bytes.Clone(rec.Body.Bytes())
	}
	return r
}

// Get calls h with req and returns the response it wrote, as WebOb's
// req.get_response(app) does; see FromRecorder.
func Get(h http.Handler, req *http.Request) *Response {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return FromRecorder(rec)
}
