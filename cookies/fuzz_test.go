package cookies_test

import (
	"strings"
	"testing"

	"github.com/gowebob/gowebob/cookies"
)

// FuzzSignedVerify: Verify never panics, and what verifies is what Sign
// writes for its data, give or take "=" padding and CR or LF (which
// encoding/base64 skips, as Python's decoder does), so no other string
// passes for a signed value.
func FuzzSignedVerify(f *testing.F) {
	ss, err := cookies.NewSignedSerializer("seekrit", "salty", cookies.SignedOptions{OldSecrets: []string{"old"}})
	if err != nil {
		f.Fatal(err)
	}
	good := ss.Sign([]byte(`{"a":1}`))
	for _, s := range []string{"", "!!!!", good, good + "=", good[:10], strings.ToUpper(good), "eyJ9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data, err := ss.Verify(s)
		if err != nil {
			return
		}
		canon := strings.TrimRight(strings.NewReplacer("\r", "", "\n", "").Replace(s), "=")
		if got := ss.Sign(data); got != canon {
			t.Fatalf("Verify(%q) = %q, but Sign of it is %q", s, data, got)
		}
		var v any
		_ = ss.Loads([]byte(s), &v)
	})
}

// FuzzBase64Loads: Loads never panics, and a value it reads writes back
// to something it reads as the same.
func FuzzBase64Loads(f *testing.F) {
	for _, s := range []string{"", "e30=", "e30", "!!!!", "bnVsbA==", "WzEsMl0="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if err := (cookies.Base64{}).Loads([]byte(s), &v); err != nil {
			return
		}
		b, err := (cookies.Base64{}).Dumps(v)
		if err != nil {
			t.Fatalf("Dumps(%#v) = %v", v, err)
		}
		var back any
		if err := (cookies.Base64{}).Loads(b, &back); err != nil {
			t.Fatalf("Loads(Dumps(%#v)) = %v", v, err)
		}
	})
}
