// Package pyjson encodes JSON as Python's json.dumps(v, separators=(',', ':'))
// does, the encoding WebOb's json_body setters use on requests and responses.
package pyjson

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Marshal encodes v as Python's json.dumps(v, separators=(',', ':'))
// does, which is what WebOb's json_body uses: compact, '<', '>' and '&' left
// alone, and DEL and every non-ASCII character escaped as \uXXXX (a
// surrogate pair above U+FFFF), lower-case hex.
//
// Values are encoded by encoding/json, so map keys come out sorted, and
// float64 values are formatted the Go way (3.0 is "3", 1e-07 is "1e-07" in
// Python but "1e-7" here); use json.Number to control number text.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
	ascii := true
	for _, c := range out {
		if c >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return out, nil
	}
	// DEL and non-ASCII bytes only occur inside JSON strings (encoding/json
	// has already replaced invalid UTF-8 with U+FFFD), so escaping every one
	// is valid JSON.
	const hex = "0123456789abcdef"
	esc := make([]byte, 0, len(out)+len(out)/2)
	appendU := func(dst []byte, r rune) []byte {
		return append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	for len(out) > 0 {
		c := out[0]
		if c < 0x7f {
			esc = append(esc, c)
			out = out[1:]
			continue
		}
		r, size := utf8.DecodeRune(out)
		out = out[size:]
		if r > 0xffff {
			r -= 0x10000
			esc = appendU(esc, 0xd800+(r>>10))
			esc = appendU(esc, 0xdc00+(r&0x3ff))
			continue
		}
		esc = appendU(esc, r)
	}
	return esc, nil
}
