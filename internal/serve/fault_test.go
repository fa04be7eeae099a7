package serve

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gowebob/gowebob/internal/loadcheck"
	"github.com/gowebob/gowebob/internal/testutil"
)

// TestFaultsLoseNothing breaks page programs on purpose under load, with a
// client that never retries, and counts against the page's own record of
// the requests it began: a program's death may fail only the requests it
// was running, never one it had not begun (the serve issue's invariant 1;
// bench/fault.sh runs the same for longer against gowebob serve).
//
// One gap is not the server's to close: the page runtime marks a request
// begun just before it calls the page's code, and the page records it in
// its first statement. A process that dies between the two (another
// goroutine's os.Exit, or a SIGKILL, while the system had preempted this
// one there) fails a request the record does not have. It happens for
// about 1 os.Exit in 500 without the race detector (bench/fault.sh: 2 of
// 1,448 failures in 60 s), and for about 1 SIGKILL in 30 (CI: once in
// about ten runs of three kills), far more often under the race
// detector, which slows that stretch of code tenfold: the test runs
// without it. Two checks keep the allowance honest:
//
//   - every failure the client saw is one the server itself counted,
//     from the slots the program left, as a request a page had begun
//     (or an answer it cut short): a request the server lost without a
//     page beginning it would be missing from that count;
//   - with os.Exit, the record misses at most 1 failure in 50, ten times
//     the rate measured; a handful of SIGKILLs makes too few failures for
//     a rate, so that mode allows one.
func TestFaultsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("a load of several seconds")
	}
	if testutil.Race {
		t.Skip("the race detector widens the moment between the runtime's mark and the page's own (see above)")
	}
	for _, mode := range []struct {
		name      string
		exitEvery string
		killEvery time.Duration
	}{
		{"exit every 50th request", "50", 0},
		{"SIGKILL every second", "", time.Second},
	} {
		t.Run(mode.name, func(t *testing.T) {
			record := filepath.Join(t.TempDir(), "record")
			// Page programs inherit the server's environment.
			t.Setenv(loadcheck.RecordEnv, record)
			t.Setenv(loadcheck.ExitEveryEnv, mode.exitEvery)
			dir := docroot(t, map[string]string{"fault.go": loadcheck.PageSource})
			_, ts, logs := start(t, dir, nil)
			code, _ := get(t, ts.URL+"/fault")
			require.Equal(t, 200, code)
			res, err := loadcheck.Run(context.Background(), loadcheck.Config{
				URL: ts.URL + "/fault", Conns: 16, Duration: 4 * time.Second,
				RecordPath: record, KillEvery: mode.killEvery,
			})
			require.NoError(t, err)
			t.Logf("\n%s", res)
			if t.Failed() || res.FailedNeverExecuted > 0 {
				t.Log(logs.String())
			}
			assert.Positive(t, res.OK)
			if mode.exitEvery != "" {
				assert.Positive(t, res.FailedExecuted, "the pages did exit")
			} else {
				assert.Positive(t, res.Kills, "the pages were killed")
			}
			// The server answers the failed requests before it logs the
			// death that failed them: wait for the line of the last one.
			failed := res.FailedExecuted + res.FailedNeverExecuted
			assert.Eventually(t, func() bool { return serverFailed(logs.String()) >= failed }, 5*time.Second, 10*time.Millisecond)
			assert.Equal(t, failed, serverFailed(logs.String()), "every failure is one the server counted as begun by a page")
			if mode.exitEvery != "" {
				assert.LessOrEqual(t, res.FailedNeverExecuted, res.FailedExecuted/50, "requests no page began were lost")
			} else {
				assert.LessOrEqual(t, res.FailedNeverExecuted, 1, "requests no page began were lost")
			}
			assert.Zero(t, res.OKUnrecorded, "the record is reliable")
			assert.Zero(t, res.ExecutedTwice, "no request runs twice")
			for status := range res.ByStatus {
				assert.Equal(t, 502, status, "a request whose page died answers 502")
			}
		})
	}
	os.Unsetenv(loadcheck.RecordEnv)
}

// exitedLine matches the server's line about a page program's death (see
// Server.exited) up to the two counts of the requests it failed.
var exitedLine = regexp.MustCompile(`msg="page program exited[^"]*" page=\S+ failed=(\d+) cut=(\d+)`)

// serverFailed sums what the server's lines in logs say the deaths of page
// programs failed: the requests a page had begun, and the answers cut
// short.
func serverFailed(logs string) int {
	n := 0
	for _, m := range exitedLine.FindAllStringSubmatch(logs, -1) {
		failed, _ := strconv.Atoi(m[1])
		cut, _ := strconv.Atoi(m[2])
		n += failed + cut
	}
	return n
}
