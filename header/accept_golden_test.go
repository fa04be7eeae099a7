package header_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/header"
	"github.com/gowebob/gowebob/internal/testutil"
)

// acceptGoldenFile is testdata/golden_accept.json, made from WebOb 1.8.6 by
// internal/golden/gen_accept.py. Strings in it are Latin-1: each character
// stands for one byte of the header or offer.
type acceptGoldenFile struct {
	WebOb         string                `json:"webob_version"`
	OfferLists    map[string][][]string `json:"offer_lists"`
	QualityOffers map[string][]string   `json:"quality_offers"`
	Cases         []acceptGoldenCase    `json:"cases"`
	// ParseOffer is Accept.parse_offer: [type, subtype, params, str] or
	// {"error": "ValueError"}.
	ParseOffer []struct {
		Offer  string `json:"offer"`
		Parsed any    `json:"parsed"`
	} `json:"parse_offer"`
	// Add is a + b per kind: [a, b, class, header_value], null for absent.
	Add map[string][][4]*string `json:"add"`
}

type acceptGoldenCase struct {
	Kind       string               `json:"kind"`
	Header     *string              `json:"header"`
	Class      string               `json:"class"`
	AcceptHTML *bool                `json:"accept_html"`
	Results    []acceptGoldenResult `json:"results"`
	Quality    []*float64           `json:"quality"`
	// Parsed is WebOb's parsed: null, [value, q] pairs, or for Accept
	// [range, q, params, extensions].
	Parsed []any `json:"parsed"`
}

type acceptGoldenResult struct {
	BestMatch      *string  `json:"best_match"`
	Acceptable     [][2]any `json:"acceptable"`
	BasicFiltering [][2]any `json:"basic_filtering"`
	Lookup         *string  `json:"lookup"`
	// BestMatchQ is best_match with the server qualities of serverQ.
	BestMatchQ      *string `json:"best_match_q"`
	LookupRange     *string `json:"lookup_range"`
	LookupRangeOnly *string `json:"lookup_range_only"`
}

// serverQ is gen_accept.py's SERVER_Q: the server quality of the i-th offer
// of a list is serverQ[i%len(serverQ)].
var serverQ = []float64{1, 0.5, 0.9, 0.25, 0.7, 0, 1}

// acceptKnownDifferences lists golden cases ("kind|header|what") where the
// port deliberately differs from WebOb, with the reason. It is empty: every
// case agrees.
var acceptKnownDifferences = map[string]string{}

// acceptLatin1 turns a JSON string whose characters are all below U+0100
// into the bytes they stand for.
func acceptLatin1(tb testing.TB, s string) string {
	tb.Helper()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		require.Less(tb, r, rune(0x100), "non-Latin-1 character in golden string %q", s)
		b = append(b, byte(r))
	}
	return string(b)
}

func acceptLatin1All(tb testing.TB, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = acceptLatin1(tb, s)
	}
	return out
}

// acceptGoldenOffers converts WebOb's [[offer, q], ...] to []header.Offer.
func acceptGoldenOffers(tb testing.TB, pairs [][2]any) []header.Offer {
	var out []header.Offer
	for _, p := range pairs {
		out = append(out, header.Offer{Value: acceptLatin1(tb, p[0].(string)), Q: p[1].(float64)})
	}
	return out
}

// acceptNegotiator is the method set shared by the four parsed headers, so
// one loop can check them all.
type acceptNegotiator interface {
	Header() (string, bool)
	Valid() bool
	Present() bool
	BestMatch(offers []string) string
	BestMatchQ(offers []header.Offer) (string, bool)
	Quality(offer string) (float64, bool)
}

