package cookies_test

import (
	"fmt"

	"github.com/gowebob/gowebob/cookies"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

// A signed profile stores a value in a cookie that the client can read but
// not change; WebOb's SignedCookieProfile with the same secret and salt
// reads it, and writes cookies this one reads.
func ExampleProfile() {
	p, err := cookies.NewSigned("session", "a secret of 64 bytes or more, for sha512", "session-salt", cookies.SignedOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p.Cookie = response.CookieOptions{HTTPOnly: true, SameSite: "Lax"}

	resp := response.New()
	if err := p.SetCookies(resp, map[string]string{"user": "ada"}); err != nil {
		fmt.Println(err)
		return
	}
	setCookie := resp.Header().Get("Set-Cookie")

	// The browser sends it back.
	name, rest, _ := cutByte(setCookie, ';')
	req := request.New(request.Environ{"HTTP_COOKIE": name}, nil)
	var v map[string]string
	fmt.Println(p.Value(req, &v), v["user"], rest)

	// A tampered cookie does not read.
	req = request.New(request.Environ{"HTTP_COOKIE": name[:len(name)-2] + "xx"}, nil)
	fmt.Println(p.Value(req, &v))
	// Output:
	// true ada  Path=/; HttpOnly; SameSite=Lax
	// false
}

func cutByte(s string, c byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// A SignedSerializer with an old secret still reads what was signed before
// the secret was replaced, and signs with the new one.
func ExampleSignedSerializer() {
	before, _ := cookies.NewSignedSerializer("old secret", "salt", cookies.SignedOptions{})
	signed, _ := before.Dumps(map[string]int{"uid": 7})

	after, _ := cookies.NewSignedSerializer("new secret", "salt", cookies.SignedOptions{OldSecrets: []string{"old secret"}})
	var v map[string]int
	fmt.Println(after.Loads(signed, &v), v["uid"])

	tampered := append([]byte{}, signed...)
	tampered[len(tampered)-1] ^= 1
	fmt.Println(after.Loads(tampered, &v) != nil)
	// Output:
	// <nil> 7
	// true
}
