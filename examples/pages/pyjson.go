package pages

import (
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
)

// appendPyJSON appends v to dst as Python's json.dumps(v, sort_keys=True)
// writes it with its default arguments: separators ", " and ": ", object
// keys sorted, and ensure_ascii, which writes every character outside
// printable ASCII as a lower-case \uXXXX escape (a surrogate pair above
// U+FFFF) and leaves '<', '>', '&' and '/' alone. encoding/json differs on
// all of these, hence this small encoder.
//
// v may be nil (null), a bool, an int or int64, a string, a []string, a
// []any, a map[string]string or a map[string]any, nested. Bytes that are not
// valid UTF-8 are written as \ufffd, as encoding/json does (Python strings
// cannot hold them). Any other type is an error.
func appendPyJSON(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		return strconv.AppendBool(dst, v), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(dst, v, 10), nil
	case string:
		return appendPyString(dst, v), nil
	case []string:
		dst = append(dst, '[')
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendPyString(dst, s)
		}
		return append(dst, ']'), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			var err error
			if dst, err = appendPyJSON(dst, e); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case map[string]string:
		dst = append(dst, '{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendPyString(dst, k)
			dst = append(dst, ": "...)
			dst = appendPyString(dst, v[k])
		}
		return append(dst, '}'), nil
	case map[string]any:
		dst = append(dst, '{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendPyString(dst, k)
			dst = append(dst, ": "...)
			var err error
			if dst, err = appendPyJSON(dst, v[k]); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
	return dst, fmt.Errorf("pages: cannot encode %T as JSON", v)
}

// sortedKeys returns the keys of m in byte order, which for UTF-8 is the
// code point order Python's sort_keys uses.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

const lowerHex = "0123456789abcdef"

// appendPyString appends s as a JSON string escaped as Python's
// json.encoder.py_encode_basestring_ascii: '"' and '\\' with a backslash,
// \b \f \n \r \t by name, every other byte outside ' '..'~' (0x7f included)
// as \uXXXX.
func appendPyString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c <= '~' {
			if c == '"' || c == '\\' {
				dst = append(dst, '\\')
			}
			dst = append(dst, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '\b':
				dst = append(dst, `\b`...)
			case '\f':
				dst = append(dst, `\f`...)
			case '\n':
				dst = append(dst, `\n`...)
			case '\r':
				dst = append(dst, `\r`...)
			case '\t':
				dst = append(dst, `\t`...)
			default:
				dst = appendU(dst, rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xffff {
			r -= 0x10000
			dst = appendU(dst, 0xd800+(r>>10)&0x3ff)
			dst = appendU(dst, 0xdc00+r&0x3ff)
			continue
		}
		dst = appendU(dst, r) // an invalid byte decodes as U+FFFD
	}
	return append(dst, '"')
}

// appendU appends the escape \uXXXX for r <= 0xffff, in lower-case hex.
func appendU(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u',
		lowerHex[r>>12&0xf], lowerHex[r>>8&0xf], lowerHex[r>>4&0xf], lowerHex[r&0xf])
}
