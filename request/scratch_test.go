package request_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

// The first parses of a Request keep their pairs and decoded strings in
// storage inside it. These tests hold what earlier parses returned while
// the Request parses again, past that storage, and check nothing changed.

func TestScratchResultsStay(t *testing.T) {
	req := webobtest.NewRequest("/?a=%C3%A9t%C3%A9&b+c=d+e&f=g", nil)
	first, err := req.GET()
	require.NoError(t, err)
	want := []request.Item{{Key: "a", Value: "été"}, {Key: "b c", Value: "d e"}, {Key: "f", Value: "g"}}
	require.Equal(t, want, first.Items())
	held := first.Get("a")

	for i := range 40 {
		q := fmt.Sprintf("x%d=%s&y=%%41+%d", i, strings.Repeat("%7E", i), i)
		req.Environ["QUERY_STRING"] = q
		g, err := req.GET()
		require.NoError(t, err)
		assert.Equal(t, strings.Repeat("~", i), g.Get(fmt.Sprintf("x%d", i)), q)
		assert.Equal(t, "A "+strconv.Itoa(i), g.Get("y"), q)
	}
	assert.Equal(t, want, first.Items(), "the first MultiDict after later parses")
	assert.Equal(t, "été", held)
}

func TestScratchMultiDictsApart(t *testing.T) {
	// Two pairs each: the form's fit the storage the query left.
	body := "m=%E2%82%AC&o=p+q"
	req := webobtest.NewRequest("/?a=1&b=%32", &request.BlankOptions{Method: "POST", Environ: request.Environ{
		"CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": strconv.Itoa(len(body))}})
	req.SetBody([]byte(body))
	get, err := req.GET()
	require.NoError(t, err)
	post, err := req.POST()
	require.NoError(t, err)

	// Growing one MultiDict must not write into the other's pairs.
	for i := range 20 {
		get.Add("k"+strconv.Itoa(i), "v")
	}
	post.Set("m", "changed")
	assert.Equal(t, []request.Item{{Key: "o", Value: "p q"}, {Key: "m", Value: "changed"}}, post.Items())
	assert.Equal(t, 22, get.Len())
	assert.Equal(t, "2", get.Get("b"))
	assert.Equal(t, "1", get.Get("a"))

	// Nor deleting from one.
	get.Del("a")
	assert.Equal(t, "p q", post.Get("o"))
}

func TestScratchHeldAfterClose(t *testing.T) {
	req := webobtest.NewRequest("/?a=%41", &request.BlankOptions{POST: []request.Item{{Key: "b", Value: "c d"}}})
	g, err := req.GET()
	require.NoError(t, err)
	p, err := req.POST()
	require.NoError(t, err)
	require.NoError(t, req.Close())
	assert.Equal(t, "A", g.Get("a"))
	assert.Equal(t, "c d", p.Get("b"))
}
