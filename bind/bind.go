package bind

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/gorilla/schema"
	"github.com/gowebob/gowebob/exc"
	"github.com/gowebob/gowebob/request"
)

// Defaults and ceilings of Binder.
const (
	defaultMaxIndex = 100
	maxIndexCeiling = 10000 // also gorilla/schema's MaxSize, which is never reached
	defaultMaxKeys  = 1000
	maxFieldLen     = 128 // longest Field name a Error reports
)

// Binder fills a struct from a request; the package function Bind uses
// the zero Binder. The zero value is ready to use and a Binder may be shared by
// many goroutines.
type Binder struct {
	// RejectUnknown makes Bind fail with a 400 when the query string,
	// the form or the JSON body has a key that no field takes. If false,
	// unknown keys are ignored.
	RejectUnknown bool

	// MaxIndex is the largest slice index a key may name, as the 7 of
	// "items.7.name". Zero means 100; values above 10000 mean 10000.
	// A key with a larger index, or a signed one, fails the whole Bind with
	// a 400 before anything is decoded, so that "items.1000000000.name"
	// cannot make a huge slice.
	MaxIndex int

	// MaxKeys is the largest number of distinct keys the query string and
	// the form may have together. Zero means 1000. More keys fail with a
	// 400. (request.Limits.MaxFormKeys still bounds parsing itself.)
	MaxKeys int

	// Validator holds the validate tags Bind checks. If nil, validator/v10's
	// own tags are used; see NewValidator to add some.
	Validator *Validator
}

// Error is the error Bind returns when the request does not fit the
// destination: a 400 Bad Request when it is malformed (JSON that does not
// parse, a value that does not convert to the field's type, an unknown key
// refused by Binder.RejectUnknown, a slice index above the limit) or a 422
// Unprocessable Entity when it parsed but failed validation.
//
// Message and Fields are safe to show to the client: they never contain
// a value the client sent, only the names of its fields (cut to 128 bytes).
type Error struct {
	// Code is http.StatusBadRequest or http.StatusUnprocessableEntity.
	Code int

	// Message is a sentence for the client, such as "The request has 2
	// invalid fields."
	Message string

	// Fields lists the failures field by field, sorted by Field. It may be
	// empty for a malformed body.
	Fields []FieldError

	// Err is the underlying cause, when there is one (a *JSONError for a
	// body that is not JSON), for logging.
	Err error
}

// FieldError is one field that could not be bound or did not validate.
// It is exc's type, so that exc renders the fields of an Error without
// depending on this package (and on validator/v10).
type FieldError = exc.FieldError

// Error implements error. It names the failing fields and rules.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bind: ")
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(f.Field)
		b.WriteString(" (")
		b.WriteString(f.Rule)
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// StatusCode is Code: 400 for a malformed request, 422 for an invalid one.
func (e *Error) StatusCode() int { return e.Code }

// FieldErrors returns Fields: exc.FromError shows them to the client.
func (e *Error) FieldErrors() []FieldError { return e.Fields }

// PublicMessage returns Message: exc.FromError shows it to the client.
func (e *Error) PublicMessage() string { return e.Message }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Bind fills the struct dst points to from r with the zero Binder, then
// validates it; see Binder.Bind.
func Bind(r *request.Request, dst any) error {
	return Binder{}.Bind(r, dst)
}

