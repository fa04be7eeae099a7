package serve

import (
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStartNiced starts a shell that starts cat: both run buildNice below
// the test's priority, as go build and the compiler it starts do.
func TestStartNiced(t *testing.T) {
	prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	require.NoError(t, err)
	ours := 20 - prio
	cmd := exec.Command("sh", "-c", "cat /proc/$$/stat; cat /proc/self/stat")
	var out strings.Builder
	cmd.Stdout = &out
	require.NoError(t, startNiced(cmd))
	require.NoError(t, cmd.Wait())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2)
	for i, line := range lines {
		// The fields after the command's name, which is in parentheses,
		// start with the third; the nice value is the nineteenth.
		_, rest, ok := strings.Cut(line, ") ")
		require.True(t, ok, line)
		nice, err := strconv.Atoi(strings.Fields(rest)[19-3])
		require.NoError(t, err, line)
		require.Equal(t, min(ours+buildNice, 19), nice, "process %d (%s)", i, line)
	}
	// The server's own priority is untouched.
	after, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	require.NoError(t, err)
	require.Equal(t, prio, after)
}
