package site

import (
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListenerSystemd runs this test binary again with a listening socket
// as descriptor 3, as systemd passes it, and checks that Listener uses it.
func TestListenerSystemd(t *testing.T) {
	if os.Getenv("SITE_TEST_LISTEN_CHILD") == "1" {
		// systemd sets LISTEN_PID to the pid of the process it starts.
		os.Setenv("LISTEN_PID", strconv.Itoa(os.Getpid()))
		ln, err := Listener("127.0.0.1:1")
		if err != nil {
			os.Exit(3)
		}
		c, err := ln.Accept()
		if err != nil {
			os.Exit(4)
		}
		c.Write([]byte("from the passed socket"))
		c.Close()
		if os.Getenv("LISTEN_FDS") != "" {
			os.Exit(5)
		}
		os.Exit(0)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	f, err := ln.(*net.TCPListener).File()
	require.NoError(t, err)
	defer f.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestListenerSystemd$")
	cmd.Env = append(os.Environ(), "SITE_TEST_LISTEN_CHILD=1", "LISTEN_FDS=1")
	cmd.ExtraFiles = []*os.File{f}
	require.NoError(t, cmd.Start())
	c, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	b := make([]byte, 64)
	n, _ := c.Read(b)
	c.Close()
	require.NoError(t, cmd.Wait())
	assert.Equal(t, "from the passed socket", string(b[:n]))
}

func TestListenerNotForUs(t *testing.T) {
	t.Setenv("LISTEN_PID", "1")
	t.Setenv("LISTEN_FDS", "1")
	ln, err := Listener("127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	assert.Equal(t, "127.0.0.1", ln.Addr().(*net.TCPAddr).IP.String())
	_, set := os.LookupEnv("LISTEN_FDS")
	assert.False(t, set, "LISTEN_FDS is for this process only")
}
