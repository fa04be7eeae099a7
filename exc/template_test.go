package exc

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testVars = map[string]string{"a": "A", "name": "N", "_x1": "X", "detail": "$detail"}

func lookupTestVars(name string) (string, bool) {
	v, ok := testVars[name]
	return v, ok
}

func TestSubstitute(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"$a", "A"},
		{"${a}", "A"},
		{"$a$name", "AN"},
		{"$ab", "$ab"}, // the longest identifier, unknown
		{"${a}b", "Ab"},
		{"$$", "$"},
		{"$$a", "$a"},
		{"$$$a", "$A"},
		{"$", "$"},
		{"a$", "a$"},
		{"$ a", "$ a"},
		{"$1", "$1"},
		{"${1}", "${1}"},
		{"${a", "${a"},
		{"${bad-id}", "${bad-id}"},
		{"${missing}", "${missing}"},
		{"$_x1.", "X."},
		{"$A", "$A"}, // names are case-sensitive
		{"$detail", "$detail"},
		{"$detail$a", "$detailA"}, // replacement text is not scanned again
		{"é$a€", "éA€"},
		// Identifiers are ASCII: "ſ" and the Kelvin sign end one, as in
		// Python 3.11 (checked with string.Template).
		{"$aſ0", "Aſ0"},
		{"${aſ}", "${aſ}"},
		{"$\u212a", "$\u212a"},
		{"$a\u212a", "A\u212a"},
	}
	for _, tt := range tests {
		if got := substitute(tt.in, lookupTestVars); got != tt.want {
			t.Errorf("substitute(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := substituteOracle(tt.in, lookupTestVars); got != tt.want {
			t.Errorf("substituteOracle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// templateRE is Python 3.11's string.Template pattern. Python's idpattern
// is (?a:[_a-z][_a-z0-9]*) under IGNORECASE: ASCII only, where Go's (?i)
// folds case by Unicode too ("ſ" matches "s", "K" (Kelvin) "k"), so the
// letters of both cases are written out.
var templateRE = regexp.MustCompile(`\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())`)

// substituteOracle is safe_substitute written with the regular expression
// Python uses.
func substituteOracle(tmpl string, lookup func(string) (string, bool)) string {
	var b strings.Builder
	last := 0
	for _, m := range templateRE.FindAllStringSubmatchIndex(tmpl, -1) {
		b.WriteString(tmpl[last:m[0]])
		last = m[1]
		switch {
		case m[2] >= 0:
			b.WriteByte('$')
		case m[4] >= 0 || m[6] >= 0:
			var name string
			if m[4] >= 0 {
				name = tmpl[m[4]:m[5]]
			} else {
				name = tmpl[m[6]:m[7]]
			}
			if v, ok := lookup(name); ok {
				b.WriteString(v)
			} else {
				b.WriteString(tmpl[m[0]:m[1]])
			}
		default:
			b.WriteString(tmpl[m[0]:m[1]])
		}
	}
	b.WriteString(tmpl[last:])
	return b.String()
}

func FuzzSubstitute(f *testing.F) {
	for _, s := range []string{"$a", "${a}", "$$", "${bad-id}", "$1", "x$", "${a", "$detail$a", baseBodyTemplate, moveBodyTemplate} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := substitute(s, lookupTestVars), substituteOracle(s, lookupTestVars); got != want {
			t.Errorf("substitute(%q) = %q, oracle %q", s, got, want)
		}
	})
}

func TestStripTags(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"a\nb\r\nc", "a b c"},
		{"x<br />y", "x\ny"},
		{"x<BR>y<Br\nclass=a>z", "x\ny\nz"},
		{"<b>bold</b>", "bold"},
		{"<!-- c -->", " c "},
		{"-<!--->", "-->"}, // one pass: the removal does not make a new "-->"
		{"1 < 2 > 0", "1  0"},
		{"<unterminated", "<unterminated"},
		{"<br", "<br"},
		{"a<b", "a<b"},
	}
	for _, tt := range tests {
		if got := stripTags(tt.in); got != tt.want {
			t.Errorf("stripTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := stripTagsOracle(tt.in); got != tt.want {
			t.Errorf("stripTagsOracle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var (
	brRE      = regexp.MustCompile(`(?is)<br.*?>`)
	commentRE = regexp.MustCompile(`<!--|-->`)
	tagRE     = regexp.MustCompile(`(?s)<.*?>`)
)

// stripTagsOracle is webob.exc.strip_tags with its regular expressions.
func stripTagsOracle(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "\r", "")
	s = brRE.ReplaceAllLiteralString(s, "\n")
	s = commentRE.ReplaceAllLiteralString(s, "")
	return tagRE.ReplaceAllLiteralString(s, "")
}

func FuzzStripTags(f *testing.F) {
	for _, s := range []string{"<br>", "<!-- -->", "-<!--->", "<a<b>>", "<bR\n/>", "a<b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripTags(s), stripTagsOracle(s); got != want {
			t.Errorf("stripTags(%q) = %q, oracle %q", s, got, want)
		}
	})
}

func TestHTMLEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{`<a href="x">'&'</a>`, "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"},
		{"é€😀", "&#233;&#8364;&#128512;"},
		{"bad\xffbyte", "bad&#65533;byte"},
	}
	for _, tt := range tests {
		if got := htmlEscape(tt.in); got != tt.want {
			t.Errorf("htmlEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", `""`},
		{`a "q" \ /`, `"a \"q\" \\ /"`},
		{"\b\f\n\r\t\x00\x1f\x7f", `"\b\f\n\r\t\u0000\u001f\u007f"`},
		{"<&>", `"<&>"`},
		{"é\u2028😀", `"\u00e9\u2028\ud83d\ude00"`},
		{"bad\xff", `"bad\ufffd"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzAppendJSONString checks that every string encodes as a JSON string
// of printable ASCII that decodes to the input, each byte that is not
// UTF-8 read as U+FFFD, and that a character with a short escape has it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain text", "a\"b\\c", "\n\t\x00\x7f", "é😀\u2028", "bad\xff\xfe", "<p>x</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := appendJSONString([]byte("prefix"), s)
		require.True(t, strings.HasPrefix(string(enc), "prefix"), "the prefix is kept")
		enc = enc[len("prefix"):]
		for _, c := range enc {
			require.True(t, c >= ' ' && c < 0x7f, "byte %q in %s", c, enc)
		}
		var got string
		require.NoError(t, json.Unmarshal(enc, &got), "%s", enc)
		assert.Equal(t, string([]rune(s)), got)
		for i := 0; i < len(enc); i++ {
			if enc[i] != '\\' {
				continue
			}
			if enc[i+1] == 'u' {
				r, err := strconv.ParseUint(string(enc[i+2:i+6]), 16, 16)
				require.NoError(t, err)
				assert.NotContains(t, "\"\\\b\f\n\r\t", string(rune(r)), "%s has a \\u escape for a character with a short one", enc)
				i += 5
			} else {
				i++
			}
		}
	})
}
