package header

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The oracle: WebOb's validation regexes, rebuilt for RE2 (which has no
// lookahead: "a parameter not named q" is spelled out instead) and run on
// the input read as Latin-1, as Python sees a WSGI header. Python's $ is
// `\n?\z` here. The same element regexes, used with FindAll, play the role
// of WebOb's finditer, which Go's leftmost-first matching reproduces.
const (
	oTchar    = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]"
	oTcharNoQ = "[!#$%&'*+\\-.^_`|~0-9A-PR-Za-pr-z]"
	oToken    = oTchar + "+"
	oOWS      = "[ \\t]*"
	oQvalue   = `(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)`
	oWeight   = oOWS + ";" + oOWS + "[qQ]=(" + oQvalue + ")"
	oQuoted   = `"(?:[\t \x21\x23-\x5b\x5d-\x7e\x{80}-\x{ff}]|\\[\t \x21-\x7e\x{80}-\x{ff}])*"`
	oValue    = "(?:" + oToken + "|" + oQuoted + ")"
	oPName    = "(?:[qQ]" + oTchar + "+|" + oTcharNoQ + oTchar + "*)"
	oMedia    = "(" + oToken + "/" + oToken + "(?:" + oOWS + ";" + oOWS + oPName + "=" + oValue + ")*)"
	oExt      = oOWS + ";" + oOWS + oToken + "(?:=" + oValue + ")?"
	oAccept   = oMedia + "(?:" + oWeight + "(?:" + oExt + ")*)?"
	oTokenQ   = "(" + oToken + ")(?:" + oWeight + ")?"
	oLangQ    = `(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:` + oWeight + ")?"
)

