package testutil

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// regenerate is what a test says when a golden file is missing or broken.
const regenerate = "the golden files are written by Python WebOb: see internal/golden/README.md and README.md, \"Regenerating the golden files\""

// LoadGolden decodes the JSON golden file testdata/name of the package under
// test (go test runs in the package's directory) into v, a pointer.
// Numbers decoded into an interface value become float64, as json.Unmarshal
// makes them.
func LoadGolden(tb testing.TB, name string, v any) {
	tb.Helper()
	require.NoError(tb, json.Unmarshal(readGolden(tb, name), v), "decoding testdata/%s; %s", name, regenerate)
}

// LoadGoldenNumbers is LoadGolden for files whose numbers must go back to
// JSON exactly as Python wrote them: a number decoded into an interface
// value becomes a json.Number, as [json.Decoder.UseNumber] makes it.
func LoadGoldenNumbers(tb testing.TB, name string, v any) {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(readGolden(tb, name)))
	dec.UseNumber()
	require.NoError(tb, dec.Decode(v), "decoding testdata/%s; %s", name, regenerate)
}

func readGolden(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(tb, err, regenerate)
	return data
}
