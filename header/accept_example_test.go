package header_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/request"
)

func ExampleRequest_Accept() {
	r := httptest.NewRequest("GET", "/report", nil)
	r.Header.Set("Accept", "text/html;q=0.9, application/json")
	r.Header.Set("Accept-Language", "fr-CA, fr;q=0.8, en;q=0.5")
	r.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	req := request.FromHTTP(r, "")

	fmt.Println(req.Accept().AcceptableOffers([]string{"text/html", "application/json", "text/csv"}))
	fmt.Println(req.AcceptLanguage().Lookup([]string{"en", "fr"}, "en"))
	fmt.Println(req.AcceptEncoding().AcceptableOffers([]string{"gzip", "identity", "deflate"}))
	fmt.Println(req.AcceptCharset().Present())
	// Output:
	// [{application/json 1} {text/html 0.9}]
	// fr
	// [{identity 1} {gzip 0.8}]
	// false
}

func ExampleAccept_Preferred() {
	offers := []string{"text/html", "application/json"}
	a := header.ParseAccept("application/json, text/html;q=0.9")
	fmt.Println(a.Preferred(offers))

	// Nothing acceptable: false, and the caller picks its fallback.
	fmt.Println(header.ParseAccept("image/*").Preferred(offers))
	// Output:
	// application/json true
	//  false
}

func ExampleAccept_BestMatch() {
	a := header.ParseAccept("text/html, application/json;q=0.8, */*;q=0.1")
	fmt.Printf("%q\n", a.BestMatch([]string{"application/json", "text/html"}))
	fmt.Printf("%q\n", a.BestMatch([]string{"image/png", "application/json"}))
	fmt.Printf("%q\n", a.BestMatch([]string{"image/png"}))

	// An invalid or missing header accepts anything: the first offer wins.
	fmt.Printf("%q\n", header.ParseAccept("text/html;q=2").BestMatch([]string{"image/png", "text/html"}))
	// Output:
	// "text/html"
	// "application/json"
	// "image/png"
	// "image/png"
}

func ExampleAcceptLanguage_Lookup() {
	a := header.ParseAcceptLanguage("zh-Hant-TW, en;q=0.5")
	fmt.Println(a.Lookup([]string{"en", "zh-Hant", "zh"}, "de"))
	fmt.Println(a.Lookup([]string{"fr"}, "de"))
	fmt.Println(a.BasicFiltering([]string{"en-GB", "zh-Hant-TW", "fr"}))
	// Output:
	// zh-Hant
	// de
	// [{zh-Hant-TW 1} {en-GB 0.5}]
}
