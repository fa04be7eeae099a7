package site

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"unsafe"

	"github.com/gowebob/gowebob/internal/percpu"
	"github.com/stretchr/testify/assert"
)

// TestMetricsShards: requests counted at once, on every processor, each in
// its processor's shard, add up in the exposition.
func TestMetricsShards(t *testing.T) {
	m := newMetrics([]string{"a.go"})
	h := m.measure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			w.(*recorder).page = m.pages["a.go"]
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				path := "/a"
				if (g+i)%2 == 1 {
					path = "/static.css"
				}
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
			}
		})
	}
	wg.Wait()
	w := httptest.NewRecorder()
	m.ServeHTTP(w, nil)
	half := goroutines * each / 2
	for _, want := range []string{
		fmt.Sprintf(`gowebob_requests_total{page="a.go",code="2xx"} %d`, half),
		fmt.Sprintf(`gowebob_requests_total{page="",code="2xx"} %d`, half),
		fmt.Sprintf(`gowebob_request_duration_seconds_bucket{page="a.go",le="+Inf"} %d`, half),
		fmt.Sprintf(`gowebob_request_duration_seconds_count{page=""} %d`, half),
		"gowebob_requests_in_flight 0",
	} {
		assert.Contains(t, w.Body.String(), want+"\n")
	}
}

// TestShardSize: each processor's counters fill whole cache line pairs,
// so that no two processors' share one.
func TestShardSize(t *testing.T) {
	assert.Zero(t, unsafe.Sizeof(shard{})%percpu.CacheLinePad, "shard")
	assert.Zero(t, unsafe.Sizeof(gauge{})%percpu.CacheLinePad, "gauge")
}