// Bind fills the struct dst points to from r, then validates it with the
// struct's validate tags (github.com/go-playground/validator/v10).
//
// The sources, from lowest to highest precedence (a later one overwrites
// what an earlier one set):
//
//   - the query string and the form body (Request.Params), decoded by
//     github.com/gorilla/schema with schema tags ("items.0.name" for slices
//     of structs); a field with one value takes the last one, so the form
//     wins over the query string, unlike Params.Get. Uploaded files are not
//     bound.
//   - a JSON body, when the Content-Type is application/json or ends in
//     +json, decoded with encoding/json and json tags. An empty body is
//     not an error.
//   - header:"X-Name" tags, from the request header (a slice field splits a
//     comma-separated value);
//   - path:"name" tags, from the *http.Request's PathValue (Go 1.22
//     ServeMux patterns), for a Request made by FromHTTP.
//
// header and path tags are read on top-level fields only, and a field that
// has one is not filled from the query, form or JSON body unless it also has
// a schema or json tag, so that a client cannot set through the query what
// a proxy is meant to set in a header. Header and path fields may be
// strings, booleans, numbers, encoding.TextUnmarshalers, pointers to those
// and slices of those.
//
// Failures to bind are a *Error: 400 when the request is malformed,
// 422 when validation fails. Errors reading the request itself (a
// *TooLargeError, *DecodeError, *FormError or *BodyError, or
// ErrUnsupportedCharset) are returned as they are. A dst that is not a
// non-nil pointer to a struct, that has a header or path field of an
// unsupported type, or a form field gorilla/schema cannot fill (a type it
// has no converter for, a slice of pointers to a named type), is a
// programming error: Bind returns an error that is none of these, which exc
// renders as a 500.
func (b Binder) Bind(r *request.Request, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("bind: Bind needs a non-nil pointer to a struct, not %T", dst)
	}
	info := bindInfoFor(rv.Elem().Type())
	if info.err != nil {
		return info.err
	}
	isJSON := isJSONType(r.ContentType())

	params, err := r.Params()
	if err != nil {
		return err
	}
	var fails []FieldError
	if params.Len() > 0 || !isJSON {
		src := getValues()
		fails, err = b.decodeForm(rv, info, params, src)
		putValues(src)
		if err != nil {
			return err
		}
	}
	if isJSON {
		jf, err := b.decodeJSON(r, rv.Elem(), info)
		if err != nil {
			return err
		}
		fails = append(fails, jf...)
	}
	fails = append(fails, bindSources(r, rv.Elem(), info)...)
	if len(fails) > 0 {
		return newError(http.StatusBadRequest, fails, nil)
	}
	v := b.Validator
	if v == nil {
		v = defaultValidator()
	}
	return v.validateStruct(dst, rv.Elem().Type(), isJSON)
}

// isJSONType reports whether the media type ctype (without parameters) is
// JSON: application/json or a +json suffix, in any case.
func isJSONType(ctype string) bool {
	ctype = strings.TrimSpace(ctype)
	return strings.EqualFold(ctype, "application/json") ||
		len(ctype) > 5 && strings.EqualFold(ctype[len(ctype)-5:], "+json") && strings.IndexByte(ctype, '/') > 0
}

