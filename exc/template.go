package exc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// substitute expands tmpl as Python's string.Template(tmpl).safe_substitute
// does: "$$" is "$", "$name" and "${name}" (name: an ASCII letter or '_',
// then letters, digits and '_') are replaced by lookup(name), a name lookup
// does not know is left as written, and any other "$" is kept. Replacement
// text is not scanned again.
func substitute(tmpl string, lookup func(name string) (string, bool)) string {
	i := strings.IndexByte(tmpl, '$')
	if i < 0 {
		return tmpl
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 64)
	for i >= 0 {
		b.WriteString(tmpl[:i])
		rest := tmpl[i+1:]
		switch {
		case strings.HasPrefix(rest, "$"):
			b.WriteByte('$')
			tmpl = rest[1:]
		case identEnd(rest) > 0:
			n := identEnd(rest)
			if v, ok := lookup(rest[:n]); ok {
				b.WriteString(v)
			} else {
				b.WriteString(tmpl[i : i+1+n])
			}
			tmpl = rest[n:]
		case strings.HasPrefix(rest, "{") && identEnd(rest[1:]) > 0 &&
			strings.HasPrefix(rest[1+identEnd(rest[1:]):], "}"):
			n := identEnd(rest[1:])
			if v, ok := lookup(rest[1 : 1+n]); ok {
				b.WriteString(v)
			} else {
				b.WriteString(tmpl[i : i+3+n])
			}
			tmpl = rest[n+2:]
		default:
			b.WriteByte('$')
			tmpl = rest
		}
		i = strings.IndexByte(tmpl, '$')
	}
	b.WriteString(tmpl)
	return b.String()
}

// identEnd returns the length of the identifier s starts with
// (string.Template's idpattern, ASCII only), 0 if none.
func identEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return i
		}
	}
	return len(s)
}

// stripTags is webob.exc's strip_tags, for the plain-text body: newlines
// become spaces and CRs go, then each "<br...>" (any case) becomes a
// newline, the HTML comment markers "<!--" and "-->" are removed, and so is
// every remaining "<...>". Each step is one left-to-right pass, like the
// regular expressions it replaces (`<br.*?>`, `<!--|-->`, `<.*?>`).
func stripTags(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "\r", "")

	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+2 < len(s) && s[i+1]|0x20 == 'b' && s[i+2]|0x20 == 'r' {
			if j := strings.IndexByte(s[i+3:], '>'); j >= 0 {
				b.WriteByte('\n')
				i += 3 + j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	s = b.String()

	b.Reset()
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "<!--"):
			i += 4
		case strings.HasPrefix(s[i:], "-->"):
			i += 3
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	s = b.String()

	b.Reset()
	for i := 0; i < len(s); i++ {
		if s[i] == '<' {
			if j := strings.IndexByte(s[i+1:], '>'); j >= 0 {
				i += 1 + j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// htmlEscape is webob.util.html_escape: html.escape(s, quote=True) (&, <,
// >, " and ' become entities) followed by encoding every non-ASCII
// character as a decimal character reference ("é" is "&#233;"). Bytes that
// are not UTF-8 become "&#65533;".
func htmlEscape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '&', c == '<', c == '>', c == '"', c == '\'':
			clean = false
		}
		if !clean {
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/4+16)
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&#x27;"...)
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		default:
			b = append(b, "&#"...)
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, ';')
		}
	}
	return string(b)
}

// appendJSONString appends s as Python's json.dumps encodes a str with
// ensure_ascii=True: quotes, backslash and \b \f \n \r \t escaped by name,
// other controls, DEL and every non-ASCII character as \uXXXX (a surrogate
// pair above U+FFFF), lower-case hex. Bytes that are not UTF-8 become
// \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	u := func(b []byte, r rune) []byte {
		return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	b = append(b, '"')
	for s != "" {
		// Printable ASCII other than the quote and the backslash, most of
		// an error page, is copied a run at a time.
		n := 0
		for n < len(s) && s[n] >= ' ' && s[n] < 0x7f && s[n] != '"' && s[n] != '\\' {
			n++
		}
		b = append(b, s[:n]...)
		if n == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		s = s[n+size:]
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\b':
			b = append(b, '\\', 'b')
		case r == '\f':
			b = append(b, '\\', 'f')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r > 0xffff:
			r -= 0x10000
			b = u(b, 0xd800+(r>>10))
			b = u(b, 0xdc00+(r&0x3ff))
		default:
			b = u(b, r)
		}
	}
	return append(b, '"')
}
