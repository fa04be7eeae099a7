// Package cookiequote writes cookie values and attributes as WebOb quotes
// them, for the header package (Cookie headers, Morsels) and the response
// package (Set-Cookie) alike.
package cookiequote

// octets marks RFC 6265 cookie-octets, the bytes WebOb's _value_quote
// leaves alone: 0x21, 0x23-0x2B, 0x2D-0x3A, 0x3C-0x5B, 0x5D-0x7E.
var octets = func() (t [256]bool) {
	for c := 0x21; c <= 0x7e; c++ {
		t[c] = c != '"' && c != ',' && c != ';' && c != '\\'
	}
	return t
}()

// AppendValue is WebOb's _value_quote: v as it is when every byte is a
// cookie-octet, else double-quoted with every byte other than a
// cookie-octet or a space written as a \ooo octal escape.
func AppendValue(b []byte, v string) []byte {
	clean := true
	for i := 0; i < len(v); i++ {
		if !octets[v[i]] {
			clean = false
			break
		}
	}
	if clean {
		return append(b, v...)
	}
	b = append(b, '"')
	b = AppendOctal(b, v)
	return append(b, '"')
}

// AppendOctal is WebOb's _path_quote: every byte other than a
// cookie-octet or a space written as \ooo, no quotes.
func AppendOctal(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if octets[c] || c == ' ' {
			b = append(b, c)
			continue
		}
		b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
	}
	return b
}
