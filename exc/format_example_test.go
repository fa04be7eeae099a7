package exc_test

import (
	"fmt"

	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// Body renders one format whatever the client asked for, as WebOb's
// json_body(environ): here for a log line or a message queue.
func ExampleRenderer_Body() {
	var rd exc.Renderer
	req := request.New(request.Environ{"REQUEST_METHOD": "GET", "HTTP_ACCEPT": "text/html"}, nil)
	body, ctype, _ := rd.Body(exc.NotFound("No such order."), req, exc.FormatJSON)
	fmt.Println(ctype)
	fmt.Println(string(body))
	body, _, _ = rd.Body(exc.NotFound("No such order."), req, exc.FormatPlain)
	fmt.Printf("%q\n", body)
	// Output:
	// application/json
	// {"message": "The resource could not be found.<br /><br />\nNo such order.\n\n", "code": "404 Not Found", "title": "Not Found"}
	// "404 Not Found\n\nThe resource could not be found.\n\n No such order.  "
}