func oList0(elem string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:\n?|(?:,|` + elem + ")(?:" + oOWS + ",(?:" + oOWS + elem + ")?)*\\n?)\\z")
}

func oList1(elem string) *regexp.Regexp {
	return regexp.MustCompile("^(?:," + oOWS + ")*" + elem + "(?:" + oOWS + ",(?:" + oOWS + elem + ")?)*\\n?\\z")
}

var (
	oracleAccept       = oList0(oAccept)
	oracleAcceptElem   = regexp.MustCompile(oAccept)
	oracleCharset      = oList1(oTokenQ)
	oracleEncoding     = oList0(oTokenQ)
	oracleTokenElem    = regexp.MustCompile(oTokenQ)
	oracleLanguage     = oList1(oLangQ)
	oracleLanguageElem = regexp.MustCompile(oLangQ)
)

// latin1ToRunes maps each byte to the rune of the same number, as WSGI's
// Latin-1 decoding does.
func latin1ToRunes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// oracleQ parses a qvalue matched by the oracle as Python's float does.
func oracleQ(tb testing.TB, s string) float64 {
	if s == "" {
		return 1
	}
	q, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatalf("oracle qvalue %q: %v", s, err)
	}
	return q
}

func formatQ(q float64) string { return strconv.FormatFloat(q, 'f', -1, 64) }

var acceptFuzzSeeds = []string{
	"", ",", ",,text/html", ",text/html", "\n", "text/html\n", "*/*", "text/html;q=0",
	chromeAccept, "text/html;level=1;q=0.5;ext=\"x\\\"y\", */*;q=0.1", "text/html ; a=\"b c\" ;Q=1.",
	"text/html;q=0.5;q=0.3", "a/b, ,c/d", "text/html, ", "text/html;a=\"\xe9\"", "en-US,en;q=0.9",
	"gzip, deflate, br", "utf-8, iso-8859-1;q=0.5", "*;q=0, identity", "zh-Hant-CN-x-a-b;q=0.001",
	"abcdefghi", "en_US", "en-", "*-en", ", en", "q/r;Q=0.0001",
}

func checkOffers(t *testing.T, what string, offers []Offer) {
	t.Helper()
	for _, o := range offers {
		if !(o.Q > 0 && o.Q <= 1) {
			t.Fatalf("%s gave %q with Q %v, want (0, 1]", what, o.Value, o.Q)
		}
	}
}

func checkQuality(t *testing.T, what string, q float64, ok bool) {
	t.Helper()
	if ok && !(q > 0 && q <= 1) || !ok && q != 0 {
		t.Fatalf("%s = %v, %v", what, q, ok)
	}
}

func FuzzParseAccept(f *testing.F) {
	for _, s := range acceptFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a := ParseAccept(h)
		if want := oracleAccept.MatchString(latin1ToRunes(h)); a.Valid() != want {
			t.Fatalf("ParseAccept(%q).Valid() = %v, oracle says %v", h, a.Valid(), want)
		}
		if a != ParseAccept(h) {
			t.Fatalf("ParseAccept(%q) not deterministic", h)
		}
		offers := []string{"text/html", "*/*", "*", "text/*", h, "a/b;c=d"}
		if a.Valid() {
			var canon []string
			it := mediaRangeIter{s: h}
			matches := oracleAcceptElem.FindAllStringSubmatch(latin1ToRunes(h), maxAcceptEntries)
			for i := 0; ; i++ {
				m, ok := it.next()
				if !ok {
					if i != len(matches) {
						t.Fatalf("ParseAccept(%q): %d elements, oracle %d", h, i, len(matches))
					}
					break
				}
				if i >= len(matches) || latin1ToRunes(m.full) != matches[i][1] || m.q != oracleQ(t, matches[i][2]) {
					t.Fatalf("ParseAccept(%q) element %d = %q q=%v, oracle %q", h, i, m.full, m.q, matches[i])
				}
				offers = append(offers, m.mask(), m.typ+"/"+m.sub)
				canon = append(canon, m.mask()+";q="+formatQ(m.q))
			}
			// Round trip: the canonical form re-parses to the same ranges.
			c := strings.Join(canon, ", ")
			ca := ParseAccept(c)
			if !ca.Valid() {
				t.Fatalf("canonical form %q of %q is invalid", c, h)
			}
			it, cit := mediaRangeIter{s: h}, mediaRangeIter{s: c}
			for {
				m, ok := it.next()
				cm, cok := cit.next()
				if ok != cok || m.mask() != cm.mask() || m.q != cm.q {
					t.Fatalf("re-parsing %q from %q: %q %v != %q %v", c, h, cm.mask(), cm.q, m.mask(), m.q)
				}
				if !ok {
					break
				}
			}
		}
		acceptable := a.AcceptableOffers(offers)
		checkOffers(t, "AcceptableOffers", acceptable)
		if p, ok := a.Preferred(offers); ok != (len(acceptable) > 0) || ok && p != acceptable[0].Value {
			t.Fatalf("Preferred(%q) = %q, %v; AcceptableOffers gave %v", offers, p, ok, acceptable)
		}
		for _, o := range offers {
			q, ok := a.Quality(o)
			checkQuality(t, "Quality("+o+")", q, ok)
		}
		_ = a.BestMatch(offers)
		_ = a.AcceptHTML()
	})
}

// fuzzQList checks a charset, encoding or language header against its oracle.
func fuzzQList(t *testing.T, h string, valid bool, list, elem *regexp.Regexp, item func(string, int) int) []string {
	if want := list.MatchString(latin1ToRunes(h)); valid != want {
		t.Fatalf("Parse(%q).Valid() = %v, oracle says %v", h, valid, want)
	}
	if !valid {
		return nil
	}
	var values, canon []string
	matches := elem.FindAllStringSubmatch(latin1ToRunes(h), maxAcceptEntries)
	it := acceptQItemIter{s: h, item: item}
	for i := 0; ; i++ {
		v, q, ok := it.next()
		if !ok {
			if i != len(matches) {
				t.Fatalf("Parse(%q): %d elements, oracle %d", h, i, len(matches))
			}
			break
		}
		if i >= len(matches) || v != matches[i][1] || q != oracleQ(t, matches[i][2]) {
			t.Fatalf("Parse(%q) element %d = %q q=%v, oracle %q", h, i, v, q, matches[i])
		}
		values = append(values, v, strings.ToUpper(v), v+"-x", "identity")
		canon = append(canon, v+";q="+formatQ(q))
	}
	c := strings.Join(canon, ", ")
	it, cit := acceptQItemIter{s: h, item: item}, acceptQItemIter{s: c, item: item}
	for {
		v, q, ok := it.next()
		cv, cq, cok := cit.next()
		if ok != cok || v != cv || q != cq {
			t.Fatalf("re-parsing %q from %q: %q %v != %q %v", c, h, cv, cq, v, q)
		}
		if !ok {
			break
		}
	}
	return values
}

func FuzzParseAcceptCharset(f *testing.F) {
	for _, s := range acceptFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a := ParseAcceptCharset(h)
		offers := append(fuzzQList(t, h, a.Valid(), oracleCharset, oracleTokenElem, acceptTokenItemEnd), "utf-8", "*", h)
		checkOffers(t, "AcceptableOffers", a.AcceptableOffers(offers))
		for _, o := range offers {
			q, ok := a.Quality(o)
			checkQuality(t, "Quality("+o+")", q, ok)
		}
		_ = a.BestMatch(offers)
	})
}

func FuzzParseAcceptEncoding(f *testing.F) {
	for _, s := range acceptFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a := ParseAcceptEncoding(h)
		offers := append(fuzzQList(t, h, a.Valid(), oracleEncoding, oracleTokenElem, acceptTokenItemEnd), "gzip", "identity", "*", h)
		checkOffers(t, "AcceptableOffers", a.AcceptableOffers(offers))
		for _, o := range offers {
			q, ok := a.Quality(o)
			checkQuality(t, "Quality("+o+")", q, ok)
		}
		_ = a.BestMatch(offers)
	})
}

func FuzzParseAcceptLanguage(f *testing.F) {
	for _, s := range acceptFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a := ParseAcceptLanguage(h)
		tags := append(fuzzQList(t, h, a.Valid(), oracleLanguage, oracleLanguageElem, acceptLangRangeEnd), "en", "en-US", "", "*", h)
		checkOffers(t, "BasicFiltering", a.BasicFiltering(tags))
		for _, o := range tags {
			q, ok := a.Quality(o)
			checkQuality(t, "Quality("+o+")", q, ok)
		}
		_ = a.BestMatch(tags)
		if got := a.Lookup(tags, "zz"); got != "zz" && got != "" {
			found := false
			for _, tag := range tags {
				found = found || tag == got
			}
			if !found {
				t.Fatalf("Lookup returned %q, not one of the tags", got)
			}
		}
	})
}
