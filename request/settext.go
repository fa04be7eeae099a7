package request

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gowebob/gowebob/internal/pyjson"
)

// EncodeError reports text that cannot be encoded in the request's
// charset: a rune outside Latin-1 for ISO-8859-1, a non-ASCII one for
// US-ASCII, or a string that is not valid UTF-8. WebOb raises
// UnicodeEncodeError here.
type EncodeError struct {
	Charset string
}

// Error implements error.
func (e *EncodeError) Error() string {
	return fmt.Sprintf("request: text cannot be encoded in %s", e.Charset)
}

// SetText sets the body to s encoded with Charset and sets CONTENT_LENGTH,
// as WebOb's Request.text setter. The charsets are those Text reads:
// UTF-8, UTF-16 (Python's "utf-16" writes a little-endian byte order mark
// first, the -le and -be forms none), ISO-8859-1 and US-ASCII; another one
// gives ErrUnsupportedCharset, text the charset cannot hold an
// *EncodeError. On error the body is unchanged.
func (r *Request) SetText(s string) error {
	b, err := encodeCharset(s, r.Charset())
	if err != nil {
		return err
	}
	r.SetBody(b)
	return nil
}

// SetJSON sets the body to v encoded as WebOb's Request.json setter does,
// json.dumps(v, separators=(',', ':')) encoded with Charset: compact, and
// every non-ASCII character escaped as \uXXXX. Map keys come out sorted
// (encoding/json's order) where Python keeps a dict's insertion order. An
// error from encoding/json is returned as it is and leaves the body
// unchanged. The content type is not touched, as in WebOb.
func (r *Request) SetJSON(v any) error {
	b, err := pyjson.Marshal(v)
	if err != nil {
		return err
	}
	// The JSON text is ASCII, so only UTF-16 changes its bytes.
	return r.SetText(string(b))
}

// encodeCharset encodes s in charset with the charsets decodeCharset reads.
func encodeCharset(s, charset string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return nil, &EncodeError{Charset: charset}
	}
	switch norm := normCharset(charset); norm {
	case "utf8":
		return []byte(s), nil
	case "latin1", "iso88591", "l1", "iso885911987", "cp819", "ibm819", "8859", "iso8859",
		"ascii", "usascii", "646":
		limit := rune(0xff)
		if norm == "ascii" || norm == "usascii" || norm == "646" {
			limit = 0x7f
		}
		b := make([]byte, 0, len(s))
		for _, c := range s {
			if c > limit {
				return nil, &EncodeError{Charset: charset}
			}
			b = append(b, byte(c))
		}
		return b, nil
	case "utf16", "utf16le", "utf16be":
		units := utf16.Encode([]rune(s))
		b := make([]byte, 0, 2*len(units)+2)
		if norm == "utf16" {
			b = append(b, 0xff, 0xfe)
		}
		for _, u := range units {
			if norm == "utf16be" {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return b, nil
	}
	return nil, ErrUnsupportedCharset
}
