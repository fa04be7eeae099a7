package header_test

import (
	"fmt"
	"time"

	"github.com/gowebob/gowebob/header"
)

// A Retry-After in seconds, and in its date form.
func ExampleFormatDateDelta() {
	fmt.Println(header.FormatDateDelta(90*time.Second + 900*time.Millisecond))
	fmt.Println(header.FormatHTTPDate(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)))
	// Output:
	// 90
	// Wed, 02 Jan 2030 03:04:05 GMT
}