// newError builds the error for fails, sorted, with its message.
func newError(code int, fails []FieldError, cause error) *Error {
	slices.SortStableFunc(fails, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
	msg := ""
	switch {
	case code == http.StatusUnprocessableEntity && len(fails) == 1:
		msg = "The request has 1 invalid field."
	case code == http.StatusUnprocessableEntity:
		msg = "The request has " + strconv.Itoa(len(fails)) + " invalid fields."
	case len(fails) == 1:
		msg = "The request has 1 field that could not be read."
	default:
		msg = "The request has " + strconv.Itoa(len(fails)) + " fields that could not be read."
	}
	return &Error{Code: code, Message: msg, Fields: fails, Err: cause}
}

// ---- query string and form ----

var formDecoder = sync.OnceValue(func() *schema.Decoder {
	d := schema.NewDecoder()
	// Unknown keys are reported, and ignored by Bind unless RejectUnknown
	// is set, so that one cached decoder serves both settings.
	d.IgnoreUnknownKeys(false)
	d.MaxSize(maxIndexCeiling)
	return d
})

// values is a pooled map for schema: a form of a few keys then costs no
// allocation for the map or the one-value slices (see getValues).
type values struct {
	m   map[string][]string
	buf []string
}

var valuesPool = sync.Pool{New: func() any { return &values{m: make(map[string][]string, 16)} }}

func getValues() *values { return valuesPool.Get().(*values) }

func putValues(v *values) {
	if len(v.buf) > 1024 {
		return // let a huge one go rather than keep it
	}
	clear(v.m)
	clear(v.buf)
	v.buf = v.buf[:0]
	valuesPool.Put(v)
}

// add appends key=value. A key's first value is a one-element slice of buf
// with its capacity capped, so a second value makes append copy it instead
// of overwriting the next key's.
func (v *values) add(key, value string) {
	if s, ok := v.m[key]; ok {
		v.m[key] = append(s, value)
		return
	}
	if len(v.buf) == cap(v.buf) {
		v.buf = make([]string, 0, max(16, 2*cap(v.buf)))
	}
	v.buf = append(v.buf, value)
	n := len(v.buf)
	v.m[key] = v.buf[n-1 : n : n]
}

// decodeForm decodes params into the struct dst points to with
// gorilla/schema. It returns the failures to report
// (400), or a *Error that ends Bind at once (too many keys, an index
// too large), or a programming error.
func (b Binder) decodeForm(dst reflect.Value, info *bindInfo, params request.Params, src *values) ([]FieldError, error) {
	maxKeys := b.MaxKeys
	if maxKeys <= 0 {
		maxKeys = defaultMaxKeys
	}
	maxIndex := b.MaxIndex
	if maxIndex <= 0 {
		maxIndex = defaultMaxIndex
	}
	maxIndex = min(maxIndex, maxIndexCeiling)

	var fails []FieldError
	for _, md := range [2]*request.MultiDict{params.GET, params.POST} {
		if md == nil {
			continue
		}
		for _, it := range md.Items() {
			if it.File != nil {
				continue
			}
			if _, ok := src.m[it.Key]; !ok {
				if len(src.m) == maxKeys {
					return nil, &Error{Code: http.StatusBadRequest,
						Message: "The request has more than " + strconv.Itoa(maxKeys) + " parameters."}
				}
				if !indexesWithin(it.Key, maxIndex) {
					return nil, newError(http.StatusBadRequest, []FieldError{{
						Field:   clientField(it.Key),
						Rule:    "index",
						Message: clientField(it.Key) + " has an index above the limit of " + strconv.Itoa(maxIndex) + ".",
					}}, nil)
				}
				if info.owns(it.Key) {
					f := unknownField(it.Key)
					if b.RejectUnknown && !slices.Contains(fails, f) {
						fails = append(fails, f)
					}
					continue
				}
			}
			src.add(it.Key, it.Value)
		}
	}
	err := schemaDecode(dst.Interface(), src.m)
	if err == nil {
		return fails, nil
	}
	var me schema.MultiError
	if !errors.As(err, &me) {
		return nil, fmt.Errorf("bind: Bind: %w", err)
	}
	var invalid []FieldError
	for key, e := range me {
		var (
			ce schema.ConversionError
			ue schema.UnknownKeyError
			ee schema.EmptyFieldError
		)
		switch {
		case errors.As(e, &ue):
			if b.RejectUnknown {
				fails = append(fails, unknownField(key))
			}
		case errors.As(e, &ce):
			name := clientField(key)
			fails = append(fails, FieldError{Field: name, Rule: "type", Message: name + " " + typeMessage(ce.Type) + "."})
		case errors.As(e, &ee):
			name := clientField(ee.Key)
			invalid = append(invalid, FieldError{Field: name, Rule: "required", Message: name + " is required."})
		default:
			// "converter not found": a field type schema cannot fill.
			return nil, fmt.Errorf("bind: Bind: %s: %w", clientField(key), e)
		}
	}
	if len(fails) == 0 && len(invalid) > 0 {
		return nil, newError(http.StatusUnprocessableEntity, invalid, nil)
	}
	return fails, nil
}

// schemaDecode is formDecoder().Decode, with a panic in schema returned as
// an error: schema panics on a slice of pointers to a named type
// ([]*MyInt) when a value converts, which a client can trigger. Like a
// field type schema has no converter for, it is the application's mistake,
// and the error is a 500, not a crashed request.
func schemaDecode(dst any, src map[string][]string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("gorilla/schema cannot fill %T: %v", dst, v)
		}
	}()
	return formDecoder().Decode(dst, src)
}

