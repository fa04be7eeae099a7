package request

import (
	"errors"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The destination types of the differential tests. Each must get a
// formTable (TestFormTableTypes checks it), so that the comparison is
// between the fast path and schema.

// fastSignup is the bench corpus's Signup.
type fastSignup struct {
	Name     string `schema:"name" validate:"required,min=2,max=64"`
	Email    string `schema:"email" validate:"required,email"`
	Age      int    `schema:"age" validate:"required,gte=18,lte=130"`
	Country  string `schema:"country" validate:"required,len=2,uppercase"`
	Zip      string `schema:"zip" validate:"required,numeric,len=5"`
	Phone    string `schema:"phone" validate:"required,e164"`
	Website  string `schema:"website" validate:"omitempty,url"`
	Password string `schema:"password" validate:"required,min=8,max=72"`
	Confirm  string `schema:"confirm" validate:"required,eqfield=Password"`
	Terms    bool   `schema:"terms" validate:"required"`
}

type fastNumbers struct {
	I   int `schema:"i"`
	I8  int8
	I16 int16
	I32 int32
	I64 int64 `schema:"i64,omitempty"`
	U   uint
	U8  uint8
	U16 uint16
	U32 uint32
	U64 uint64
	F32 float32
	F64 float64
	B   bool
	S   string
}

type fastPointers struct {
	PI     *int `schema:"pi"`
	PB     *bool
	PS     *string
	PF     *float32
	Ints   []int `schema:"ints"`
	Bools  []bool
	Floats []float64
	Strs   []string
	PInts  []*int
	PSlice *[]uint8
	PPS    *[]*string
}

type (
	fastInt  int16
	fastStr  string
	fastBool bool
	fastList []fastInt
)

type fastNamed struct {
	N  fastInt `schema:"n"`
	S  fastStr
	B  fastBool
	PN *fastInt
	L  fastList
	LS []fastStr
	LB []fastBool
}

type fastOdd struct {
	Name   string `schema:"name"`
	NAME   string `schema:"NAME"` // never set: "name" matches first
	Alias  int    `schema:",omitempty"`
	Skip   string `schema:"-"`
	hidden string `schema:"hidden"`
	Hidden string // never set: "hidden" matches first
	count  []int
	//lint:ignore U1000 never read: an unexported field the binders must skip, which only reflection sees (the "arr=2" key)
	arr    [2]int
	Meta   map[string]string
	Fn     func()
	Deep   [][]int
	PP     **int
	LT     []fastTextList
	Inner  struct{ A string } `schema:"-"`
	Tenant int                `header:"X-Tenant"`
	Trace  string             `header:"X-Trace" schema:"trace"`
	ID     string             `path:"id"`
	Kelvin string             `schema:"k"` // "\u212a", the Kelvin sign, folds to "k"
	Dot    string             `schema:"a.b"`
	Valid  int                `schema:"valid" validate:"omitempty,lte=10"`
}

// fastDests makes fresh destinations, zero and pre-filled, so that what
// a key keeps, replaces or writes through (a non-nil pointer) shows.
var fastDests = []struct {
	name string
	new  func() any
}{
	{"signup", func() any { return new(fastSignup) }},
	{"signup-filled", func() any { return &fastSignup{Name: "Old", Age: 40, Terms: true} }},
	{"numbers", func() any { return new(fastNumbers) }},
	{"numbers-filled", func() any { return &fastNumbers{I: 7, I8: -1, U8: 9, F32: 1.5, F64: 2.5, B: true, S: "old"} }},
	{"pointers", func() any { return new(fastPointers) }},
	{"pointers-filled", func() any {
		i, b, s, f := 7, true, "old", float32(1.5)
		one := 1
		u := []uint8{4}
		ps := []*string{&s}
		return &fastPointers{PI: &i, PB: &b, PS: &s, PF: &f, Ints: []int{9}, Bools: []bool{true},
			Strs: []string{"old"}, PInts: []*int{&one}, PSlice: &u, PPS: &ps}
	}},
	{"named", func() any { return new(fastNamed) }},
	{"named-filled", func() any { n := fastInt(3); return &fastNamed{N: 5, S: "old", PN: &n, L: fastList{1}} }},
	{"odd", func() any { return new(fastOdd) }},
	{"odd-filled", func() any {
		return &fastOdd{Name: "old", hidden: "h", count: []int{1}, Meta: map[string]string{"a": "b"}, Tenant: 2}
	}},
}

// fastParams are query strings and urlencoded bodies for every fastDests
// type: a key of one type is an unknown key for the others.
var fastParams = []struct{ query, body string }{
	{"", ""},
	{"", "name=Ada+Lovelace&email=ada%40example.com&age=36&country=GB&zip=12345&phone=%2B442071234567" +
		"&website=https%3A%2F%2Fexample.com%2Fada&password=correct+horse&confirm=correct+horse&terms=true"},
	{"name=Q", "name=Body"},
	{"name=Q&age=1", "AGE=2"},
	{"NAME=Ada", ""},
	{"Name=Ada&name=Bob", ""},
	{"nAmE=x", ""},
	{"age=abc", ""},
	{"age=", ""},
	{"age=99999999999999999999", ""},
	{"age=-5", ""},
	{"age=%2B5", ""},
	{"age=+5", ""},
	{"age=%205", ""},
	{"age=0x10", ""},
	{"age=1_000", ""},
	{"age=010", ""},
	{"age=5&age=", ""},
	{"age=&age=5", ""},
	{"age=x&age=5", ""},
	{"age=5&age=x", ""},
	{"age=5", "age="},
	{"terms=on", ""},
	{"terms=off", ""},
	{"terms=1", ""},
	{"terms=0", ""},
	{"terms=t", ""},
	{"terms=F", ""},
	{"terms=TRUE", ""},
	{"terms=True", ""},
	{"terms=tRUE", ""},
	{"terms=yes", ""},
	{"terms=On", ""},
	{"terms=", ""},
	{"b=on&B=off", ""},
	{"b=on", ""},
	{"b=2", ""},
	{"foo=1", ""},
	{"foo=1&bar=2&baz=", ""},
	{"name.first=x", ""},
	{"items.0=1", ""},
	{".=1", ""},
	{"=1", ""},
	{"a.=1", ""},
	{"a.b=1", ""},
	{"i=-9223372036854775808&i8=127&i16=-32768&i32=2147483647&i64=9223372036854775807", ""},
	{"i8=128", ""},
	{"i8=-129", ""},
	{"i16=40000&i32=3000000000", ""},
	{"i64=9223372036854775808", ""},
	{"u=1&u8=255&u16=65535&u32=4294967295&u64=18446744073709551615", ""},
	{"u8=256", ""},
	{"u=-1", ""},
	{"u64=18446744073709551616", ""},
	{"f32=3.4e38&f64=1.7e308", ""},
	{"f32=3.5e39", ""},
	{"f32=1e-50", ""},
	{"f32=1.0000001", ""},
	{"f64=NaN&f32=nan", ""},
	{"f64=inf&f32=-Infinity", ""},
	{"f64=0x1p-2", ""},
	{"f64=1_0.5", ""},
	{"f64=1e", ""},
	{"f64=.5&f32=5.", ""},
	{"f64=1e400", ""},
	{"s=hello&S=x", ""},
	{"s=a,b", ""},
	{"i=1&u=x&f32=y&b=z&s=", ""},
	{"ints=1&ints=2", ""},
	{"ints=1,2,3", ""},
	{"ints=1,,2", ""},
	{"ints=,", ""},
	{"ints=", ""},
	{"ints=&ints=", ""},
	{"ints=1,x", ""},
	{"ints=x", ""},
	{"ints=1&ints=x", ""},
	{"ints=x&ints=1", ""},
	{"ints=99999999999999999999", ""},
	{"ints=1", "ints=2"},
	{"ints=0&ints=,", ""},
	{"ints=1,2&ints=,,&ints=3", ""},
	{"pints=0&pints=,", ""},
	{"bools=on,off", ""},
	{"bools=on,true&bools=0", ""},
	{"bools=on,", ""},
	{"floats=1,5", ""},
	{"floats=1.5,2.5&floats=NaN", ""},
	{"floats=1.5e400", ""},
	{"strs=a,b", ""},
	{"strs=&strs=x&strs=", ""},
	{"strs=", ""},
	{"pints=1,2&pints=3", ""},
	{"pints=", ""},
	{"pints=1&PINTS=2", ""},
	{"pints=x", ""},
	{"pslice=1,2", ""},
	{"pslice=300", ""},
	{"pslice=", ""},
	{"pps=a&pps=&pps=b,c", ""},
	{"pps=", ""},
	{"pi=", ""},
	{"pi=5", ""},
	{"pi=x", ""},
	{"pb=on&ps=&pf=1.5", ""},
	{"ps=x&pf=x&pb=x", ""},
	{"n=5&s=str&b=on&pn=7&l=1,2&ls=a&lb=on", ""},
	{"n=70000&pn=x&l=1,x&lb=maybe", ""},
	{"l=&ls=&lb=", ""},
	{"tenant=5", ""},
	{"Tenant=5&TENANT=6", ""},
	{"trace=abc", ""},
	{"TRACE=abc&id=7", ""},
	{"X-Tenant=1", ""},
	{"Skip=1", ""},
	{"-=1", ""},
	{"hidden=1", ""},
	{"HIDDEN=x&count=1&arr=2", ""},
	{"Meta=1&Fn=1&Deep=1", ""},
	{"pp=1&lt=x", ""},
	{"inner=x&Inner.A=y&A=z", ""},
	{"alias=5", ""},
	{"Alias=x", ""},
	{"%E2%84%AA=kelvin", ""},
	{"K=upper", ""},
	{"k=lower&%E2%84%AA=kelvin", ""},
	{"valid=11", ""},
	{"valid=5&age=x", ""},
	{"%FF=1", ""},
	{"n%FF=1&%FE=2", ""},
	{strings.Repeat("a", 200) + "=1&" + strings.Repeat("a", 200) + "b=2", ""},
	{"", strings.Repeat("n", 130) + "=1&age=x&foo=1"},
	{"name=%FF", ""},
}

// TestFormTableTypes checks which types get a formTable.
func TestFormTableTypes(t *testing.T) {
	for _, d := range fastDests {
		typ := reflect.TypeOf(d.new()).Elem()
		assert.NotNil(t, newFormTable(typ), "newFormTable(%s)", typ)
	}
	type many struct {
		F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15, F16, F17, F18, F19,
		F20, F21, F22, F23, F24, F25, F26, F27, F28, F29, F30, F31, F32, F33, F34, F35, F36, F37,
		F38, F39, F40, F41, F42, F43, F44, F45, F46, F47, F48, F49, F50, F51, F52, F53, F54, F55,
		F56, F57, F58, F59, F60, F61, F62, F63, F64 string
	}
	type inner struct{ A string }
	type embedded struct {
		inner
		B string
	}
	type skippedEmbedded struct {
		*inner `schema:"-"`
	}
	none := []any{
		struct{ T time.Time }{},
		struct{ In inner }{},
		struct{ In *inner }{},
		struct{ Ins []inner }{},
		struct{ in inner }{},
		embedded{},
		skippedEmbedded{},
		struct{ A [2]int }{},
		struct{ L []*fastInt }{},
		struct{ L fastTextList }{},
		struct{ T *fastText }{},
		struct{ T []fastText }{},
		struct{ T []*fastText }{},
		struct {
			A string `schema:"a,required"`
		}{},
		struct {
			A string `schema:"a,default:x"`
		}{},
		struct {
			_ int
			A string
		}{},
		many{},
		struct{ IP *url.URL }{},
	}
	for _, v := range none {
		typ := reflect.TypeOf(v)
		assert.Nil(t, newFormTable(typ), "newFormTable(%s)", typ)
	}
	// Types schema takes as their kind, or leaves out.
	some := []any{
		struct{ D time.Duration }{},
		struct {
			P  **int
			L  [][]string
			LT []fastTextList
		}{},
		struct {
			U uintptr
			C complex128
			M map[string]int
		}{},
		struct {
			A  string `schema:"a,omitempty"`
			In inner  `schema:"-"`
		}{},
	}
	for _, v := range some {
		typ := reflect.TypeOf(v)
		assert.NotNil(t, newFormTable(typ), "newFormTable(%s)", typ)
	}
}

// fastText and fastTextList are TextUnmarshalers, which the fast path
// leaves to schema.
type (
	fastText     int
	fastTextList []string
)

func (*fastText) UnmarshalText([]byte) error     { return nil }
func (*fastTextList) UnmarshalText([]byte) error { return nil }

// TestBindFastSameAsSchema binds every fastParams into every fastDests
// type with the fast path and with schema alone, and wants the same
// struct and the same error.
func TestBindFastSameAsSchema(t *testing.T) {
	fast := 0
	for _, d := range fastDests {
		t.Run(d.name, func(t *testing.T) {
			for _, p := range fastParams {
				for _, reject := range []bool{false, true} {
					if compareBind(t, d.new, p.query, p.body, nil, reject) {
						fast++
					}
				}
			}
		})
	}
	// Most of the table must go through the fast path, or this compares
	// schema with itself.
	t.Logf("%d of %d binds took the fast path", fast, len(fastDests)*len(fastParams)*2)
	assert.Greater(t, fast, len(fastDests)*len(fastParams))
}

// compareBind binds a request made of query, and of body or post, into a
// destination from newDst twice, with Binder.schemaOnly off and on, and
// fails unless the results are the same. It reports whether the fast path
// took the request. It compares nothing when the fast path did not take
// the request: schema is then compared with itself, and its result may
// depend on map order ("name=a&NAME=b").
func compareBind(t *testing.T, newDst func() any, query, body string, post []Item, reject bool) bool {
	t.Helper()
	newReq := func() *Request {
		r, err := NewBlank("/?"+query, &BlankOptions{Method: "POST", Body: []byte(body), POST: post,
			ContentType: "application/x-www-form-urlencoded"})
		if err != nil {
			return nil
		}
		return r
	}
	r1, r2 := newReq(), newReq()
	if r1 == nil || !tookFast(r1, newDst) {
		return false
	}
	d1, d2 := newDst(), newDst()
	before1, before2 := shallowCopy(d1), shallowCopy(d2)
	err1 := Binder{RejectUnknown: reject}.Bind(r1, d1)
	err2 := Binder{RejectUnknown: reject, schemaOnly: true}.Bind(r2, d2)
	desc := "query " + strconv.Quote(query) + " body " + strconv.Quote(body) +
		" post " + strconv.Quote(formatItems(post)) + " reject " + strconv.FormatBool(reject) +
		" into " + reflect.TypeOf(d1).String()
	require.Equal(t, dumpBound(before2, reflect.ValueOf(d2).Elem()), dumpBound(before1, reflect.ValueOf(d1).Elem()),
		"Bind(%s): struct", desc)
	require.Equal(t, errorSummary(err2), errorSummary(err1), "Bind(%s): error", desc)
	return true
}

func formatItems(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(url.QueryEscape(it.Key) + "=" + url.QueryEscape(it.Value) + "&")
	}
	return b.String()
}

