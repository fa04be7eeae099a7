package httplex

import (
	"strings"
	"testing"
)

// TestIsTokenByte checks the table against RFC 7230's tchar for every byte.
func TestIsTokenByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		want := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
		if got := IsTokenByte(b); got != want {
			t.Errorf("IsTokenByte(%q) = %v, want %v", b, got, want)
		}
	}
	for s, want := range map[string]bool{"": false, "Set-Cookie": true, "a b": false, "x;": false, "ü": false} {
		if got := IsToken(s); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAppendQuoted(t *testing.T) {
	safe := NewSafeSet("/")
	got := string(AppendQuoted([]byte("x:"), "/a b/ü~_.-%?", safe))
	if want := "x:/a%20b/%C3%BC~_.-%25%3F"; got != want {
		t.Errorf("AppendQuoted = %q, want %q", got, want)
	}
}

// TestCutSpace: runs of any ASCII whitespace separate, other Unicode
// spaces do not, and the rest is kept as it stands.
func TestCutSpace(t *testing.T) {
	tests := []struct {
		in, before, after string
		ok                bool
	}{
		{"a b", "a", "b", true},
		{"a \t\v\f\r\n b  c ", "a", "b  c ", true},
		{"a\u0085b\u00a0c", "a\u0085b\u00a0c", "", false},
		{"a ", "a", "", true},
		{"", "", "", false},
	}
	for _, tt := range tests {
		before, after, ok := CutSpace(tt.in)
		if before != tt.before || after != tt.after || ok != tt.ok {
			t.Errorf("CutSpace(%q) = %q, %q, %v; want %q, %q, %v", tt.in, before, after, ok, tt.before, tt.after, tt.ok)
		}
	}
}
