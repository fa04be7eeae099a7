package pageproto

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoundTrip(t *testing.T) {
	env := map[string]string{"SCRIPT_NAME": "/a b", "PATH_INFO": "/\xff/ü&=;", "REMOTE_ADDR": "::1", "EMPTY": ""}
	got, err := Decode(Encode(env))
	require.NoError(t, err)
	assert.Equal(t, env, got)
	for _, bad := range []string{"", "%zz=1", "a=%"} {
		_, err := Decode(bad)
		assert.Error(t, err, "Decode(%q)", bad)
	}
}