func TestAcceptGolden(t *testing.T) {
	var file acceptGoldenFile
	testutil.LoadGolden(t, "golden_accept.json", &file)
	require.Equal(t, "1.8.6", file.WebOb)
	require.GreaterOrEqual(t, len(file.Cases), 150)

	for i, c := range file.Cases {
		hv, present := "", c.Header != nil
		if present {
			hv = acceptLatin1(t, *c.Header)
		}
		name := fmt.Sprintf("%d/%s/%q", i, c.Kind, hv)
		if !present {
			name = fmt.Sprintf("%d/%s/absent", i, c.Kind)
		}
		t.Run(name, func(t *testing.T) {
			var h acceptNegotiator
			switch c.Kind {
			case "accept":
				h = header.Accept{}
				if present {
					h = header.ParseAccept(hv)
				}
			case "accept_charset":
				h = header.AcceptCharset{}
				if present {
					h = header.ParseAcceptCharset(hv)
				}
			case "accept_encoding":
				h = header.AcceptEncoding{}
				if present {
					h = header.ParseAcceptEncoding(hv)
				}
			case "accept_language":
				h = header.AcceptLanguage{}
				if present {
					h = header.ParseAcceptLanguage(hv)
				}
			default:
				t.Fatalf("unknown kind %q", c.Kind)
			}
			// check compares one result unless it is a known difference.
			check := func(what string, want, got any) {
				t.Helper()
				key := c.Kind + "|" + hv + "|" + what
				if !present {
					key = c.Kind + "|<absent>|" + what
				}
				if reason, ok := acceptKnownDifferences[key]; ok {
					t.Logf("known difference %s: %s", key, reason)
					return
				}
				assert.Equal(t, want, got, what)
			}

			switch {
			case strings.HasSuffix(c.Class, "InvalidHeader"):
				check("state", "invalid", acceptState(h))
			case strings.HasSuffix(c.Class, "NoHeader"):
				check("state", "absent", acceptState(h))
			default:
				check("state", "valid", acceptState(h))
			}
			gotHeader, gotPresent := h.Header()
			assert.Equal(t, present, gotPresent, "Header() presence")
			assert.Equal(t, hv, gotHeader, "Header() value")

			lists := file.OfferLists[c.Kind]
			require.Len(t, c.Results, len(lists))
			for j, list := range lists {
				offers := acceptLatin1All(t, list)
				res := c.Results[j]
				want := ""
				if res.BestMatch != nil {
					want = acceptLatin1(t, *res.BestMatch)
				}
				check(fmt.Sprintf("BestMatch(%q)", offers), want, h.BestMatch(offers))
				withQ := make([]header.Offer, len(offers))
				for k, o := range offers {
					withQ[k] = header.Offer{Value: o, Q: serverQ[k%len(serverQ)]}
				}
				gotQ, okQ := h.BestMatchQ(withQ)
				check(fmt.Sprintf("BestMatchQ(%v) found", withQ), res.BestMatchQ != nil, okQ)
				if res.BestMatchQ != nil {
					check(fmt.Sprintf("BestMatchQ(%v)", withQ), acceptLatin1(t, *res.BestMatchQ), gotQ)
				}
				switch a := h.(type) {
				case header.Accept:
					acceptable := acceptGoldenOffers(t, res.Acceptable)
					check(fmt.Sprintf("AcceptableOffers(%q)", offers), acceptable, a.AcceptableOffers(offers))
					preferred, ok := a.Preferred(offers)
					if len(acceptable) > 0 {
						check(fmt.Sprintf("Preferred(%q)", offers), acceptable[0].Value, preferred)
					}
					check(fmt.Sprintf("Preferred(%q) found", offers), len(acceptable) > 0, ok)
				case header.AcceptCharset:
					check(fmt.Sprintf("AcceptableOffers(%q)", offers), acceptGoldenOffers(t, res.Acceptable), a.AcceptableOffers(offers))
				case header.AcceptEncoding:
					check(fmt.Sprintf("AcceptableOffers(%q)", offers), acceptGoldenOffers(t, res.Acceptable), a.AcceptableOffers(offers))
				case header.AcceptLanguage:
					check(fmt.Sprintf("BasicFiltering(%q)", offers), acceptGoldenOffers(t, res.BasicFiltering), a.BasicFiltering(offers))
					want := ""
					if res.Lookup != nil {
						want = acceptLatin1(t, *res.Lookup)
					}
					check(fmt.Sprintf("Lookup(%q, zz)", offers), want, a.Lookup(offers, "zz"))
					got, ok := a.LookupWith(offers, header.LookupOptions{DefaultRange: "en-GB-oed", DefaultTag: "zz"})
					check(fmt.Sprintf("LookupWith(%q, en-GB-oed, zz) found", offers), res.LookupRange != nil, ok)
					if res.LookupRange != nil {
						check(fmt.Sprintf("LookupWith(%q, en-GB-oed, zz)", offers), acceptLatin1(t, *res.LookupRange), got)
					}
					got, ok = a.LookupWith(offers, header.LookupOptions{DefaultRange: "fr-CA-x-y"})
					if !ok {
						got = "(default)"
					}
					check(fmt.Sprintf("LookupWith(%q, fr-CA-x-y)", offers), acceptLatin1(t, *res.LookupRangeOnly), got)
				}
			}

			check("Parsed", c.Parsed, acceptParsedJSON(t, h))

			qOffers := file.QualityOffers[c.Kind]
			require.Len(t, c.Quality, len(qOffers))
			for j, o := range qOffers {
				o = acceptLatin1(t, o)
				q, ok := h.Quality(o)
				got, want := "None", "None"
				if ok {
					got = fmt.Sprint(q)
				} else {
					assert.Zero(t, q, "Quality(%q) with false", o)
				}
				if c.Quality[j] != nil {
					want = fmt.Sprint(*c.Quality[j])
				}
				check(fmt.Sprintf("Quality(%q)", o), want, got)
			}

			if c.AcceptHTML != nil {
				check("AcceptHTML", *c.AcceptHTML, h.(header.Accept).AcceptHTML())
			}
		})
	}
}

// acceptState names the state of a parsed header for golden comparisons.
func acceptState(h acceptNegotiator) string {
	switch {
	case h.Valid():
		return "valid"
	case h.Present():
		return "invalid"
	}
	return "absent"
}

