package cookies

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strings"
	"unicode/utf8"
)

// Serializer turns a value into the bytes stored in a cookie and back, as
// WebOb's serializers' dumps and loads do. Loads returns an error wrapping
// ErrInvalid for bytes it cannot read.
type Serializer interface {
	Dumps(v any) ([]byte, error)
	Loads(b []byte, dst any) error
}

// ErrInvalid is what loading a value that is malformed, or whose signature
// does not verify, returns (matched with errors.Is): WebOb's ValueError.
var ErrInvalid = errors.New("cookies: invalid value")

// JSON is WebOb's JSONSerializer: encoding/json.
type JSON struct{}

// Dumps returns v as JSON.
func (JSON) Dumps(v any) ([]byte, error) { return json.Marshal(v) }

// Loads decodes JSON b into dst.
func (JSON) Loads(b []byte, dst any) error {
	if err := json.Unmarshal(b, dst); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// Base64 is WebOb's Base64Serializer: the bytes of Serializer (JSON when
// nil) in URL-safe base64 with its "=" padding.
type Base64 struct {
	Serializer Serializer
}

func (s Base64) inner() Serializer {
	if s.Serializer == nil {
		return JSON{}
	}
	return s.Serializer
}

// Dumps returns v serialized and base64-encoded.
func (s Base64) Dumps(v any) ([]byte, error) {
	b, err := s.inner().Dumps(v)
	if err != nil {
		return nil, err
	}
	return []byte(base64.URLEncoding.EncodeToString(b)), nil
}

// Loads decodes base64 b, then the value. As WebOb's, the padding is
// required. Unlike WebOb (Python's decoder skips them), bytes outside the
// URL-safe alphabet are an error.
func (s Base64) Loads(b []byte, dst any) error {
	raw, err := base64.URLEncoding.DecodeString(string(b))
	if err != nil {
		return fmt.Errorf("%w: badly formed base64 data", ErrInvalid)
	}
	return s.inner().Loads(raw, dst)
}

// SignedSerializer is WebOb's SignedSerializer: the value serialized by
// Serializer, signed with HMAC over salt+secret, and written as URL-safe
// base64 of signature+data without padding.
//
// Beyond WebOb, it may have old secrets for key rotation
// (SignedOptions.OldSecrets): the secret signs, and a value signed with
// any of them verifies. Build it with
// NewSignedSerializer; it must not be changed once in use, and may then be
// shared by many goroutines.
type SignedSerializer struct {
	keys       [][]byte // salt+secret per secret, as WebOb encodes them
	newHash    func() hash.Hash
	size       int
	serializer Serializer
}

// hashes are the algorithms of Python's hashlib that the standard library
// has, by hashlib name.
var hashes = map[string]func() hash.Hash{
	"sha512": sha512.New, "sha384": sha512.New384, "sha256": sha256.New,
	"sha224": sha256.New224, "sha1": sha1.New, "md5": md5.New,
}

// SignedOptions are the optional parts of a SignedSerializer; the zero
// value is WebOb's defaults.
type SignedOptions struct {
	// HashAlg is the HMAC digest as Python's hashlib names it: "sha512"
	// (WebOb's default) when empty, or sha384, sha256, sha224, sha1, md5.
	HashAlg string

	// Serializer turns values into bytes. If nil, JSON is used.
	Serializer Serializer

	// OldSecrets verify values signed before the secret was replaced; they
	// never sign. WebOb has one secret only.
	OldSecrets []string
}

// NewSignedSerializer returns a SignedSerializer that signs with secret
// and salt, as WebOb's SignedSerializer(secret, salt, hashalg,
// serializer). The secret should be at least as long as the digest's
// block (64 bytes for sha512). It returns an error for an empty secret or
// an unknown algorithm: a mistake made at set-up.
//
// Salt and secrets are encoded as WebOb encodes them: as latin-1 when
// every character of both fits, else as UTF-8.
func NewSignedSerializer(secret, salt string, opts SignedOptions) (*SignedSerializer, error) {
	alg := opts.HashAlg
	if alg == "" {
		alg = "sha512"
	}
	h, ok := hashes[alg]
	if !ok {
		return nil, fmt.Errorf("cookies: unknown hash algorithm %q", alg)
	}
	if secret == "" {
		return nil, errors.New("cookies: a SignedSerializer needs a secret")
	}
	ss := &SignedSerializer{newHash: h, size: h().Size(), serializer: opts.Serializer}
	if ss.serializer == nil {
		ss.serializer = JSON{}
	}
	for _, sec := range append([]string{secret}, opts.OldSecrets...) {
		ss.keys = append(ss.keys, saltedSecret(salt, sec))
	}
	return ss, nil
}

// saltedSecret is WebOb's bytes_(salt) + bytes_(secret): latin-1, unless
// a character of either does not fit, then UTF-8 for both.
func saltedSecret(salt, secret string) []byte {
	l1, ok1 := latin1(salt)
	l2, ok2 := latin1(secret)
	if ok1 && ok2 {
		return append(l1, l2...)
	}
	return []byte(salt + secret)
}

// latin1 encodes UTF-8 s as latin-1 and reports whether every character
// fits. Bytes that are not UTF-8 are kept as they are.
func latin1(s string) ([]byte, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[i])
		case r > 0xff:
			return nil, false
		default:
			b = append(b, byte(r))
		}
		i += n
	}
	return b, true
}

// strictBase64 is the signed strings' encoding, read strictly.
var strictBase64 = base64.RawURLEncoding.Strict()

// Sign returns data signed with the first secret, as WebOb's dumps writes
// it after serializing: URL-safe base64 of HMAC(salt+secret, data) + data,
// without padding.
func (s *SignedSerializer) Sign(data []byte) string {
	m := hmac.New(s.newHash, s.keys[0])
	m.Write(data)
	return base64.RawURLEncoding.EncodeToString(append(m.Sum(nil), data...))
}

// Verify returns the data of a signed string when its signature verifies
// with one of the secrets (compared in constant time), and an error
// wrapping ErrInvalid otherwise. As WebOb's, it accepts the string with or
// without its "=" padding. Unlike WebOb's, it refuses a last character
// whose unused bits are not zero: Python's decoder ignores them, so that
// several strings pass for one signed value there; here only the one Sign
// writes does (as WebOb's signer writes it too).
func (s *SignedSerializer) Verify(signed string) ([]byte, error) {
	raw, err := strictBase64.DecodeString(strings.TrimRight(signed, "="))
	if err != nil {
		return nil, fmt.Errorf("%w: badly formed base64 data", ErrInvalid)
	}
	if len(raw) < s.size {
		return nil, fmt.Errorf("%w: invalid signature", ErrInvalid)
	}
	sig, data := raw[:s.size], raw[s.size:]
	for _, key := range s.keys {
		m := hmac.New(s.newHash, key)
		m.Write(data)
		if hmac.Equal(m.Sum(nil), sig) {
			return data, nil
		}
	}
	return nil, fmt.Errorf("%w: invalid signature", ErrInvalid)
}

// Dumps returns v serialized and signed.
func (s *SignedSerializer) Dumps(v any) ([]byte, error) {
	b, err := s.serializer.Dumps(v)
	if err != nil {
		return nil, err
	}
	return []byte(s.Sign(b)), nil
}

// Loads verifies b and decodes the value into dst.
func (s *SignedSerializer) Loads(b []byte, dst any) error {
	data, err := s.Verify(string(b))
	if err != nil {
		return err
	}
	return s.serializer.Loads(data, dst)
}
