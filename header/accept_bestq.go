package header

// This file is WebOb's best_match given (offer, server quality) pairs, for
// the four Accept headers.

// BestMatchQ is BestMatch with a server quality for each offer, as WebOb's
// best_match given (offer, server_quality) pairs: each Offer's Q (the
// server's preference, 1 for none) multiplies the q of every range it is
// matched against. It reports false where WebOb returns default_match:
// when no offer matches. For an absent or invalid header it returns the
// offer with the highest Q, the first of equals (false for no offers).
func (a Accept) BestMatchQ(offers []Offer) (string, bool) {
	return a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i].Value, offers[i].Q })
}

// BestMatchQ is BestMatch with a server quality for each offer; see
// Accept.BestMatchQ.
func (a tokenAccept) BestMatchQ(offers []Offer) (string, bool) {
	return a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i].Value, offers[i].Q })
}

// BestMatchQ is BestMatch with a server quality for each offer; see
// Accept.BestMatchQ.
func (a AcceptLanguage) BestMatchQ(offers []Offer) (string, bool) {
	return a.bestMatch(len(offers), func(i int) (string, float64) { return offers[i].Value, offers[i].Q })
}

// bestServerOffer is best_match for an absent or invalid header: the offer
// with the highest server quality, the first of equals.
func bestServerOffer(n int, offer func(int) (string, float64)) (string, bool) {
	best, bestOffer, found := -1.0, "", false
	for i := range n {
		if o, q := offer(i); q > best {
			best, bestOffer, found = q, o, true
		}
	}
	return bestOffer, found
}
