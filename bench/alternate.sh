#!/bin/bash
# alternate.sh: the in-process target of the benchmarks issue, measured so that one noisy run
# does not decide it. Raw net/http and gowebob in-process serve hello_webob (the seed's form page)
# on 127.0.0.1; wrk runs against each in turn, ROUNDS times for GET and for POST, and the ratio of
# each pair and the median of the ratios are printed. The order within a pair swaps every round,
# so that neither server always runs second. Each run also prints the server's CPU time per
# request (user + system, from /proc), which the machine's other load moves less than req/s.
#
#   ./alternate.sh                 # 5 rounds of 5 s: about 2 minutes
#   ROUNDS=9 DURATION=10s ./alternate.sh
#   SECOND=serve ./alternate.sh    # gowebob serve instead of in-process (its CPU is the server's
#                                  # and its page programs'), and a new connection per request too
#   SECOND=serve GOWEBOB=/path/to/gowebob ./alternate.sh   # serve with another build
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
BASE_PORT=${BASE_PORT:-39110}
WORK=${WORK:-/tmp/gowebob-bench}
mkdir -p "$WORK/bin"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

SECOND=${SECOND:-inprocess}
(cd "$here" && go build -o "$WORK/bin/" ./cmd/nethttp ./cmd/gowebob)
P_RAW=$((BASE_PORT + 1)) P_GW=$((BASE_PORT + 2))
"$WORK/bin/nethttp" -addr "127.0.0.1:$P_RAW" >/dev/null 2>&1 & raw=$!
if [ "$SECOND" = serve ]; then
  second="gowebob serve"
  if [ -n "${GOWEBOB:-}" ]; then cp "$GOWEBOB" "$WORK/bin/gowebob-cli"; else (cd "$here/.." && go build -o "$WORK/bin/gowebob-cli" ./cmd/gowebob); fi
  "$WORK/bin/gowebob-cli" serve -addr "127.0.0.1:$P_GW" -preload -cache "$WORK/cache-alternate" "$here/www" >/dev/null 2>&1 & gw=$!
else
  second="gowebob in-process"
  "$WORK/bin/gowebob" -addr "127.0.0.1:$P_GW" >/dev/null 2>&1 & gw=$!
fi
trap 'kill $raw $gw 2>/dev/null || true' EXIT
for p in $P_RAW $P_GW; do
  for _ in $(seq 1200); do curl -fsS -o /dev/null "http://127.0.0.1:$p/hello_webob" 2>/dev/null && break; sleep 0.1; done
done

# cputime PID: the clock ticks PID and its children (serve's page programs) have used.
cputime() {
  local pids
  pids="$1 $(pgrep -P "$1" | tr '\n' ' ')"
  for p in $pids; do cat "/proc/$p/stat" 2>/dev/null || true; done | awk '{t += $14 + $15} END {print t}'
}
# measure PID URL [wrk args]: one wrk run; sets RPS and CPU (the server's microseconds per request).
measure() {
  local pid=$1 t0 t1 out n; shift
  t0=$(cputime "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@")
  t1=$(cputime "$pid")
  RPS=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  CPU=$(awk -v t=$((t1 - t0)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
}
# median: the median of the numbers on standard input.
median() {
  sort -n | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# run NAME PATH [wrk args]: ROUNDS pairs, then the median ratios of req/s and of CPU per request
# (raw's over gowebob's, so that below 1 means gowebob costs more in both).
run() {
  local name=$1 path=$2; shift 2
  local ratios=() cpuratios=()
  for i in $(seq "$ROUNDS"); do
    local a b ca cb r
    if ((i % 2)); then
      measure $raw "$@" "http://127.0.0.1:$P_RAW$path"; a=$RPS ca=$CPU
      measure $gw "$@" "http://127.0.0.1:$P_GW$path"; b=$RPS cb=$CPU
    else
      measure $gw "$@" "http://127.0.0.1:$P_GW$path"; b=$RPS cb=$CPU
      measure $raw "$@" "http://127.0.0.1:$P_RAW$path"; a=$RPS ca=$CPU
    fi
    r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')
    ratios+=("$r")
    cpuratios+=("$(awk -v a="$ca" -v b="$cb" 'BEGIN {printf "%.3f", a / b}')")
    echo "$name round $i: raw net/http $a req/s ($ca us CPU/req), $second $b req/s ($cb us CPU/req), ratio $r"
  done
  echo "$name: median ratio $(printf '%s\n' "${ratios[@]}" | median) over $ROUNDS rounds," \
    "CPU per request $(printf '%s\n' "${cpuratios[@]}" | median)"
}
run "hello_webob GET" "/hello_webob?firstname=Ada&lastname=Lovelace"
run "hello_webob POST" "/hello_webob" -s "$here/post.lua"
if [ "$SECOND" = serve ]; then
  run "hello_webob GET, a new connection per request" "/hello_webob?firstname=Ada&lastname=Lovelace" -H "Connection: close"
fi
