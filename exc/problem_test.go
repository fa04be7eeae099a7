package exc_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

func TestProblemJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		accept string
		wantCT string
	}{
		{"application/problem+json", "application/problem+json"},
		{"application/problem+json, application/json;q=0.9", "application/problem+json"},
		{"application/json, application/problem+json", "application/json"},
		{"*/*", "text/html; charset=UTF-8"},
		{"application/*", "application/json"},
		{"", "text/plain; charset=UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			t.Parallel()
			e := exc.UnprocessableEntity("The form has <b>2</b> problems.")
			e.Fields = []exc.FieldError{{Field: "name", Rule: "required", Message: "name is required."}}
			r := httptest.NewRequest("POST", "/signup", nil)
			if tt.accept != "" {
				r.Header.Set("Accept", tt.accept)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, r)
			assert.Equal(t, tt.wantCT, w.Header().Get("Content-Type"))
			if tt.wantCT != "application/problem+json" {
				return
			}
			var p map[string]any
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &p))
			assert.Equal(t, map[string]any{
				"type": "about:blank", "title": "Unprocessable Entity", "status": float64(422),
				"detail": "Unable to process the contained instructions The form has 2 problems.",
				"errors": []any{map[string]any{"field": "name", "rule": "required", "message": "name is required."}},
			}, p)
		})
	}
}

// A client that asks for RFC 9457 problem details gets them; WebOb's HTML,
// JSON and plain-text pages are unchanged for everyone else.
func ExampleHTTPError_problemJSON() {
	r := httptest.NewRequest("GET", "/items/7", nil)
	r.Header.Set("Accept", "application/problem+json")
	w := httptest.NewRecorder()
	exc.NotFound("No item 7.").ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Println(w.Body.String())
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The resource could not be found. No item 7."}
}

func TestPerErrorJSON(t *testing.T) {
	t.Parallel()
	e := exc.Conflict("taken")
	e.JSON = func(body, status, title string, _ *request.Request) any {
		return map[string]string{"error": "conflict", "status": status}
	}
	rd := &exc.Renderer{JSON: func(string, string, string, *request.Request) any { return "renderer's" }}
	for _, render := range []func(http.ResponseWriter, *http.Request){
		e.ServeHTTP,
		func(w http.ResponseWriter, r *http.Request) { rd.Error(w, r, e) },
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		render(w, r)
		assert.Equal(t, `{"error":"conflict","status":"409 Conflict"}`, w.Body.String())
	}
	// Other errors keep the Renderer's.
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept", "application/json")
	w := httptest.NewRecorder()
	rd.Error(w, r, exc.NotFound(""))
	assert.Equal(t, `"renderer's"`, w.Body.String())
}
