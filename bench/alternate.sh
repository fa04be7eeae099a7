#!/bin/bash
# alternate.sh: the in-process target of the benchmarks issue, measured so that one noisy run
# does not decide it. Raw net/http and gowebob in-process serve hello_webob (the seed's form page)
# on 127.0.0.1; wrk runs against each in turn, ROUNDS times for GET and for POST, and the ratio of
# each pair and the median of the ratios are printed.
#
#   ./alternate.sh                 # 5 rounds of 5 s: about 2 minutes
#   ROUNDS=9 DURATION=10s ./alternate.sh
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

(cd "$here" && go build -o "$WORK/bin/" ./cmd/nethttp ./cmd/gowebob)
P_RAW=$((BASE_PORT + 1)) P_GW=$((BASE_PORT + 2))
"$WORK/bin/nethttp" -addr "127.0.0.1:$P_RAW" >/dev/null 2>&1 & raw=$!
"$WORK/bin/gowebob" -addr "127.0.0.1:$P_GW" >/dev/null 2>&1 & gw=$!
trap 'kill $raw $gw 2>/dev/null || true' EXIT
for p in $P_RAW $P_GW; do
  for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$p/hello" 2>/dev/null && break; sleep 0.1; done
done

rps() { wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@" | awk '/^Requests\/sec:/ {print $2}'; }
# run NAME PATH [wrk args]: ROUNDS alternating pairs, then the median ratio.
run() {
  local name=$1 path=$2; shift 2
  local ratios=()
  for i in $(seq "$ROUNDS"); do
    local a b r
    a=$(rps "$@" "http://127.0.0.1:$P_RAW$path")
    b=$(rps "$@" "http://127.0.0.1:$P_GW$path")
    r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')
    ratios+=("$r")
    echo "$name round $i: raw net/http $a req/s, gowebob in-process $b req/s, ratio $r"
  done
  printf '%s\n' "${ratios[@]}" | sort -n | awk -v name="$name" '{v[NR] = $1}
    END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s: median ratio %.3f over %d rounds\n", name, m, NR}'
}
run "hello_webob GET" "/hello_webob?firstname=Ada&lastname=Lovelace"
run "hello_webob POST" "/hello_webob" -s "$here/post.lua"
