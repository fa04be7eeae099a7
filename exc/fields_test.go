package exc_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// TestBindErrorFields renders a validation failure for each Accept: the
// field errors are listed in JSON, HTML and plain text.
func TestBindErrorFields(t *testing.T) {
	be := &bind.Error{Code: 422, Message: "The form has invalid fields.", Fields: []exc.FieldError{
		{Field: "first_name", Rule: "required", Message: "first_name is required"},
		{Field: "age", Rule: "min", Message: "age must be at least <18>"},
	}}
	e := exc.FromError(fmt.Errorf("binding: %w", be))
	require.Equal(t, 422, e.Code)

	r := webobtest.NewRequest("/form", &request.BlankOptions{Headers: map[string]string{"Accept": "application/json"}})
	body, err := e.Response(r).Body()
	require.NoError(t, err)
	var doc struct {
		Code, Title, Message string
		Errors               []exc.FieldError
	}
	require.NoError(t, json.Unmarshal(body, &doc), string(body))
	assert.Equal(t, "422 Unprocessable Entity", doc.Code)
	assert.Equal(t, be.Fields, doc.Errors)

	r = webobtest.NewRequest("/form", &request.BlankOptions{Headers: map[string]string{"Accept": "text/html"}})
	body, _ = e.Response(r).Body()
	assert.Contains(t, string(body), "<li>first_name is required</li>")
	assert.Contains(t, string(body), "age must be at least &lt;18&gt;", "field messages are escaped in HTML")

	r = webobtest.NewRequest("/form", nil)
	body, _ = e.Response(r).Body()
	assert.Contains(t, string(body), "- first_name is required")
}
