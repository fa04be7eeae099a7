package loadcheck

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Result is what Run found.
type Result struct {
	Sent   int // requests sent (or tried: a failed dial counts)
	OK     int // answered 2xx with the body PageSource gives
	Failed int // Sent - OK

	// FailedExecuted counts the failed requests whose id is in the
	// record: a page process started them. FailedNeverExecuted counts
	// the others, which no page saw; the promise is that it is 0.
	FailedExecuted      int
	FailedNeverExecuted int

	ByStatus map[int]int    // failures with an answer, by its status
	ByError  map[string]int // failures without one, by error class ("read: EOF")

	Kills int // processes Run sent SIGKILL to

	// FirstNeverExecuted is the ids of the first few never-executed
	// failures, in the order they failed.
	FirstNeverExecuted []string

	// OKUnrecorded counts the successful requests whose id is not in
	// the record. It should be 0: anything else means the record misses
	// ids, and FailedNeverExecuted counts too many.
	OKUnrecorded int
	// ExecutedTwice counts the ids in the record more than once: a
	// request some page executed twice, which the client sent once.
	ExecutedTwice int

	Elapsed time.Duration // from the first request to the last answer
}

// String is the result, one fact a line, without a final newline. Its
// last line is "never-executed failures: N", for scripts to grep.
func (r Result) String() string {
	var b strings.Builder
	rate := 0.0
	if r.Elapsed > 0 {
		rate = float64(r.Sent) / r.Elapsed.Seconds()
	}
	fmt.Fprintf(&b, "elapsed: %.1fs (%.0f requests/s)\n", r.Elapsed.Seconds(), rate)
	fmt.Fprintf(&b, "sent: %d\n", r.Sent)
	fmt.Fprintf(&b, "ok: %d\n", r.OK)
	fmt.Fprintf(&b, "failed: %d (%s of sent)\n", r.Failed, percent(r.Failed, r.Sent))
	fmt.Fprintf(&b, "kills: %d\n", r.Kills)
	if r.Kills > 0 {
		fmt.Fprintf(&b, "failed per kill: %.1f\n", float64(r.Failed)/float64(r.Kills))
	}
	codes := make([]int, 0, len(r.ByStatus))
	for c := range r.ByStatus {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		fmt.Fprintf(&b, "failed with status %d: %d\n", c, r.ByStatus[c])
	}
	classes := make([]string, 0, len(r.ByError))
	for c := range r.ByError {
		classes = append(classes, c)
	}
	slices.Sort(classes)
	for _, c := range classes {
		fmt.Fprintf(&b, "failed with error %s: %d\n", c, r.ByError[c])
	}
	fmt.Fprintf(&b, "ok but not in the record: %d\n", r.OKUnrecorded)
	fmt.Fprintf(&b, "executed twice: %d\n", r.ExecutedTwice)
	fmt.Fprintf(&b, "executed failures: %d\n", r.FailedExecuted)
	if len(r.FirstNeverExecuted) > 0 {
		fmt.Fprintf(&b, "first never-executed: %s\n", strings.Join(r.FirstNeverExecuted, " "))
	}
	fmt.Fprintf(&b, "never-executed share of failures: %s\n", percent(r.FailedNeverExecuted, r.Failed))
	fmt.Fprintf(&b, "never-executed failures: %d", r.FailedNeverExecuted)
	return b.String()
}

// percent is n/of as a percentage, or "-" when of is 0.
func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	p := 100 * float64(n) / float64(of)
	if p > 0 && p < 1 {
		// A handful of failures in a hundred thousand is not 0.0%.
		return fmt.Sprintf("%.3f%%", p)
	}
	return fmt.Sprintf("%.1f%%", p)
}
