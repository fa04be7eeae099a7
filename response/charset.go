package response

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrUnknownCharset is returned when text must be encoded or decoded in a
// charset other than UTF-8, US-ASCII and ISO-8859-1 (and their Python
// aliases), the only ones this package implements. Python knows more; this
// is a deliberate limit of the port.
var ErrUnknownCharset = errors.New("response: unknown charset")

// ErrCharsetMismatch is returned when text cannot be represented in the
// charset it must be encoded in (é in US-ASCII), or a body is not valid in
// the charset it is decoded from, where Python raises UnicodeError.
var ErrCharsetMismatch = errors.New("response: text does not fit the charset")

// ErrNoCharset is returned by WriteString when the response has no charset
// (WebOb raises TypeError: "You cannot set the body to a text value without
// a charset" in the constructor, and a similar TypeError in write()).
var ErrNoCharset = errors.New("response: you cannot set the body to a text value without a charset")

type codec int

const (
	codecUnknown codec = iota
	codecUTF8
	codecASCII
	codecLatin1
)

// lookupCodec maps a charset name to a codec the way Python's codec lookup
// normalises names: case, '-' and ' ' do not matter. It normalises into a
// fixed array so that the common lookups do not allocate.
func lookupCodec(charset string) codec {
	if charset == DefaultCharset {
		return codecUTF8
	}
	charset = strings.TrimSpace(charset)
	var buf [32]byte
	if len(charset) > len(buf) {
		return codecUnknown
	}
	n := buf[:len(charset)]
	for i := 0; i < len(charset); i++ {
		c := charset[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '-' || c == ' ':
			c = '_'
		}
		n[i] = c
	}
	switch string(n) {
	case "utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001":
		return codecUTF8
	case "ascii", "us_ascii", "646", "us", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986",
		"cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6":
		return codecASCII
	case "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "iso_8859_1_1987",
		"8859", "cp819", "ibm819", "iso_ir_100", "csisolatin1":
		return codecLatin1
	}
	return codecUnknown
}

// encodeText encodes s in charset. A Go string holding invalid UTF-8 is
// copied as is for UTF-8 and refused for the other charsets.
func encodeText(s, charset string) ([]byte, error) {
	switch c := lookupCodec(charset); c {
	case codecUTF8, codecASCII:
		if err := checkText(s, c, charset); err != nil {
			return nil, err
		}
		return []byte(s), nil
	case codecLatin1:
		b := make([]byte, 0, len(s))
		for i, c := range s {
			if c > 0xff || c == utf8.RuneError && isInvalidAt(s, i) {
				return nil, fmt.Errorf("%w: %q in %s", ErrCharsetMismatch, s, charset)
			}
			b = append(b, byte(c))
		}
		return b, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownCharset, charset)
}

// checkText reports whether s is, as it is, a body in codec c (UTF-8 or
// ASCII), named charset.
func checkText(s string, c codec, charset string) error {
	if c == codecASCII {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return fmt.Errorf("%w: %q in %s", ErrCharsetMismatch, s, charset)
			}
		}
	}
	return nil
}

// isInvalidAt reports whether the RuneError at s[i:] comes from invalid
// UTF-8 rather than an encoded U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// decodeText decodes b from charset into a Go (UTF-8) string. Empty input
// decodes to "" whatever the charset, as in Python.
func decodeText(b []byte, charset string) (string, error) {
	if len(b) == 0 {
		// CPython returns "" for empty input before looking the codec up.
		return "", nil
	}
	switch lookupCodec(charset) {
	case codecUTF8:
		if !utf8.Valid(b) {
			return "", fmt.Errorf("%w: body is not valid %s", ErrCharsetMismatch, charset)
		}
		return string(b), nil
	case codecASCII:
		for _, c := range b {
			if c >= 0x80 {
				return "", fmt.Errorf("%w: body is not valid %s", ErrCharsetMismatch, charset)
			}
		}
		return string(b), nil
	case codecLatin1:
		var sb strings.Builder
		sb.Grow(len(b))
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownCharset, charset)
}

// latin1 encodes s in ISO-8859-1, as WebOb's bytes_(s) does for cookie
// attributes, and reports false when s has a character above U+00FF or
// invalid UTF-8.
func latin1(s string) ([]byte, bool) {
	b, err := encodeText(s, "latin-1")
	return b, err == nil
}
