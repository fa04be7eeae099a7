package request_test

import (
	"fmt"
	"net/http/httptest"
	"sort"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

// Cookies parses the Cookie header as WebOb does: quoted values are
// unquoted, cookie attributes and $-names are dropped, and the last of a
// repeated name wins.
func ExampleRequest_Cookies() {
	hr := httptest.NewRequest("GET", "http://example.com/", nil)
	hr.Header.Set("Cookie", `session=abc123; $Version=1; theme="dark blue"; path=/; session=def456`)
	req := request.FromHTTP(hr, "")

	cookies := req.Cookies()
	names := make([]string, 0, len(cookies))
	for name := range cookies {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("%s=%q\n", name, cookies[name])
	}
	theme, ok := req.Cookie("theme")
	fmt.Println(theme, ok)
	// Output:
	// session="def456"
	// theme="dark blue"
	// dark blue true
}

// ParseRange reads the first range of a Range header; RangeForLength and
// ContentRange say what to serve from an entity of a given length, and
// report false when a 416 is due.
func ExampleParseRange() {
	for _, h := range []string{"bytes=0-499", "bytes=-200", "bytes=9500-", "bytes=2000-"} {
		r, ok := header.ParseRange(h)
		if !ok {
			fmt.Println(h, "invalid")
			continue
		}
		if cr, ok := r.ContentRange(1000); ok {
			fmt.Printf("%s: %v -> %v\n", h, r, cr)
		} else {
			fmt.Printf("%s: %v -> not satisfiable\n", h, r)
		}
	}
	// Output:
	// bytes=0-499: bytes=0-499 -> bytes 0-499/1000
	// bytes=-200: bytes=-200 -> bytes 800-999/1000
	// bytes=9500-: bytes=9500- -> not satisfiable
	// bytes=2000-: bytes=2000- -> not satisfiable
}
