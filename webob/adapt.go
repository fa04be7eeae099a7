package webob

import (
	"fmt"
	"net/http"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// Adapt returns an http.Handler for app, which may be any of the shapes an
// application takes:
//
//   - func(*request.Request) (*response.Response, error), or a Func
//   - func(*request.Request) *response.Response
//   - func(*request.Request) (any, error), or an App (see App)
//   - func(http.ResponseWriter, *http.Request), raw net/http (the seed's
//     hello page)
//   - an http.Handler
//
// Raw net/http applications get the same panic handling as the others: a
// panic before the response started is a 500, logged with its stack.
//
// Anything else is an error: it is a mistake made at set-up, so callers that
// know their app usually wrap Adapt in a function that panics.
func Adapt(app any) (http.Handler, error) {
	switch f := app.(type) {
	case nil:
		return nil, fmt.Errorf("webob: Adapt(nil)")
	case Func:
		return Handle(f), nil
	case func(*request.Request) (*response.Response, error):
		return Handle(f), nil
	case func(*request.Request) *response.Response:
		return Handle(func(r *request.Request) (*response.Response, error) { return f(r), nil }), nil
	case App:
		return HandleApp(f), nil
	case func(*request.Request) (any, error):
		return HandleApp(f), nil
	case *Handler:
		return f, nil
	case http.Handler:
		return rawHandler{h: f}, nil
	case func(http.ResponseWriter, *http.Request):
		return rawHandler{h: http.HandlerFunc(f)}, nil
	}
	return nil, fmt.Errorf("webob: Adapt: %T is not an application shape", app)
}

// MustAdapt is Adapt that panics on an error, for use at set-up.
func MustAdapt(app any) http.Handler {
	h, err := Adapt(app)
	if err != nil {
		panic(err)
	}
	return h
}