// acceptParsedJSON returns h's Parsed in the JSON form of the golden file,
// strings as Latin-1 characters.
func acceptParsedJSON(t *testing.T, h acceptNegotiator) []any {
	t.Helper()
	l1 := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			b.WriteRune(rune(s[i]))
		}
		return b.String()
	}
	var out []any
	var ok bool
	switch a := h.(type) {
	case header.Accept:
		var ranges []header.MediaRange
		ranges, ok = a.Parsed()
		for _, m := range ranges {
			params, exts := []any{}, []any{}
			for _, p := range m.Params {
				params = append(params, []any{l1(p.Name), l1(p.Value)})
			}
			for _, e := range m.Extensions {
				if e.NoValue {
					exts = append(exts, l1(e.Name))
				} else {
					exts = append(exts, []any{l1(e.Name), l1(e.Value)})
				}
			}
			out = append(out, []any{l1(m.Range), m.Q, params, exts})
		}
	default:
		var items []header.QItem
		switch a := h.(type) {
		case header.AcceptCharset:
			items, ok = a.Parsed()
		case header.AcceptEncoding:
			items, ok = a.Parsed()
		case header.AcceptLanguage:
			items, ok = a.Parsed()
		}
		for _, it := range items {
			out = append(out, []any{l1(it.Value), it.Q})
		}
	}
	if !ok {
		return nil
	}
	if out == nil {
		out = []any{}
	}
	return out
}

func TestParseOfferGolden(t *testing.T) {
	t.Parallel()
	var file acceptGoldenFile
	testutil.LoadGolden(t, "golden_accept.json", &file)
	require.NotEmpty(t, file.ParseOffer)
	for _, c := range file.ParseOffer {
		offer := acceptLatin1(t, c.Offer)
		o, err := header.ParseOffer(offer)
		want, isList := c.Parsed.([]any)
		if !isList {
			assert.ErrorIs(t, err, header.ErrInvalidOffer, "ParseOffer(%q)", offer)
			continue
		}
		require.NoError(t, err, "ParseOffer(%q)", offer)
		// The golden strings are Latin-1 characters, one per byte.
		for i, v := range want {
			if s, ok := v.(string); ok {
				want[i] = acceptLatin1(t, s)
			}
		}
		params := []any{}
		for k, p := range o.Params {
			if wps := want[2].([]any); k < len(wps) {
				wp := wps[k].([]any)
				wp[1] = acceptLatin1(t, wp[1].(string))
			}
			params = append(params, []any{p.Name, p.Value})
		}
		assert.Equal(t, want, []any{o.Type, o.Subtype, params, o.String()}, "ParseOffer(%q)", offer)
	}
}

func TestAcceptAddGolden(t *testing.T) {
	t.Parallel()
	var file acceptGoldenFile
	testutil.LoadGolden(t, "golden_accept.json", &file)
	require.Len(t, file.Add, 4)
	parse := map[string]func(*string) acceptNegotiator{
		"accept": func(v *string) acceptNegotiator {
			if v == nil {
				return header.Accept{}
			}
			return header.ParseAccept(*v)
		},
		"accept_charset": func(v *string) acceptNegotiator {
			if v == nil {
				return header.AcceptCharset{}
			}
			return header.ParseAcceptCharset(*v)
		},
		"accept_encoding": func(v *string) acceptNegotiator {
			if v == nil {
				return header.AcceptEncoding{}
			}
			return header.ParseAcceptEncoding(*v)
		},
		"accept_language": func(v *string) acceptNegotiator {
			if v == nil {
				return header.AcceptLanguage{}
			}
			return header.ParseAcceptLanguage(*v)
		},
	}
	str := func(p *string) string {
		if p == nil {
			return "None"
		}
		return *p
	}
	for kind, cases := range file.Add {
		for _, c := range cases {
			a, b := parse[kind](c[0]), parse[kind](c[1])
			var sum acceptNegotiator
			switch a := a.(type) {
			case header.Accept:
				sum = a.Add(b.(header.Accept))
			case header.AcceptCharset:
				sum = a.Add(b.(header.AcceptCharset))
			case header.AcceptEncoding:
				sum = a.Add(b.(header.AcceptEncoding))
			case header.AcceptLanguage:
				sum = a.Add(b.(header.AcceptLanguage))
			}
			name := fmt.Sprintf("%s: %s + %s", kind, str(c[0]), str(c[1]))
			want := "valid"
			switch {
			case strings.HasSuffix(*c[2], "InvalidHeader"):
				want = "invalid"
			case strings.HasSuffix(*c[2], "NoHeader"):
				want = "absent"
			}
			assert.Equal(t, want, acceptState(sum), name)
			h, _ := sum.Header()
			assert.Equal(t, str(c[3]), map[bool]string{true: h, false: "None"}[sum.Present()], name)
		}
	}
}
