// Package webobtest holds helpers for the tests of code that uses gowebob:
// a Request made from a URL that panics on a bad one, and a Response read
// from an httptest.ResponseRecorder.
//
// It is a package of its own, as net/http/httptest is, so that no
// program links net/http/httptest only because the request or response
// package offers a test helper.
package webobtest

import (
	"net/http/httptest"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// NewRequest returns request.Blank(target, opts), and panics where Blank
// returns an error, as httptest.NewRequest does "for ease of use in
// testing".
func NewRequest(target string, opts *request.BlankOptions) *request.Request {
	r, err := request.Blank(target, opts)
	if err != nil {
		panic("webobtest: " + err.Error())
	}
	return r
}

// FromRecorder returns the response a handler wrote to rec, as a
// *response.Response (see response.FromHTTP): its status with WebOb's
// reason phrase, its headers sorted by name and its body.
func FromRecorder(rec *httptest.ResponseRecorder) *response.Response {
	r, err := response.FromHTTP(rec.Result())
	if err != nil {
		panic("webobtest: " + err.Error()) // a recorder's body cannot fail
	}
	return r
}
