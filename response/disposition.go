package response

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrInvalidDisposition is returned by SetContentDisposition for a kind
// that is not an HTTP token or a filename with control characters.
var ErrInvalidDisposition = errors.New("response: invalid content disposition")

// ContentDisposition returns the Content-Disposition header, or "".
func (r *Response) ContentDisposition() string {
	v, _ := r.header.first("Content-Disposition")
	return v
}

// SetContentDisposition sets the Content-Disposition header to kind
// ("attachment", "inline") and, when filename is not empty, its filename as
// RFC 6266 asks:
//
//	attachment; filename="report.pdf"
//	attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf
//
// The quoted filename escapes '"' and '\' with a backslash; a filename that
// is not printable ASCII gets a fallback with '_' for each other character,
// followed by filename*= with the UTF-8 bytes percent-encoded (RFC 5987
// attr-chars left as they are). An empty kind means "attachment".
//
// WebOb's content_disposition is a plain string property; this encoding is
// the port's addition. It returns ErrInvalidDisposition for a kind that is
// not a token and for a filename with control characters (CR and LF
// included), so that no header can be injected.
func (r *Response) SetContentDisposition(kind, filename string) error {
	v, err := FormatContentDisposition(kind, filename)
	if err != nil {
		return err
	}
	r.header.Set("Content-Disposition", v)
	return nil
}

// FormatContentDisposition returns the header value SetContentDisposition
// would set.
func FormatContentDisposition(kind, filename string) (string, error) {
	if kind == "" {
		kind = "attachment"
	}
	if !isToken(kind) {
		return "", fmt.Errorf("%w: type %q is not a token", ErrInvalidDisposition, kind)
	}
	if filename == "" {
		return kind, nil
	}
	ascii := true
	for i := 0; i < len(filename); i++ {
		c := filename[i]
		if c < ' ' || c == 0x7f {
			return "", fmt.Errorf("%w: control character in filename %q", ErrInvalidDisposition, filename)
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if !utf8.ValidString(filename) {
		return "", fmt.Errorf("%w: filename %q is not UTF-8", ErrInvalidDisposition, filename)
	}
	var b strings.Builder
	b.WriteString(kind)
	b.WriteString(`; filename="`)
	for _, c := range filename {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c >= 0x80:
			b.WriteByte('_')
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	if !ascii {
		b.WriteString("; filename*=UTF-8''")
		const hex = "0123456789ABCDEF"
		for i := 0; i < len(filename); i++ {
			c := filename[i]
			if isAttrChar(c) {
				b.WriteByte(c)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
		}
	}
	return b.String(), nil
}

// isAttrChar reports whether c is an RFC 5987 attr-char, which needs no
// percent-encoding in filename*.
func isAttrChar(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
