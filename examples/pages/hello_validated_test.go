package pages_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gowebob/gowebob/examples/pages"
	"github.com/gowebob/gowebob/webob"
)

func TestHelloWebObValidated(t *testing.T) {
	h := webob.Handle(pages.HelloWebObValidated)
	tests := []struct {
		name, method, body string
		code               int
		contains, absent   []string
	}{
		{"form", "GET", "", 200, []string{`<form method="POST" action="http://example.com/v">`}, []string{"errors", "Hello,"}},
		{"missing first name", "POST", "lastname=Lovelace", 422,
			[]string{`<ul class="errors"><li>`, "firstname", `name="lastname" value="Lovelace"`}, []string{"Hello,"}},
		{"valid", "POST", "firstname=Ada&lastname=%3Cb%3E", 200,
			[]string{"<p>Hello, Ada &lt;b&gt;!</p>", `value="Ada"`}, []string{"errors"}},
		{"malformed: a huge index", "POST", "firstname=Ada&x.1000000000=1", 400, nil, nil},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "http://example.com/v", strings.NewReader(tt.body))
		if tt.body != "" {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		assert.Equal(t, tt.code, w.Code, tt.name)
		for _, s := range tt.contains {
			assert.Contains(t, w.Body.String(), s, tt.name)
		}
		for _, s := range tt.absent {
			assert.NotContains(t, w.Body.String(), s, tt.name)
		}
	}
}
