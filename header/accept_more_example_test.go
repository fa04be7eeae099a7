package header_test

import (
	"fmt"

	"github.com/gowebob/gowebob/header"
)

// Parsed gives the elements of the header, as WebOb's parsed.
func ExampleAccept_Parsed() {
	a := header.ParseAccept(`text/html; level="1";q=0.5;ext, */*;q=0.1`)
	ranges, ok := a.Parsed()
	fmt.Println(ok)
	for _, m := range ranges {
		fmt.Println(m.Range, m.Q, m.Params, m.Extensions)
	}
	_, ok = header.ParseAccept("not a media range").Parsed()
	fmt.Println(ok)
	// Output:
	// true
	// text/html;level=1 0.5 [{level 1 false}] [{ext  true}]
	// */* 0.1 [] []
	// false
}

func ExampleAcceptLanguage_Parsed() {
	items, _ := header.ParseAcceptLanguage("en-GB;q=0.8, fr").Parsed()
	fmt.Println(items)
	// Output: [{en-GB 0.8} {fr 1}]
}

func ExampleAcceptCharset_Parsed() {
	items, _ := header.ParseAcceptCharset("utf-8, iso-8859-1;q=0.5").Parsed()
	fmt.Println(items)
	// Output: [{utf-8 1} {iso-8859-1 0.5}]
}

// The server prefers JSON; the client's q and the server's multiply.
func ExampleAccept_BestMatchQ() {
	a := header.ParseAccept("text/html, application/json;q=0.9")
	best, ok := a.BestMatchQ([]header.Offer{{Value: "text/html", Q: 0.5}, {Value: "application/json", Q: 1}})
	fmt.Println(best, ok)
	_, ok = a.BestMatchQ([]header.Offer{{Value: "image/png", Q: 1}})
	fmt.Println(ok)
	// Output:
	// application/json true
	// false
}

func ExampleAcceptEncoding_BestMatchQ() {
	a := header.ParseAcceptEncoding("gzip, br")
	best, _ := a.BestMatchQ([]header.Offer{{Value: "gzip", Q: 0.8}, {Value: "br", Q: 1}})
	fmt.Println(best)
	// Output: br
}

// LookupWith falls back to a default range, then a default tag; false
// means the caller's own default, as WebOb's default argument.
func ExampleAcceptLanguage_LookupWith() {
	a := header.ParseAcceptLanguage("de-AT, ja;q=0.5")
	tags := []string{"en", "en-GB", "fr"}
	tag, ok := a.LookupWith(tags, header.LookupOptions{DefaultRange: "en-GB-oxendict", DefaultTag: "fr"})
	fmt.Println(tag, ok)
	_, ok = header.ParseAcceptLanguage("de, *;q=0").LookupWith(tags, header.LookupOptions{DefaultTag: "fr"})
	fmt.Println(ok)
	// Output:
	// en-GB true
	// false
}

// ParseOffer splits a media type the server offers, as WebOb's
// Accept.parse_offer.
func ExampleParseOffer() {
	o, err := header.ParseOffer(`Application/JSON ; Charset="utf-8"`)
	fmt.Println(o.Type, o.Subtype, o.Params, o, err)
	_, err = header.ParseOffer("text/*")
	fmt.Println(err)
	// Output:
	// application json [{charset utf-8 false}] application/json;charset=utf-8 <nil>
	// header: invalid Accept offer: "text/*"
}

// Add combines two headers as WebOb's a + b: a proxy adding its own
// preferences to a client's.
func ExampleAccept_Add() {
	client := header.ParseAccept("text/html")
	sum := client.Add(header.ParseAccept("application/json;q=0.5"))
	h, _ := sum.Header()
	fmt.Println(h)
	h, _ = client.Add(header.ParseAccept("not valid")).Header()
	fmt.Println(h)
	// Output:
	// text/html, application/json;q=0.5
	// text/html
}

func ExampleAcceptLanguage_Add() {
	h, _ := header.ParseAcceptLanguage("en").Add(header.ParseAcceptLanguage("fr;q=0.5")).Header()
	fmt.Println(h)
	// Output: en, fr;q=0.5
}

func ExampleAcceptCharset_Add() {
	h, _ := header.AcceptCharset{}.Add(header.ParseAcceptCharset("utf-8")).Header()
	fmt.Println(h)
	// Output: utf-8
}

func ExampleAcceptEncoding_Add() {
	h, _ := header.ParseAcceptEncoding("gzip").Add(header.ParseAcceptEncoding("br")).Header()
	fmt.Println(h)
	// Output: gzip, br
}
