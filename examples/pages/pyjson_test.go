package pages

import (
	"encoding/json"
	"testing"
)

func TestAppendPyJSON(t *testing.T) {
	// The want values are what Python 3's json.dumps(v, sort_keys=True)
	// prints for the same values.
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, `null`},
		{"true", true, `true`},
		{"false", false, `false`},
		{"int", -5, `-5`},
		{"int64", int64(1) << 40, `1099511627776`},
		{"empty string", "", `""`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"named controls", "\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"other controls and DEL", "\x00\x1f\x7f", `"\u0000\u001f\u007f"`},
		{"html characters kept", `<>&/'`, `"<>&/'"`},
		{"non-ASCII escaped", "é✓", `"\u00e9\u2713"`},
		{"astral as surrogate pair", "😀", `"\ud83d\ude00"`},
		{"replacement character", "\ufffd", `"\ufffd"`},
		{"invalid UTF-8", "a\xffb\xc3", `"a\ufffdb\ufffd"`},
		{"string list", []string{"x", "1"}, `["x", "1"]`},
		{"empty lists", []any{[]string{}, []any{}}, `[[], []]`},
		{"pairs", []any{[]string{"x", "1"}, []string{"x", "2"}}, `[["x", "1"], ["x", "2"]]`},
		{"sorted keys", map[string]any{"b": 1, "a": []any{true, false, nil}, "é": map[string]any{}, "A": []any{}},
			`{"A": [], "a": [true, false, null], "b": 1, "\u00e9": {}}`},
		{"string map", map[string]string{"z": "1", "PATH_INFO": "/a"}, `{"PATH_INFO": "/a", "z": "1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appendPyJSON(nil, tt.in)
			if err != nil {
				t.Fatalf("appendPyJSON(%#v) error: %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("appendPyJSON(%#v) = %s, want %s", tt.in, got, tt.want)
			}
			if !json.Valid(got) {
				t.Errorf("appendPyJSON(%#v) = %s, not valid JSON", tt.in, got)
			}
		})
	}
}

func TestAppendPyJSONUnsupported(t *testing.T) {
	for _, in := range []any{1.5, []int{1}, map[string]int{"a": 1}, []any{struct{}{}}, map[string]any{"a": uint(1)}} {
		if got, err := appendPyJSON(nil, in); err == nil {
			t.Errorf("appendPyJSON(%#v) = %s, want an error", in, got)
		}
	}
}

// FuzzAppendPyString checks that every string encodes as valid JSON that
// decodes to the string, invalid bytes replaced by U+FFFD, and that the
// output is pure printable ASCII as ensure_ascii makes it.
func FuzzAppendPyString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\x7f", "é✓😀", "a\xffb", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendPyString(nil, s)
		for _, c := range got {
			if c < ' ' || c > '~' {
				t.Fatalf("appendPyString(%q) = %s: byte %#x is not printable ASCII", s, got, c)
			}
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendPyString(%q) = %s: %v", s, got, err)
		}
		if want := toValidUTF8(s); back != want {
			t.Fatalf("appendPyString(%q) decodes to %q, want %q", s, back, want)
		}
	})
}

// toValidUTF8 replaces each invalid byte of s by U+FFFD, as ranging over a
// string does.
func toValidUTF8(s string) string {
	var out []rune
	for _, r := range s {
		out = append(out, r)
	}
	return string(out)
}
