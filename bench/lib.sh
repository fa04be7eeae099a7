# lib.sh: what build.sh and variants.sh both measure with, sourced by them.
# They set THREADS, CONNS and DURATION (wrk's -t, -c and -d) before calling rps.

# median: the median of the numbers on stdin, one per line (blank lines
# ignored), to two decimals.
median() { grep . | sort -n | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# rps PID WRK-ARGS...: one wrk run; prints req/s and the CPU microseconds
# per request (user + system, from /proc) of the server PID.
rps() {
  local pid=$1 t0 t1 out; shift
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@")
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '/^Requests\/sec:/ {r = $2} /requests in/ {n = $1} END {printf "%s %.2f", r, t * 1e6 / hz / n}' <<<"$out"
}
