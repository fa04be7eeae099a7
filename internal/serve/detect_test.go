package serve

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDetectPage(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"raw", `package main
import "net/http"
func Application(w http.ResponseWriter, r *http.Request) {}`, true},
		{"raw aliased", `package main
import h "net/http"
func Application(w h.ResponseWriter, r *h.Request) {}`, true},
		{"webob", `package main
import ("github.com/gowebob/gowebob/request"; "github.com/gowebob/gowebob/response")
func Application(req *request.Request) (*response.Response, error) { return nil, nil }`, true},
		{"webob no error", `package main
import ("github.com/gowebob/gowebob/request"; resp "github.com/gowebob/gowebob/response")
func Application(req *request.Request) *resp.Response { return nil }`, true},
		{"webob app", `package main
import "github.com/gowebob/gowebob/request"
func Application(req *request.Request) (any, error) { return "hi", nil }`, true},
		{"webob app, interface{}", `package main
import "github.com/gowebob/gowebob/request"
func Application(req *request.Request) (interface{}, error) { return "hi", nil }`, true},
		{"an interface with methods", `package main
import "github.com/gowebob/gowebob/request"
func Application(req *request.Request) (interface{ M() }, error) { return nil, nil }`, false},
		{"no application", `package main
func Helper() {}`, false},
		{"method", `package main
import "net/http"
type T struct{}
func (T) Application(w http.ResponseWriter, r *http.Request) {}`, false},
		{"wrong shape", `package main
func Application(s string) {}`, false},
		{"wrong package", `package main
import "example.com/http"
func Application(w http.ResponseWriter, r *http.Request) {}`, false},
		{"declares main", `package main
import "net/http"
func main() {}
func Application(w http.ResponseWriter, r *http.Request) {}`, false},
		{"syntax error", `package main
func Application(`, false},
		{"generic", `package main
import "net/http"
func Application[T any](w http.ResponseWriter, r *http.Request) {}`, false},
	}
	for _, tt := range tests {
		info := detectPage([]byte(tt.src))
		assert.Equal(t, tt.want, info.isPage, "detectPage(%s).isPage", tt.name)
		// Only the syntax error does not parse: a page that no longer
		// parses is built (for its compiler errors), one that is not a page
		// any more is not.
		assert.Equal(t, tt.name != "syntax error", info.parses, "detectPage(%s).parses", tt.name)
	}
}
