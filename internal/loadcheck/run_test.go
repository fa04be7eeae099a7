package loadcheck

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// action is what a test page does with one request.
type action int

const (
	answerOK          action = iota // record, answer what PageSource would
	dropExecuted                    // record, close the connection unanswered
	dropNever                       // close the connection unanswered, unrecorded
	statusExecuted                  // record, answer 503
	statusNever                     // answer 502, unrecorded (a proxy whose page died)
	wrongBodyExecuted               // record, answer 200 with another request's body
	hangExecuted                    // record, answer nothing until the client gives up
	numActions
)

// testPage is an httptest stand-in for PageSource: it records ids in the
// same file format and does what act says with its nth request.
type testPage struct {
	path   string
	mu     sync.Mutex
	record []byte // the file's content: the end offset, then the ids
	act    func(n int64) action
	n      atomic.Int64
	done   [numActions]atomic.Int64 // requests per action
}

// newTestPage starts a testPage recording in dir/record.
func newTestPage(t *testing.T, act func(n int64) action) (*testPage, *httptest.Server, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "record")
	p := &testPage{path: path, record: make([]byte, 8), act: act}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv, path
}

func (p *testPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get(IDHeader)
	post := r.Method == http.MethodPost
	if post && r.PostFormValue("id") != id {
		http.Error(w, "form id is not the header's", http.StatusBadRequest)
		return
	}
	io.Copy(io.Discard, r.Body) // so that closing sends a FIN, not a reset
	a := p.act(p.n.Add(1))
	switch a {
	case answerOK, dropExecuted, statusExecuted, wrongBodyExecuted, hangExecuted:
		p.write(id)
	}
	p.done[a].Add(1) // after the record: a counted request is recorded
	switch a {
	case answerOK:
		io.WriteString(w, answer(id, post))
	case dropExecuted, dropNever:
		c, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		c.Close()
	case statusExecuted:
		w.WriteHeader(http.StatusServiceUnavailable)
	case statusNever:
		w.WriteHeader(http.StatusBadGateway)
	case wrongBodyExecuted:
		io.WriteString(w, answer(id+"x", post))
	case hangExecuted:
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}
}

// write records id as PageSource does, rewriting the whole file.
func (p *testPage) write(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.record = append(p.record, id+"\n"...)
	binary.NativeEndian.PutUint64(p.record, uint64(len(p.record)))
	if err := os.WriteFile(p.path, p.record, 0o644); err != nil {
		panic(err)
	}
}

// quick is a Config for a test: a short load and no settling.
func quick(url, record string) Config {
	return Config{URL: url, Conns: 4, Duration: 100 * time.Millisecond, RecordPath: record, Settle: time.Millisecond}
}

// lastLine is the last line of s.
func lastLine(s string) string {
	return s[strings.LastIndexByte(s, '\n')+1:]
}

func TestRunAllOK(t *testing.T) {
	t.Parallel()
	p, srv, record := newTestPage(t, func(int64) action { return answerOK })
	res, err := Run(context.Background(), quick(srv.URL+"/fault", record))
	require.NoError(t, err)
	assert.Positive(t, res.Sent)
	assert.Equal(t, int(p.done[answerOK].Load()), res.OK)
	assert.Equal(t, res.Sent, res.OK)
	assert.Zero(t, res.Failed)
	assert.Zero(t, res.OKUnrecorded)
	assert.Zero(t, res.ExecutedTwice)
	assert.Empty(t, res.ByStatus)
	assert.Empty(t, res.ByError)
	assert.Equal(t, "never-executed failures: 0", lastLine(res.String()))
}

func TestRunClassifies(t *testing.T) {
	t.Parallel()
	// Every kind of failure but the hang, in turn with answers.
	kinds := []action{answerOK, dropExecuted, answerOK, dropNever, answerOK, statusExecuted, statusNever, wrongBodyExecuted}
	p, srv, record := newTestPage(t, func(n int64) action { return kinds[n%int64(len(kinds))] })
	cfg := quick(srv.URL+"/fault", record)
	cfg.Duration = 200 * time.Millisecond // enough for all kinds on a busy machine
	res, err := Run(context.Background(), cfg)
	require.NoError(t, err)
	done := func(a action) int { return int(p.done[a].Load()) }
	require.Positive(t, done(dropNever), "too few requests")

	assert.Equal(t, done(answerOK), res.OK)
	assert.Equal(t, res.Sent-res.OK, res.Failed)
	assert.Equal(t, done(dropExecuted)+done(statusExecuted)+done(wrongBodyExecuted), res.FailedExecuted)
	assert.Equal(t, done(dropNever)+done(statusNever), res.FailedNeverExecuted)
	// Per status: a status no request got is not in the map (a busy
	// machine may not reach every kind in the time).
	assert.Equal(t, done(statusExecuted), res.ByStatus[503])
	assert.Equal(t, done(statusNever), res.ByStatus[502])
	assert.Len(t, res.ByStatus, min(done(statusExecuted), 1)+min(done(statusNever), 1), "no other status: %v", res.ByStatus)
	assert.Equal(t, done(wrongBodyExecuted), res.ByError["wrong body"])
	// A closed connection reads as EOF, or as a reset if the server's
	// side still had unread bytes: either way one failure per drop.
	dropped := 0
	for class, n := range res.ByError {
		if class != "wrong body" {
			assert.Contains(t, []string{"read: EOF", "read: connection reset"}, class)
			dropped += n
		}
	}
	assert.Equal(t, done(dropExecuted)+done(dropNever), dropped)
	assert.Len(t, res.FirstNeverExecuted, min(maxExamples, res.FailedNeverExecuted))
	assert.Zero(t, res.OKUnrecorded)
	assert.Zero(t, res.ExecutedTwice)
	assert.Equal(t, "never-executed failures: "+strconv.Itoa(res.FailedNeverExecuted), lastLine(res.String()))
}

