package pages

import (
	"strings"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// environOffers are the formats Environ can answer in, the default first.
var environOffers = []string{"text/plain", "application/json"}

// Environ dumps the CGI/WSGI environ the page sees (the seed's environ.py):
// one "KEY: value" line per key, sorted by key, as text/plain; charset=UTF-8.
// When the client prefers JSON, by req.Accept().BestMatch over text/plain and
// application/json, it answers with the same keys and values as a JSON object
// written as Python's json.dumps(environ, sort_keys=True) writes it, with
// "Content-Type: application/json". Either way the response has "Vary:
// Accept".
//
// The environ holds only strings: unlike a WSGI environ there is no
// wsgi.input, wsgi.errors or other Python object to print.
func Environ(req *request.Request) (*response.Response, error) {
	resp := response.New()
	if err := resp.SetVary("Accept"); err != nil {
		return nil, err
	}
	if req.Accept().BestMatch(environOffers) == "application/json" {
		body, err := appendPyJSON(nil, map[string]string(req.Environ))
		if err != nil {
			return nil, err
		}
		resp.SetContentType("application/json")
		resp.SetBody(body)
		return resp, nil
	}
	var b strings.Builder
	for _, k := range req.Environ.Keys() {
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(req.Environ[k])
		b.WriteByte('\n')
	}
	resp.SetContentType("text/plain")
	if err := resp.SetText(b.String()); err != nil {
		return nil, err
	}
	return resp, nil
}
