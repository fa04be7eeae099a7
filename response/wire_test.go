package response_test

import (
	"bufio"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/response"
)

// TestFromReaderASCIISpace: FromReader strips and splits on ASCII
// whitespace only, as WebOb's bytes.strip and bytes.split(None) do: a
// U+0085 or U+00A0 (NEL, no-break space) is part of the text around it.
// The golden cases (request's TestWireGolden) cover the status line
// against WebOb itself.
func TestFromReaderASCIISpace(t *testing.T) {
	resp, err := response.FromReader(bufio.NewReader(strings.NewReader(
		"HTTP/1.1 200 \u00a0Fine\u0085\r\nX-A: \u0085a\u00a0\r\n\r\n")))
	require.NoError(t, err)
	assert.Equal(t, "200 \u00a0Fine\u0085", resp.Status())
	assert.Equal(t, "\u0085a\u00a0", resp.Header().Get("X-A"))

	_, err = response.FromReader(bufio.NewReader(strings.NewReader("HTTP/1.1\u0085200 OK\r\n\r\n")))
	assert.ErrorIs(t, err, response.ErrInvalidStatus, "U+0085 does not split the line")
}
