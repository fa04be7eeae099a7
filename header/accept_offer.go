package header

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gowebob/gowebob/internal/httplex"
)

// ErrInvalidOffer is returned, wrapped with the offer, by ParseOffer for an
// offer that is not a media type: WebOb's parse_offer ValueError.
var ErrInvalidOffer = errors.New("header: invalid Accept offer")

// AcceptOffer is a media type offered to an Accept header, split into its
// parts as WebOb's AcceptOffer: Type and Subtype lower-cased, Params with
// lower-cased names and unescaped values, in order.
type AcceptOffer struct {
	Type, Subtype string
	Params        []AcceptParam
}

// ParseOffer parses an offer as WebOb's Accept.parse_offer does: a media
// type with optional parameters (none named q), neither type nor subtype
// "*". Anything else gives an error wrapping ErrInvalidOffer.
func ParseOffer(offer string) (AcceptOffer, error) {
	m, ok := parseAcceptOffer(offer)
	if !ok {
		return AcceptOffer{}, fmt.Errorf("%w: %q", ErrInvalidOffer, offer)
	}
	o := AcceptOffer{Type: strings.ToLower(m.typ), Subtype: strings.ToLower(m.sub)}
	for p := m.params; ; {
		name, value, rest, ok := acceptNextParam(p)
		if !ok {
			break
		}
		o.Params = append(o.Params, AcceptParam{Name: strings.ToLower(name), Value: acceptUnescape(value)})
		p = rest
	}
	return o, nil
}

// String returns the offer as WebOb's str(AcceptOffer): type/subtype, then
// ";name=value" for each parameter, a value quoted (with "\" and `"`
// escaped) unless it is a non-empty token.
func (o AcceptOffer) String() string {
	var b strings.Builder
	b.WriteString(o.Type)
	b.WriteByte('/')
	b.WriteString(o.Subtype)
	for _, p := range o.Params {
		b.WriteByte(';')
		b.WriteString(p.Name)
		b.WriteByte('=')
		token := p.Value != ""
		for i := 0; i < len(p.Value) && token; i++ {
			token = httplex.IsTokenByte(p.Value[i])
		}
		if token {
			b.WriteString(p.Value)
			continue
		}
		b.WriteByte('"')
		for i := 0; i < len(p.Value); i++ {
			if c := p.Value[i]; c == '\\' || c == '"' {
				b.WriteByte('\\')
			}
			b.WriteByte(p.Value[i])
		}
		b.WriteByte('"')
	}
	return b.String()
}