// tookFast reports whether decodeForm takes the fast path for r's params
// into the type newDst makes, by building the map as decodeForm does.
func tookFast(r *Request, newDst func() any) bool {
	dst := reflect.ValueOf(newDst())
	info := bindInfoFor(dst.Elem().Type())
	params, err := r.Params()
	if err != nil || info.form == nil {
		return false
	}
	src := map[string][]string{}
	for _, md := range [2]*MultiDict{params.GET, params.POST} {
		if md == nil {
			continue
		}
		for _, it := range md.Items() {
			if _, ok := src[it.Key]; !ok && info.owns(it.Key) {
				continue
			}
			src[it.Key] = append(src[it.Key], it.Value)
		}
	}
	done, _ := info.form.decode(dst.Elem(), src, true)
	return done
}

// shallowCopy returns a copy of the struct p points to, to tell later
// whether a pointer field still points where it did.
func shallowCopy(p any) reflect.Value {
	v := reflect.ValueOf(p).Elem()
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// dumpBound renders the struct v (unexported fields too) so that two
// results compare as strings: floats by their bits, so that NaN equals
// NaN, and each top-level pointer marked "same" when it still points where
// it did in before.
func dumpBound(before, v reflect.Value) string {
	var b strings.Builder
	for i := 0; i < v.NumField(); i++ {
		b.WriteString(v.Type().Field(i).Name)
		b.WriteString(": ")
		f := v.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() && f.Pointer() == before.Field(i).Pointer() {
			b.WriteString("(same) ")
		}
		dumpValue(&b, f)
		b.WriteString("\n")
	}
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("&")
		dumpValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(" ")
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteString("]")
	case reflect.Map, reflect.Func:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString(v.Kind().String() + " of " + strconv.Itoa(v.Len()))
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 32) + "/" +
			strconv.FormatUint(uint64(math.Float32bits(float32(v.Float()))), 16))
	case reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64) + "/" +
			strconv.FormatUint(math.Float64bits(v.Float()), 16))
	default:
		b.WriteString(v.Kind().String())
	}
}

