package header

import (
	"fmt"
	"testing"
)

func TestAcceptLanguageLookup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		present      bool
		tags         []string
		want         string
	}{
		{"absent", "", false, []string{"en"}, "zz"},
		{"invalid", "en_US", true, []string{"en"}, "zz"},
		{"exact", "fr, en", true, []string{"en", "fr"}, "fr"},
		{"q order", "fr;q=0.5, en", true, []string{"fr", "en"}, "en"},
		{"equal q keeps header order", "de;q=0.5, fr;q=0.5", true, []string{"fr", "de"}, "de"},
		{"truncation", "zh-Hant-CN", true, []string{"zh", "zh-Hant"}, "zh-Hant"},
		{"truncation drops singleton", "en-a-bbb", true, []string{"en-a", "en"}, "en"},
		{"truncation to nothing", "a-b", true, []string{"", "x"}, ""},
		{"case-insensitive", "EN-us", true, []string{"en-US"}, "en-US"},
		{"q=0 tag excluded", "en-US, en;q=0", true, []string{"en"}, "zz"},
		{"star skipped", "*, fr", true, []string{"de"}, "zz"},
		{"star q0 no default", "en, *;q=0", true, []string{"de"}, ""},
		{"star after star q0 is a range", "*;q=0, *", true, []string{"*"}, "*"},
		{"default excluded", "zz;q=0, en", true, []string{"de"}, ""},
		{"no match", "fr", true, []string{"de"}, "zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := acceptLanguageOf(tt.header, tt.present).Lookup(tt.tags, "zz"); got != tt.want {
				t.Errorf("ParseAcceptLanguage(%q).Lookup(%q, zz) = %q, want %q", tt.header, tt.tags, got, tt.want)
			}
		})
	}
}

func TestAcceptLanguageBasicFiltering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		present      bool
		tags         []string
		want         string
	}{
		{"absent", "", false, []string{"en"}, "[]"},
		{"invalid", "", true, []string{"en"}, "[]"},
		{"prefix", "en", true, []string{"en-GB", "english", "EN"}, "[{en-GB 1} {EN 1}]"},
		{"q then position", "fr;q=0.5, en;q=0.5, de", true, []string{"en", "fr", "de"}, "[{de 1} {fr 0.5} {en 0.5}]"},
		{"highest q among matches", "en;q=0.2, en-gb;q=0.8", true, []string{"en-GB"}, "[{en-GB 0.8}]"},
		{"q=0 veto beats explicit", "en;q=0, en-us", true, []string{"en-us", "en"}, "[]"},
		{"star", "fr, *;q=0.3", true, []string{"de", "fr"}, "[{fr 1} {de 0.3}]"},
		{"star q0", "*;q=0, fr", true, []string{"de", "fr"}, "[{fr 1}]"},
		{"first occurrence", "en;q=0.3, EN;q=0.9", true, []string{"en"}, "[{en 0.3}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(acceptLanguageOf(tt.header, tt.present).BasicFiltering(tt.tags)); got != tt.want {
				t.Errorf("ParseAcceptLanguage(%q).BasicFiltering(%q) = %s, want %s", tt.header, tt.tags, got, tt.want)
			}
		})
	}
}

func TestAcceptLanguageBestMatchQuality(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		offers []string
		want   string
	}{
		{"en", []string{"en_GB"}, "en_GB"},
		{"en-GB", []string{"en"}, "en"},
		{"en-GB", []string{"fr", "en-US"}, ""},
		{"fr;q=0.5, *", []string{"fr", "de"}, "fr"},
		{"fr, *;q=0.5", []string{"de", "fr"}, "fr"},
		{"en;q=0", []string{"en"}, ""},
	}
	for _, tt := range tests {
		if got := ParseAcceptLanguage(tt.header).BestMatch(tt.offers); got != tt.want {
			t.Errorf("ParseAcceptLanguage(%q).BestMatch(%q) = %q, want %q", tt.header, tt.offers, got, tt.want)
		}
	}
	a := ParseAcceptLanguage("en-gb;q=0.8, en;q=0.7, fr;q=0")
	for _, tt := range []struct {
		offer string
		q     float64
		ok    bool
	}{
		{"en-GB", 0.8, true},
		{"en_us", 0.7, true},
		{"fr", 0, false},
		{"de", 0, false},
	} {
		if q, ok := a.Quality(tt.offer); q != tt.q || ok != tt.ok {
			t.Errorf("Quality(%q) = %v, %v; want %v, %v", tt.offer, q, ok, tt.q, tt.ok)
		}
	}
}
