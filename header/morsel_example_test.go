package header_test

import (
	"fmt"

	"github.com/gowebob/gowebob/header"
)

// Morsels parses cookies with their attributes and writes them back, as
// WebOb's cookies.Cookie.
func ExampleParseMorsels() {
	s := header.ParseMorsels("sid=abc; Path=/app; secure=1; theme=dark")
	full, _ := s.Serialize(true)
	short, _ := s.Serialize(false)
	fmt.Println(full)
	fmt.Println(short)
	// Output:
	// sid=abc; Path=/app; secure; theme=dark
	// sid=abc; theme=dark
}

func ExampleMorsels_Add() {
	var s header.Morsels
	m := s.Add("lang", "fr CA")
	m.Path, m.HTTPOnly = "/", true
	fmt.Println(s.Add("$bad", "x") == nil, s.Len())
	out, _ := s.Serialize(true)
	fmt.Println(out)
	// Output:
	// true 1
	// lang="fr CA"; Path=/; HttpOnly
}

func ExampleMorsels_Get() {
	m, ok := header.ParseMorsels("a=1; Domain=example.com").Get("a")
	fmt.Println(ok, m.Value, m.Domain)
	// Output: true 1 example.com
}

func ExampleMorsels_All() {
	for _, m := range header.ParseMorsels("b=2; a=1").All() {
		fmt.Println(m.Name, m.Value)
	}
	// Output:
	// a 1
	// b 2
}

func ExampleMorsel_Serialize() {
	m := header.Morsel{Name: "id", Value: "7", SameSite: "None"}
	_, err := m.Serialize(true)
	fmt.Println(err)
	m.Secure = true
	out, _ := m.Serialize(true)
	fmt.Println(out)
	// Output:
	// header: SameSite=None requires Secure
	// id=7; secure; SameSite=None
}