// errorSummary renders err for comparison. The Fields of a *BindError are
// sorted in full, since schema reports its errors in map order and
// newBindError sorts them by Field only (two keys longer than 128 bytes
// can share a Field).
func errorSummary(err error) string {
	var be *BindError
	if !errors.As(err, &be) {
		if err == nil {
			return "<nil>"
		}
		return "other: " + err.Error()
	}
	fields := slices.Clone(be.Fields)
	slices.SortFunc(fields, func(a, b FieldError) int {
		return strings.Compare(a.Field+"\x00"+a.Rule+"\x00"+a.Message, b.Field+"\x00"+b.Rule+"\x00"+b.Message)
	})
	s := strconv.Itoa(be.Code) + " " + be.Message
	for _, f := range fields {
		s += "\n" + strconv.Quote(f.Field) + " " + f.Rule + " " + strconv.Quote(f.Message)
	}
	if be.Err != nil {
		s += "\nErr: " + be.Err.Error()
	}
	return s
}

// FuzzBindFast is TestBindFastSameAsSchema on fuzzed keys and values: a
// raw query string and three form fields of any bytes.
func FuzzBindFast(f *testing.F) {
	for i, p := range fastParams {
		k, v, _ := strings.Cut(p.body, "=")
		f.Add(uint8(i), i%2 == 0, p.query, k, v, "", "", "", "")
	}
	f.Add(uint8(0), true, "", "name", "Ada", "Name", "Bob", "age", "x")
	f.Add(uint8(4), false, "ints=1", "ints", "1,,2", "pints", " 3", "pslice", "1,300")
	f.Fuzz(func(t *testing.T, which uint8, reject bool, query, k1, v1, k2, v2, k3, v3 string) {
		var post []Item
		for _, kv := range [][2]string{{k1, v1}, {k2, v2}, {k3, v3}} {
			if kv[0] != "" || kv[1] != "" {
				post = append(post, Item{Key: kv[0], Value: kv[1]})
			}
		}
		d := fastDests[int(which)%len(fastDests)]
		compareBind(t, d.new, query, "", post, reject)
	})
}