// indexesWithin reports whether every segment of key after the first that
// is a number, as gorilla/schema would read a slice index, is unsigned and
// at most limit. schema itself allocates index+1 elements, and panics on a
// negative index. It does not allocate.
func indexesWithin(key string, limit int) bool {
	_, rest, _ := strings.Cut(key, ".")
	for rest != "" {
		var seg string
		seg, rest, _ = strings.Cut(rest, ".")
		if seg == "" {
			continue
		}
		digits := seg
		if seg[0] == '+' || seg[0] == '-' {
			digits = seg[1:]
		}
		if digits == "" || !allDigits(digits) {
			continue // not an index: schema reports an unknown key
		}
		if digits != seg {
			return false
		}
		n := 0
		for i := 0; i < len(digits); i++ {
			n = n*10 + int(digits[i]-'0')
			if n > limit {
				return false
			}
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clientField returns a key the client sent as a safe Field: valid UTF-8,
// at most maxFieldLen bytes.
func clientField(key string) string {
	if len(key) > maxFieldLen {
		key = key[:maxFieldLen]
	}
	if !utf8.ValidString(key) {
		key = strings.ToValidUTF8(key, "\uFFFD")
		for len(key) > maxFieldLen {
			_, n := utf8.DecodeLastRuneInString(key)
			key = key[:len(key)-n]
		}
	}
	return key
}

func unknownField(key string) FieldError {
	name := clientField(key)
	return FieldError{Field: name, Rule: "unknown", Message: name + " is not a known field."}
}

// typeMessage completes "<field> ..." for a value that does not convert
// to t.
func typeMessage(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "has the wrong type"
	}
	if isTextUnmarshaler(t) {
		return "is not in a valid format"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "must be true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "must be a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "must be a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "must be a number"
	case reflect.String:
		return "must be a string"
	case reflect.Slice, reflect.Array:
		return "must be a list"
	case reflect.Struct, reflect.Map:
		return "must be an object"
	}
	return "has the wrong type"
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// ---- JSON body ----

// decodeJSON decodes a JSON body over dst. Fields filled from a header or
// a path only keep their value.
func (b Binder) decodeJSON(r *request.Request, dst reflect.Value, info *bindInfo) ([]FieldError, error) {
	text, err := r.Text()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var saved []reflect.Value
	for _, f := range info.sources {
		if !f.jsonTagged {
			v := reflect.New(f.typ).Elem()
			v.Set(dst.Field(f.index))
			saved = append(saved, v)
		}
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if b.RejectUnknown {
		dec.DisallowUnknownFields()
	}
	err = dec.Decode(dst.Addr().Interface())
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("json: data after the top-level value")
		}
	}
	i := 0
	for _, f := range info.sources {
		if !f.jsonTagged {
			dst.Field(f.index).Set(saved[i])
			i++
		}
	}
	if err == nil {
		return nil, nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		name := clientField(te.Field)
		return []FieldError{{Field: name, Rule: "type", Message: name + " " + typeMessage(te.Type) + "."}}, nil
	}
	if msg := err.Error(); strings.HasPrefix(msg, `json: unknown field "`) {
		name, _ := strconv.Unquote(strings.TrimPrefix(msg, "json: unknown field "))
		return []FieldError{unknownField(name)}, nil
	}
	return nil, &Error{Code: http.StatusBadRequest, Message: "The request body is not valid JSON.",
		Err: &request.JSONError{Err: err}}
}

// ---- header and path fields ----

// bindInfo is what Bind needs to know about a destination struct type,
// computed once per type.
type bindInfo struct {
	sources []sourceField // top-level fields with a header or path tag
	owned   []string      // schema names of those without a schema tag
	err     error         // a field of a type Bind cannot fill
}

type sourceField struct {
	index        int
	header, path string
	jsonTagged   bool
	typ          reflect.Type
}

var bindInfos sync.Map // reflect.Type -> *bindInfo

func bindInfoFor(t reflect.Type) *bindInfo {
	if v, ok := bindInfos.Load(t); ok {
		return v.(*bindInfo)
	}
	info := new(bindInfo)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		header, path := f.Tag.Get("header"), f.Tag.Get("path")
		if !f.IsExported() || header == "" && path == "" {
			continue
		}
		if !convertible(f.Type) {
			info.err = fmt.Errorf("bind: Bind: field %s.%s of type %s cannot be filled from a header or path", t, f.Name, f.Type)
		}
		_, jsonTagged := f.Tag.Lookup("json")
		info.sources = append(info.sources, sourceField{index: i, header: header, path: path, jsonTagged: jsonTagged, typ: f.Type})
		if _, ok := f.Tag.Lookup("schema"); !ok {
			info.owned = append(info.owned, f.Name)
		}
	}
	v, _ := bindInfos.LoadOrStore(t, info)
	return v.(*bindInfo)
}

// owns reports whether key names a field that only a header or path fill.
func (info *bindInfo) owns(key string) bool {
	first, _, _ := strings.Cut(key, ".")
	for _, name := range info.owned {
		if strings.EqualFold(first, name) { // schema matches names so
			return true
		}
	}
	return false
}

// bindSources sets the header and path fields.
func bindSources(r *request.Request, dst reflect.Value, info *bindInfo) []FieldError {
	var fails []FieldError
	for _, f := range info.sources {
		if f.header != "" {
			if v, ok := r.Headers().Lookup(f.header); ok {
				if !setValue(dst.Field(f.index), v, true) {
					fails = append(fails, typeField(f.header, f.typ))
				}
			}
		}
		if f.path != "" {
			if v := r.PathValue(f.path); v != "" {
				if !setValue(dst.Field(f.index), v, false) {
					fails = append(fails, typeField(f.path, f.typ))
				}
			}
		}
	}
	return fails
}

func typeField(name string, t reflect.Type) FieldError {
	return FieldError{Field: name, Rule: "type", Message: name + " " + typeMessage(t) + "."}
}

// convertible reports whether setValue can fill a value of type t.
func convertible(t reflect.Type) bool {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer:
		return t.Elem().Kind() != reflect.Pointer && t.Elem().Kind() != reflect.Slice && convertible(t.Elem())
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Slice && convertible(t.Elem())
	}
	return isSchemaKind(t.Kind())
}

