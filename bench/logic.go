package bench

import (
	"strconv"
	"strings"
)

// Signup is the 10-field form of the "bind" item. It carries the tags of
// every binder: schema and validate for gowebob (gorilla/schema and
// validator) and for chi, form and binding for gin, form and validate for
// echo. The raw net/http handler checks the same rules by hand (validSignup).
type Signup struct {
	Name     string `schema:"name" form:"name" validate:"required,min=2,max=64" binding:"required,min=2,max=64"`
	Email    string `schema:"email" form:"email" validate:"required,email" binding:"required,email"`
	Age      int    `schema:"age" form:"age" validate:"required,gte=18,lte=130" binding:"required,gte=18,lte=130"`
	Country  string `schema:"country" form:"country" validate:"required,len=2,uppercase" binding:"required,len=2,uppercase"`
	Zip      string `schema:"zip" form:"zip" validate:"required,numeric,len=5" binding:"required,numeric,len=5"`
	Phone    string `schema:"phone" form:"phone" validate:"required,e164" binding:"required,e164"`
	Website  string `schema:"website" form:"website" validate:"omitempty,url" binding:"omitempty,url"`
	Password string `schema:"password" form:"password" validate:"required,min=8,max=72" binding:"required,min=8,max=72"`
	Confirm  string `schema:"confirm" form:"confirm" validate:"required,eqfield=Password" binding:"required,eqfield=Password"`
	Terms    bool   `schema:"terms" form:"terms" validate:"required" binding:"required"`
}

// Summary is the "bind" item's answer for a valid Signup.
func (s *Signup) Summary() string {
	var b strings.Builder
	b.WriteString("welcome ")
	b.WriteString(s.Name)
	b.WriteString(" <")
	b.WriteString(s.Email)
	b.WriteString("> age=")
	b.WriteString(strconv.Itoa(s.Age))
	b.WriteString(" country=")
	b.WriteString(s.Country)
	b.WriteString(" zip=")
	b.WriteString(s.Zip)
	b.WriteString(" phone=")
	b.WriteString(s.Phone)
	b.WriteString(" website=")
	b.WriteString(s.Website)
	b.WriteString(" terms=")
	b.WriteString(strconv.FormatBool(s.Terms))
	b.WriteByte('\n')
	return b.String()
}

// invalidSignup is the body of the 422 a Signup that does not validate gets.
const invalidSignup = "invalid signup\n"

// prefsSummary is the "cookies" item's answer: the ten cookies, the chosen
// media type and the chosen language.
func prefsSummary(cookie func(string) string, media, lang string) string {
	return lines(CookieNames, cookie) + "type=" + media + "\nlang=" + lang + "\n"
}

// items is the store the "error" item looks up; it has no item 42.
var items = map[string]string{"1": "Widget", "2": "Gadget"}

// itemText is the answer for an item that exists.
func itemText(id, name string) string { return "item " + id + ": " + name + "\n" }

// itemDetail is the detail of the 404 for an item that does not exist.
func itemDetail(id string) string { return "No item " + id + "." }

// ErrorDoc is the JSON object of the "error" item's 404: the object
// gowebob's exc renders for Accept: application/json (WebOb's JSON error
// body), which the other frameworks write with their own JSON encoders.
type ErrorDoc struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Title   string `json:"title"`
}

// notFoundDoc is the ErrorDoc of a 404 with detail.
func notFoundDoc(detail string) ErrorDoc {
	return ErrorDoc{
		Message: "The resource could not be found.<br /><br />\n" + detail + "\n\n",
		Code:    "404 Not Found",
		Title:   "Not Found",
	}
}

// The frameworks other than gowebob have no Accept-Language negotiation
// (and raw net/http, echo and chi none for Accept): a hand-written
// application uses small helpers like these two. They allocate nothing, so
// they flatter those frameworks, if anything.

// qRange is one range of an Accept-style header.
type qRange struct {
	value string
	q     float64
}

// parseQ splits an Accept-style header into at most len(dst) ranges.
func parseQ(dst []qRange, header string) []qRange {
	for header != "" && len(dst) < cap(dst) {
		var part string
		part, header, _ = strings.Cut(header, ",")
		value, params, _ := strings.Cut(part, ";")
		value = strings.TrimSpace(value)
		if value == "" {
			continue
		}
		q := 1.0
		for params != "" {
			var p string
			p, params, _ = strings.Cut(params, ";")
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if k == "q" || k == "Q" {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		dst = append(dst, qRange{value, q})
	}
	return dst
}

// bestMedia returns the offer the Accept header prefers (the one whose most
// specific matching range has the highest q; the first offer on a tie), or
// "" when none is acceptable. An empty header accepts the first offer.
func bestMedia(header string, offers []string) string {
	if header == "" && len(offers) > 0 {
		return offers[0]
	}
	var buf [32]qRange
	ranges := parseQ(buf[:0], header)
	best, bestQ := "", 0.0
	for _, offer := range offers {
		otype, _, _ := strings.Cut(offer, "/")
		q, spec := 0.0, -1
		for _, r := range ranges {
			rtype, rsub, _ := strings.Cut(r.value, "/")
			s := -1
			switch {
			case strings.EqualFold(r.value, offer):
				s = 2
			case rsub == "*" && strings.EqualFold(rtype, otype):
				s = 1
			case r.value == "*/*":
				s = 0
			}
			if s > spec {
				q, spec = r.q, s
			}
		}
		if q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best
}

// lookupLanguage returns the tag RFC 4647 lookup picks for the
// Accept-Language header: ranges from the highest q down, each shortened
// subtag by subtag until it equals a tag; def when none does.
func lookupLanguage(header string, tags []string, def string) string {
	var buf [32]qRange
	ranges := parseQ(buf[:0], header)
	// Stable insertion sort by q, highest first: at most 32 ranges.
	for i := 1; i < len(ranges); i++ {
		for j := i; j > 0 && ranges[j].q > ranges[j-1].q; j-- {
			ranges[j], ranges[j-1] = ranges[j-1], ranges[j]
		}
	}
	for _, r := range ranges {
		if r.q <= 0 || r.value == "*" {
			continue
		}
		for v := r.value; v != ""; {
			for _, t := range tags {
				if strings.EqualFold(v, t) {
					return t
				}
			}
			i := strings.LastIndexByte(v, '-')
			if i < 0 {
				break
			}
			v = v[:i]
			if len(v) >= 2 && v[len(v)-2] == '-' { // drop a singleton too
				v = v[:len(v)-2]
			}
		}
	}
	return def
}
