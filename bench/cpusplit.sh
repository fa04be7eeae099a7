#!/bin/bash
# cpusplit.sh: where gowebob serve's CPU goes on keep-alive hello_webob:
# the server's and its page programs' CPU time per request (from /proc)
# around one wrk run, so that a change to one side shows on its own.
#
#   ./cpusplit.sh                          # serve built from this tree
#   GOWEBOB=/path/to/gowebob ./cpusplit.sh # another build
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-5s}
PORT=${PORT:-39140}
WORK=${WORK:-/tmp/gowebob-cpusplit}
mkdir -p "$WORK"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
bin=${GOWEBOB:-$WORK/gowebob}
[ -n "${GOWEBOB:-}" ] || (cd "$here/.." && go build -o "$bin" ./cmd/gowebob)
"$bin" serve -addr "127.0.0.1:$PORT" -preload -cache "$WORK/cache" "$here/www" >/dev/null 2>&1 & sp=$!
trap 'kill $sp 2>/dev/null || true' EXIT
for _ in $(seq 1200); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/hello_webob" 2>/dev/null && break; sleep 0.1; done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
children() { local t=0 c; for c in $(pgrep -P "$sp"); do t=$((t + $(ticks "$c"))); done; echo "$t"; }
s0=$(ticks "$sp") c0=$(children)
n=$(wrk -t2 -c32 -d"$DURATION" "http://127.0.0.1:$PORT/hello_webob" | awk '/requests in/ {print $1}')
s1=$(ticks "$sp") c1=$(children)
hz=$(getconf CLK_TCK)
awk -v n="$n" -v s=$((s1 - s0)) -v c=$((c1 - c0)) -v hz="$hz" 'BEGIN {
  printf "%d requests: server %.1f us of CPU per request, page programs %.1f us\n", n, s * 1e6 / hz / n, c * 1e6 / hz / n
}'