// setValue converts s into v. A slice takes the comma-separated elements
// of s when list is set, else s as its one element.
func setValue(v reflect.Value, s string, list bool) bool {
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		return u.UnmarshalText([]byte(s)) == nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if !setValue(p.Elem(), s, list) {
			return false
		}
		v.Set(p)
		return true
	case reflect.Slice:
		parts := []string{s}
		if list {
			parts = strings.Split(s, ",")
		}
		out := reflect.MakeSlice(v.Type(), 0, len(parts))
		for _, p := range parts {
			if p = strings.TrimSpace(p); p == "" && list {
				continue
			}
			e := reflect.New(v.Type().Elem()).Elem()
			if !setValue(e, p, false) {
				return false
			}
			out = reflect.Append(out, e)
		}
		v.Set(out)
		return true
	case reflect.String:
		v.SetString(s)
		return true
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		v.SetBool(b)
		return err == nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		v.SetInt(n)
		return err == nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(s, 10, v.Type().Bits())
		v.SetUint(n)
		return err == nil
	case reflect.Float32, reflect.Float64:
		n, err := strconv.ParseFloat(s, v.Type().Bits())
		v.SetFloat(n)
		return err == nil
	}
	return false
}

// ---- validation ----

// Validator is the set of validate tags a Binder checks: the ones
// validator/v10 knows, and those registered with RegisterValidation. Build
// it with NewValidator and register its tags at start-up, before it
// validates: the underlying validator is not safe for registration while
// it runs. Once set up, a Validator may be shared by many goroutines.
//
// It is a value rather than a package-wide registry (validator/v10's own
// default) so that two applications in one program cannot change each
// other's rules.
type Validator struct {
	v        *validator.Validate
	messages map[string]string // tag -> message of RegisterValidation
}

// NewValidator returns a Validator with validator/v10's tags only.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(validationName)
	return &Validator{v: v, messages: make(map[string]string)}
}

// defaultValidator is what a Binder without a Validator uses. It is never
// given other tags.
var defaultValidator = sync.OnceValue(NewValidator)

// RegisterValidation adds a validate tag, as
// validator.Validate.RegisterValidation does. message completes the
// sentence that follows the field's name when fn reports false, such as
// "must be a slug"; if empty, "is not valid" is used.
func (v *Validator) RegisterValidation(tag string, fn validator.Func, message string) error {
	if err := v.v.RegisterValidation(tag, fn); err != nil {
		return err
	}
	v.messages[tag] = message
	return nil
}

// validationName is the validator's tag name function. It packs every name
// a field may have to the client, so that one validator serves forms and
// JSON alike: "schema\x00json\x00header-or-path\x00GoName". fieldPath
// unpacks it.
func validationName(f reflect.StructField) string {
	other := f.Tag.Get("header")
	if other == "" {
		other = f.Tag.Get("path")
	}
	return tagAlias(f.Tag.Get("schema")) + "\x00" + tagAlias(f.Tag.Get("json")) + "\x00" + other + "\x00" + f.Name
}

// tagAlias returns the name part of a schema or json tag, "" for none or "-".
func tagAlias(tag string) string {
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	return name
}

// validateStruct validates dst and turns its failures into a 422.
func (v *Validator) validateStruct(dst any, t reflect.Type, isJSON bool) error {
	err := v.v.Struct(dst)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return fmt.Errorf("bind: Bind: %w", err)
	}
	prefix := 0 // the namespace starts with "TypeName." for a named type
	if name := t.Name(); name != "" {
		prefix = len(name) + 1
	}
	fails := make([]FieldError, 0, len(ves))
	for _, fe := range ves {
		ns := fe.Namespace()
		if len(ns) >= prefix {
			ns = ns[prefix:]
		}
		name := clientField(fieldPath(ns, isJSON))
		fails = append(fails, FieldError{Field: name, Rule: fe.Tag(), Message: name + " " + v.ruleMessage(fe) + "."})
	}
	return newError(http.StatusUnprocessableEntity, fails, nil)
}

