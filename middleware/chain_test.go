package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gowebob/gowebob/middleware"
)

func tag(name string, trace *[]string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			*trace = append(*trace, name)
			next.ServeHTTP(w, r)
		})
	}
}

func TestChain(t *testing.T) {
	t.Parallel()
	var trace []string
	mws := []func(http.Handler) http.Handler{tag("a", &trace), tag("b", &trace), tag("c", &trace)}
	h := middleware.Chain(mws...)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trace = append(trace, "h")
	}))
	mws[0] = tag("changed", &trace) // Chain keeps its own copy
	serve(t, h, httptest.NewRequest("GET", "/", nil))
	if got := strings.Join(trace, ","); got != "a,b,c,h" {
		t.Errorf("Chain(a, b, c)(h) ran %s, want a,b,c,h", got)
	}
	if got := middleware.Chain()(hello); got == nil {
		t.Errorf("Chain()(h) = nil")
	}
}

func TestChainPanics(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func(){
		"nil middleware": func() { middleware.Chain(nil) },
		"nil handler":    func() { middleware.Chain(middleware.Recover)(nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if v, _ := recover().(string); !strings.HasPrefix(v, "middleware: Chain: ") {
					t.Errorf("panic = %q, want a middleware: Chain: panic", v)
				}
			}()
			f()
		})
	}
}
