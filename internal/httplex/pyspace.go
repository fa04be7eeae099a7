package httplex

import "strings"

// PySpace is the whitespace of Python's bytes methods (strip, split with
// no separator): WebOb's from_file reads an HTTP/1.x message's lines with
// them, so that a tab or a form feed separates, and U+0085 or U+00A0 do
// not.
const PySpace = " \t\n\v\f\r"

// CutSpace splits s around its first run of PySpace, as one step of
// Python's bytes.split(None, n) on a string with no leading whitespace;
// ok is false when s has no such run.
func CutSpace(s string) (before, after string, ok bool) {
	i := strings.IndexAny(s, PySpace)
	if i < 0 {
		return s, "", false
	}
	return s[:i], strings.TrimLeft(s[i:], PySpace), true
}
