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
}

type acceptGoldenCase struct {
	Kind       string               `json:"kind"`
	Header     *string              `json:"header"`
	Class      string               `json:"class"`
	AcceptHTML *bool                `json:"accept_html"`
	Results    []acceptGoldenResult `json:"results"`
	Quality    []*float64           `json:"quality"`
}

type acceptGoldenResult struct {
	BestMatch      *string  `json:"best_match"`
	Acceptable     [][2]any `json:"acceptable"`
	BasicFiltering [][2]any `json:"basic_filtering"`
	Lookup         *string  `json:"lookup"`
}

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
				}
			}

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
