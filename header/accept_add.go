package header

// This file combines two headers of one kind, WebOb's a + b on its Accept
// classes.

// addAccept is the rule WebOb's __add__ follows for all four kinds, given
// each side's header and validity: two valid headers are joined with ", "
// (and the result parsed again) unless b is empty; a valid side wins over
// an absent or invalid one; two headers neither of which is valid give an
// absent one. join reports whether the result is a header to parse (false:
// absent).
func addAccept(a string, aValid bool, b string, bValid bool) (header string, join bool) {
	switch {
	case aValid && bValid:
		if b == "" {
			return a, true
		}
		return a + ", " + b, true
	case aValid:
		return a, true
	case bValid:
		return b, true
	}
	return "", false
}

// Add returns a and b combined as WebOb's a + b: the two header values
// joined with ", " when both are valid (a when b is empty), the valid one
// when only one is, and an absent header when neither is. The joined value
// is parsed again, so it may be invalid where WebOb's joining makes it so
// (", text/html" from an empty a). WebOb's + also takes strings, lists and
// dicts; parse a string with ParseAccept first.
func (a Accept) Add(b Accept) Accept {
	if h, ok := addAccept(a.header, a.Valid(), b.header, b.Valid()); ok {
		return ParseAccept(h)
	}
	return Accept{}
}

// Add returns a and b combined as WebOb's a + b; see Accept.Add.
func (a AcceptCharset) Add(b AcceptCharset) AcceptCharset {
	if h, ok := addAccept(a.header, a.Valid(), b.header, b.Valid()); ok {
		return ParseAcceptCharset(h)
	}
	return AcceptCharset{}
}

// Add returns a and b combined as WebOb's a + b; see Accept.Add.
func (a AcceptEncoding) Add(b AcceptEncoding) AcceptEncoding {
	if h, ok := addAccept(a.header, a.Valid(), b.header, b.Valid()); ok {
		return ParseAcceptEncoding(h)
	}
	return AcceptEncoding{}
}

// Add returns a and b combined as WebOb's a + b; see Accept.Add.
func (a AcceptLanguage) Add(b AcceptLanguage) AcceptLanguage {
	if h, ok := addAccept(a.header, a.Valid(), b.header, b.Valid()); ok {
		return ParseAcceptLanguage(h)
	}
	return AcceptLanguage{}
}
