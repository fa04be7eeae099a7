package loadcheck

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config is what Run loads and how.
type Config struct {
	// URL is the page's URL, http only.
	URL string
	// Conns is how many connections send requests at once, one request
	// at a time each. If zero, 16.
	Conns int
	// Duration is how long new requests are sent; every connection
	// sends at least one. If zero, 15 seconds.
	Duration time.Duration
	// RecordPath is the record file the page appends the ids it
	// executed to (PageSource's $LOADCHECK_RECORD). Required.
	RecordPath string
	// KillEvery, when positive, sends SIGKILL this often to the process
	// whose pid is in RecordPath+".pid". If zero, nothing is killed.
	KillEvery time.Duration
	// Timeout bounds each request, from dialing (if it needs a new
	// connection) to the end of the answer's body. If zero, 30 seconds.
	Timeout time.Duration
	// Settle is how long Run waits after the last answer before it reads
	// the record, for a page still writing an id whose client gave up.
	// If zero, 1 second.
	Settle time.Duration
}

// withDefaults returns c with its zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Conns <= 0 {
		c.Conns = 16
	}
	if c.Duration <= 0 {
		c.Duration = 15 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Settle <= 0 {
		c.Settle = time.Second
	}
	return c
}

// maxExamples is how many never-executed ids Result.FirstNeverExecuted
// keeps.
const maxExamples = 5

// Run sends requests to cfg.URL for cfg.Duration over cfg.Conns
// connections, killing the page process every cfg.KillEvery, then waits
// cfg.Settle, reads the record and sorts every failed request into
// executed or never executed.
//
// Requests are GETs and, every third one, POSTs of a small form, each with
// an id "wN-I" (the Ith request of connection N) in the X-Load-Id header.
// A request fails on any error or a non-2xx status, or when the body is
// not what PageSource answers; it is never sent again.
//
// Run returns an error for a bad cfg, for a record it cannot read, and
// ctx.Err() when ctx was cancelled, which aborts the requests in flight;
// with the latter two the Result counts what was done.
func Run(ctx context.Context, cfg Config) (Result, error) {
	cfg = cfg.withDefaults()
	t, err := parseTarget(cfg.URL)
	if err != nil {
		return Result{}, err
	}
	if cfg.RecordPath == "" {
		return Result{}, errors.New("loadcheck: Config.RecordPath is empty")
	}

	var res Result
	killCtx, stopKilling := context.WithCancel(ctx)
	defer stopKilling()
	killed := make(chan int, 1)
	if cfg.KillEvery > 0 {
		go func() { killed <- kill(killCtx, cfg.RecordPath+".pid", cfg.KillEvery) }()
	} else {
		killed <- 0
	}

	start := time.Now()
	end := start.Add(cfg.Duration)
	workers := make([]*worker, cfg.Conns)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{n: i, t: t, timeout: cfg.Timeout}
		workers[i] = w
		wg.Go(func() { w.run(ctx, end) })
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	stopKilling()
	res.Kills = <-killed

	select {
	case <-time.After(cfg.Settle):
	case <-ctx.Done():
	}
	executed, err := readRecord(cfg.RecordPath)
	res.classify(workers, executed)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// kill sends SIGKILL every period to the process named in pidPath until
// ctx is done, and returns how many processes it killed. It kills a pid at
// most once: until the page process that replaces the dead one has written
// its own pid, the file names a process that no longer exists, and
// possibly, later, an unrelated one with the same number.
func kill(ctx context.Context, pidPath string, period time.Duration) int {
	tick := time.NewTicker(period)
	defer tick.Stop()
	kills, last := 0, 0
	for {
		select {
		case <-ctx.Done():
			return kills
		case <-tick.C:
		}
		b, err := os.ReadFile(pidPath)
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(string(bytes.TrimSpace(b)))
		if err != nil || pid <= 0 || pid == last {
			continue
		}
		last = pid
		p, err := os.FindProcess(pid)
		if err != nil {
			continue
		}
		if p.Signal(os.Kill) == nil {
			kills++
		}
		p.Release()
	}
}

// readRecord reads a record file (see PageSource: an 8-byte end offset,
// then ids a line each) into how many times each id is in it. A missing
// file is an empty record: no page ran.
func readRecord(path string) (map[string]int, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || len(b) < 8 {
		return map[string]int{}, nil
	}
	if err != nil {
		return map[string]int{}, err
	}
	end := min(int(binary.NativeEndian.Uint64(b)), len(b))
	return parseRecord(b[min(8, end):end]), nil
}

// parseRecord counts the ids in a record's lines. A page that died
// between reserving an id's bytes and writing them left NUL bytes: with
// its newline not yet written, all of them, which run into the next line
// and are cut from its start; with its newline written, NUL bytes after
// a part of the id, which was not recorded.
func parseRecord(b []byte) map[string]int {
	ids := make(map[string]int)
	for _, id := range strings.Split(string(b), "\n") {
		id = strings.TrimLeft(id, "\x00")
		if id != "" && !strings.ContainsRune(id, 0) {
			ids[id]++
		}
	}
	return ids
}

// classify fills res from the workers' requests and the record.
func (res *Result) classify(workers []*worker, executed map[string]int) {
	res.ByStatus = make(map[int]int)
	res.ByError = make(map[string]int)
	var never []failure
	for _, w := range workers {
		res.OK += len(w.ok)
		res.Failed += len(w.failed)
		for _, id := range w.ok {
			if executed[id] == 0 {
				res.OKUnrecorded++
			}
		}
		for _, f := range w.failed {
			if f.status != 0 {
				res.ByStatus[f.status]++
			} else {
				res.ByError[f.class]++
			}
			if executed[f.id] > 0 {
				res.FailedExecuted++
			} else {
				never = append(never, f)
			}
		}
	}
	res.Sent = res.OK + res.Failed
	res.FailedNeverExecuted = len(never)
	for _, n := range executed {
		if n > 1 {
			res.ExecutedTwice++
		}
	}
	slices.SortFunc(never, func(a, b failure) int { return a.at.Compare(b.at) })
	for _, f := range never[:min(len(never), maxExamples)] {
		res.FirstNeverExecuted = append(res.FirstNeverExecuted, f.id)
	}
}
