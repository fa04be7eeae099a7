package header_test

import (
	"fmt"

	"github.com/gowebob/gowebob/header"
)

func ExampleSetCookieValue() {
	h, _ := header.SetCookieValue("a=1; b=2", "a", "new")
	fmt.Println(h)
	h, _ = header.SetCookieValue(h, "c", `say "hi"`)
	fmt.Println(h)
	_, err := header.SetCookieValue(h, "path", "x")
	fmt.Println(err)
	// Output:
	// a=new; b=2
	// a=new; b=2; c="say \042hi\042"
	// header: invalid cookie name: "path"
}

func ExampleRemoveCookieValue() {
	h, found, _ := header.RemoveCookieValue("a=1; b=2; c=3", "b")
	fmt.Println(h, found)
	// Output: a=1; c=3 true
}