// fieldPath turns a validator namespace made of validationName names
// ("\x00items\x00\x00Items[0].\x00\x00\x00Name") into the client's dotted
// path ("items.0.Name"): the json name of each field for a JSON body,
// else its schema name, else (for a top-level field) its header or path
// name, else its Go name.
func fieldPath(ns string, isJSON bool) string {
	var b strings.Builder
	for seg := 0; ns != ""; seg++ {
		var parts [3]string
		ok := true
		for i := range parts {
			var found bool
			parts[i], ns, found = strings.Cut(ns, "\x00")
			if !found {
				ok = false
				break
			}
		}
		if !ok { // not one of ours: keep what is left
			b.WriteString(parts[0])
			break
		}
		end := strings.IndexAny(ns, ".[")
		if end < 0 {
			end = len(ns)
		}
		name := parts[0]
		if isJSON {
			name = parts[1]
		}
		if name == "" && seg == 0 {
			name = parts[2]
		}
		if name == "" {
			name = ns[:end]
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(name)
		ns = ns[end:]
		for strings.HasPrefix(ns, "[") {
			close := strings.IndexByte(ns, ']')
			if close < 0 {
				close = len(ns) - 1
			}
			b.WriteByte('.')
			b.WriteString(ns[1:close])
			ns = ns[close+1:]
		}
		ns = strings.TrimPrefix(ns, ".")
	}
	return b.String()
}

// ruleMessage completes "<field> ..." for a failed validation.
func (v *Validator) ruleMessage(fe validator.FieldError) string {
	tag, param := fe.Tag(), fe.Param()
	if m, ok := v.messages[tag]; ok {
		if m != "" {
			return m
		}
		return "is not valid"
	}
	kind := fe.Kind()
	var unit, unitOne string // for lengths
	switch kind {
	case reflect.String:
		unit, unitOne = "characters", "character"
	case reflect.Slice, reflect.Array, reflect.Map:
		unit, unitOne = "items", "item"
	}
	length := func(prefix string) string {
		if param == "1" {
			return prefix + " 1 " + unitOne
		}
		return prefix + " " + param + " " + unit
	}
	switch tag {
	case "required", "required_if", "required_unless", "required_with", "required_with_all",
		"required_without", "required_without_all":
		return "is required"
	case "excluded_if", "excluded_unless", "excluded_with", "excluded_with_all", "excluded_without", "excluded_without_all":
		return "must not be given"
	case "min", "gte":
		if unit != "" {
			return length("must have at least")
		}
		return "must be " + param + " or more"
	case "max", "lte":
		if unit != "" {
			return length("must have at most")
		}
		return "must be " + param + " or less"
	case "gt":
		if unit != "" {
			return length("must have more than")
		}
		return "must be more than " + param
	case "lt":
		if unit != "" {
			return length("must have fewer than")
		}
		return "must be less than " + param
	case "len":
		if unit != "" {
			return length("must have exactly")
		}
		return "must be " + param
	case "eq":
		return "must be " + param
	case "ne":
		return "must not be " + param
	case "oneof":
		return "must be one of " + strings.Join(strings.Fields(param), ", ")
	case "email":
		return "must be an email address"
	case "url", "http_url", "uri":
		return "must be a URL"
	case "uuid", "uuid3", "uuid4", "uuid5":
		return "must be a UUID"
	case "alpha":
		return "must contain only letters"
	case "alphanum":
		return "must contain only letters and digits"
	case "numeric", "number":
		return "must be a number"
	case "boolean":
		return "must be true or false"
	case "ip", "ipv4", "ipv6":
		return "must be an IP address"
	case "hostname", "hostname_rfc1123", "fqdn":
		return "must be a host name"
	case "datetime":
		return "must be a date in the format " + param
	case "eqfield":
		return "must be equal to " + param
	case "nefield":
		return "must differ from " + param
	case "contains":
		return "must contain " + strconv.Quote(param)
	case "startswith":
		return "must start with " + strconv.Quote(param)
	case "endswith":
		return "must end with " + strconv.Quote(param)
	case "lowercase":
		return "must be in lower case"
	case "uppercase":
		return "must be in upper case"
	case "unique":
		return "must not repeat a value"
	}
	return "is not valid"
}

// isSchemaKind reports whether gorilla/schema converts a value of kind k
// itself.
func isSchemaKind(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// isTextUnmarshaler reports whether t or *t is an encoding.TextUnmarshaler.
func isTextUnmarshaler(t reflect.Type) bool {
	return t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)
}
