package site

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gowebob/gowebob/internal/percpu"
)

// latencyBuckets are the upper bounds, in seconds, of the request
// latency histogram: Prometheus' default buckets.
var latencyBuckets = [...]float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// series are the counters of one page (or of the requests no page
// answered): requests by status class, and the latency histogram. Each
// processor counts in a shard of its own (see percpu): on the 2-core
// loopback benchmark, one shared set cost a request about 1.5 us.
type series struct {
	label  string
	shards []shard
}

// counts are a series' counters.
type counts struct {
	classes [5]atomic.Int64 // 1xx .. 5xx
	buckets [len(latencyBuckets) + 1]atomic.Int64
	sumNs   atomic.Int64
}

// shard is one processor's counts, alone on its cache lines.
type shard struct {
	counts
	_ [(percpu.CacheLinePad - unsafe.Sizeof(counts{})%percpu.CacheLinePad) % percpu.CacheLinePad]byte
}

func newSeries(label string, shards int) *series {
	return &series{label: label, shards: make([]shard, shards)}
}

// observe counts a request answered with status in d, in shard i.
func (s *series) observe(i, status int, d time.Duration) {
	c := &s.shards[i].counts
	if class := status/100 - 1; class >= 0 && class < len(c.classes) {
		c.classes[class].Add(1)
	}
	sec := d.Seconds()
	b := 0
	for b < len(latencyBuckets) && sec > latencyBuckets[b] {
		b++
	}
	c.buckets[b].Add(1)
	c.sumNs.Add(int64(d))
}

// sum returns the sum over the shards of what field points to in each.
func (s *series) sum(field func(*counts) *atomic.Int64) int64 {
	var n int64
	for i := range s.shards {
		n += field(&s.shards[i].counts).Load()
	}
	return n
}

// metrics are a site's request metrics, written in the Prometheus text
// exposition format. They are a handful of counters per page, fixed at
// start: the format is written here rather than with client_golang, which
// would bring its dependencies into every docroot's module for it, and
// whose counters every processor would write.
type metrics struct {
	shard    *percpu.Index
	pages    map[string]*series
	order    []*series
	other    *series // static files and 404s
	inFlight []gauge // by shard
}

// gauge is one shard of the in-flight gauge.
type gauge struct {
	n atomic.Int64
	_ [percpu.CacheLinePad - 8]byte
}

func newMetrics(files []string) *metrics {
	x := percpu.NewIndex(0)
	m := &metrics{shard: x, pages: make(map[string]*series, len(files)), other: newSeries("", x.N()), inFlight: make([]gauge, x.N())}
	for _, f := range files {
		s := newSeries(f, x.N())
		m.pages[f] = s
		m.order = append(m.order, s)
	}
	m.order = append(m.order, m.other)
	return m
}

// recorder is the ResponseWriter of a request under metrics: it keeps the
// status, and the page's series when a page answers (gatePages sets it).
type recorder struct {
	http.ResponseWriter
	status int
	page   *series
}

var (
	_ http.Flusher    = (*recorder)(nil)
	_ io.StringWriter = (*recorder)(nil)
)

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

// WriteString writes s without a copy when the wrapped writer can
// (net/http's can): without it, io.WriteString, which webob's adapter
// writes a text body with, copied the body into a new slice per request.
func (r *recorder) WriteString(s string) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return io.WriteString(r.ResponseWriter, s)
}

// Flush forwards to the underlying writer when it can flush.
func (r *recorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	http.NewResponseController(r.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// epoch is the time the metrics' durations are read from (see measure).
var epoch = time.Now()

// recorders recycles the recorders: one allocation less per request. A
// handler may not use its ResponseWriter once it returned (net/http's
// rule), so a recorder is free again then.
var recorders = sync.Pool{New: func() any { return new(recorder) }}

// measure counts every request h answers.
func (m *metrics) measure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := m.shard.Get()
		m.inFlight[i].n.Add(1)
		rec := recorders.Get().(*recorder)
		*rec = recorder{ResponseWriter: w}
		start := time.Since(epoch) // the monotonic clock alone: half of time.Now
		defer func() {
			// The shard taken at the start: the goroutine may have moved
			// to another processor since, but another Get costs more than
			// a rare shared line.
			m.inFlight[i].n.Add(-1)
			defer func() {
				*rec = recorder{}
				recorders.Put(rec)
			}()
			s := rec.page
			if s == nil {
				s = m.other
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			if v := recover(); v != nil {
				s.observe(i, http.StatusInternalServerError, time.Since(epoch)-start)
				panic(v)
			}
			s.observe(i, status, time.Since(epoch)-start)
		}()
		h.ServeHTTP(rec, r)
	})
}

// labelValue quotes a label value as the text exposition format wants:
// only backslash, double quote and newline escaped (strconv.Quote would
// also escape non-ASCII letters as \u, which the format does not know).
func labelValue(v string) string { return `"` + labelEscaper.Replace(v) + `"` }

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// ServeHTTP writes the metrics in the Prometheus text format (version
// 0.0.4).
func (m *metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	b := bufio.NewWriter(w)
	defer b.Flush()
	fmt.Fprint(b, "# HELP gowebob_requests_total Requests answered, by page (\"\" for static files and 404s) and status class.\n")
	fmt.Fprint(b, "# TYPE gowebob_requests_total counter\n")
	for _, s := range m.order {
		for c := range len(counts{}.classes) {
			n := s.sum(func(k *counts) *atomic.Int64 { return &k.classes[c] })
			fmt.Fprintf(b, "gowebob_requests_total{page=%s,code=\"%dxx\"} %d\n", labelValue(s.label), c+1, n)
		}
	}
	fmt.Fprint(b, "# HELP gowebob_request_duration_seconds Time to answer a request, by page.\n")
	fmt.Fprint(b, "# TYPE gowebob_request_duration_seconds histogram\n")
	for _, s := range m.order {
		label := labelValue(s.label)
		var cum int64
		for i, le := range latencyBuckets {
			cum += s.sum(func(k *counts) *atomic.Int64 { return &k.buckets[i] })
			fmt.Fprintf(b, "gowebob_request_duration_seconds_bucket{page=%s,le=\"%s\"} %d\n", label, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		cum += s.sum(func(k *counts) *atomic.Int64 { return &k.buckets[len(latencyBuckets)] })
		fmt.Fprintf(b, "gowebob_request_duration_seconds_bucket{page=%s,le=\"+Inf\"} %d\n", label, cum)
		sumNs := s.sum(func(k *counts) *atomic.Int64 { return &k.sumNs })
		fmt.Fprintf(b, "gowebob_request_duration_seconds_sum{page=%s} %g\n", label, float64(sumNs)/1e9)
		fmt.Fprintf(b, "gowebob_request_duration_seconds_count{page=%s} %d\n", label, cum)
	}
	fmt.Fprint(b, "# HELP gowebob_requests_in_flight Requests being answered.\n")
	fmt.Fprint(b, "# TYPE gowebob_requests_in_flight gauge\n")
	var inFlight int64
	for i := range m.inFlight {
		inFlight += m.inFlight[i].n.Load()
	}
	fmt.Fprintf(b, "gowebob_requests_in_flight %d\n", inFlight)
}