func TestRunTimeout(t *testing.T) {
	t.Parallel()
	p, srv, record := newTestPage(t, func(n int64) action {
		if n == 1 {
			return hangExecuted
		}
		return answerOK
	})
	cfg := quick(srv.URL+"/fault", record)
	// Long enough for the other requests on a busy machine under -race.
	cfg.Timeout = 500 * time.Millisecond
	res, err := Run(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"read: timeout": 1}, res.ByError)
	assert.Equal(t, 1, res.FailedExecuted)
	assert.Zero(t, res.FailedNeverExecuted)
	assert.Equal(t, int(p.done[answerOK].Load()), res.OK)
}

// TestRunNothingListens is not parallel: a parallel test's server could
// take the port it frees.
func TestRunNothingListens(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	cfg := quick("http://"+addr+"/fault", filepath.Join(t.TempDir(), "record"))
	// Long enough for the workers to start on a busy machine: a request
	// fails in about 10ms here.
	cfg.Duration = 200 * time.Millisecond
	res, err := Run(context.Background(), cfg)
	require.NoError(t, err)
	assert.Positive(t, res.Failed)
	assert.Equal(t, map[string]int{"dial: connection refused": res.Failed}, res.ByError)
	assert.Equal(t, res.Failed, res.FailedNeverExecuted)
	// Every connection's first request fails first.
	require.NotEmpty(t, res.FirstNeverExecuted)
	assert.Regexp(t, `^w[0-3]-0$`, res.FirstNeverExecuted[0])
}

func TestRunCanceled(t *testing.T) {
	t.Parallel()
	p, srv, record := newTestPage(t, func(int64) action { return hangExecuted })
	ctx, cancel := context.WithCancel(context.Background())
	cfg := quick(srv.URL+"/fault", record)
	// Cancel once every connection's first request hangs in the page,
	// so that all of them were executed.
	go func() {
		for p.done[hangExecuted].Load() < int64(cfg.Conns) {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	cfg.Duration = time.Minute
	start := time.Now()
	res, err := Run(ctx, cfg)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, map[string]int{"canceled": cfg.Conns}, res.ByError)
	assert.Equal(t, cfg.Conns, res.FailedExecuted)
}

func TestRunConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no record", Config{URL: "http://127.0.0.1:1/"}, "loadcheck: Config.RecordPath is empty"},
		{"https", Config{URL: "https://127.0.0.1/", RecordPath: "r"}, `loadcheck: URL "https://127.0.0.1/": want http://host[:port]/path`},
		{"no host", Config{URL: "/fault", RecordPath: "r"}, `loadcheck: URL "/fault": want http://host[:port]/path`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.cfg)
			assert.EqualError(t, err, tt.want, "Run(%+v)", tt.cfg)
		})
	}
}

// TestHelperSleeper is not a test: TestRunKills runs the test binary as
// the process it kills.
func TestHelperSleeper(t *testing.T) {
	if os.Getenv("LOADCHECK_TEST_SLEEPER") != "1" {
		t.Skip("a helper process, not a test")
	}
	time.Sleep(time.Minute)
	os.Exit(3)
}

func TestRunKills(t *testing.T) {
	t.Parallel()
	// The first request waits for the killed process, so that the load
	// lasts until the killer has had its turn however slow the machine.
	killed := make(chan struct{})
	_, srv, record := newTestPage(t, func(n int64) action {
		if n == 1 {
			select {
			case <-killed:
			case <-time.After(10 * time.Second):
			}
		}
		return answerOK
	})
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSleeper$")
	cmd.Env = append(os.Environ(), "LOADCHECK_TEST_SLEEPER=1")
	require.NoError(t, cmd.Start())
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(killed)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-killed
	})
	require.NoError(t, os.WriteFile(record+".pid", []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644))

	cfg := quick(srv.URL+"/fault", record)
	cfg.KillEvery = 10 * time.Millisecond
	res, err := Run(context.Background(), cfg)
	require.NoError(t, err)
	// About ten ticks, one kill: a pid is killed once.
	assert.Equal(t, 1, res.Kills)
	<-killed
	var ee *exec.ExitError
	require.ErrorAs(t, waitErr, &ee)
	assert.Equal(t, "signal: killed", ee.Error())
	assert.Zero(t, res.Failed)
}

func TestParseRecord(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     map[string]int
	}{
		{"empty", "", map[string]int{}},
		{"ids", "a-1\na-2\nb-1\n", map[string]int{"a-1": 1, "a-2": 1, "b-1": 1}},
		{"twice", "a-1\na-1\n", map[string]int{"a-1": 2}},
		// A page died before it wrote any byte of its id: the NUL bytes
		// run into the next id, which was recorded.
		{"reserved, nothing written", "a-1\n\x00\x00\x00\x00b-1\n", map[string]int{"a-1": 1, "b-1": 1}},
		{"reserved at the end", "a-1\n\x00\x00\x00\x00", map[string]int{"a-1": 1}},
		// It died after the newline and part of the id: not recorded.
		{"part of an id", "a-1\nb-\x00\x00\nc-1\n", map[string]int{"a-1": 1, "c-1": 1}},
		{"newline only", "\x00\x00\x00\nc-1\n", map[string]int{"c-1": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseRecord([]byte(tt.in)))
		})
	}
}
