#!/bin/bash
# build.sh: the figures of gowebob build (issue 19) in one run.
#
#   - full build of a docroot of 200 small pages against one of 1 page (the
#     pages new to the build cache, gowebob and the standard library in it);
#   - rebuild after editing one of the 200 pages, against the 1-page build;
#   - resident memory of the 200-page program after every page answered;
#   - hello_webob through the built program (examples/www) against the raw
#     net/http twin (bench/cmd/nethttp), wrk in alternating rounds, median.
#
#   ./build.sh                       # 3 builds of each kind, 5 wrk rounds of 5 s
#   RUNS=5 ROUNDS=7 ./build.sh
#   SKIP_BUILDS=1 ./build.sh         # one build of each kind
#   THROUGHPUT_ONLY=1 ./build.sh     # hello_webob against net/http alone
#   LOG_TO=pipe SITE_FLAGS=-log-flush=0 ./build.sh   # the log through a pipe, unbuffered
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
RUNS=${RUNS:-3}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
BASE_PORT=${BASE_PORT:-39130}
WORK=${WORK:-/tmp/gowebob-build-bench}
rm -rf "$WORK"
mkdir -p "$WORK/bin"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

(cd "$repo" && go build -o "$WORK/bin/gowebob" ./cmd/gowebob)
(cd "$here" && go build -o "$WORK/bin/" ./cmd/nethttp)

# docroot DIR N SALT: a module of N small WebOb pages, each new to the
# build cache for a new SALT.
docroot() {
  local dir=$1 n=$2 salt=$3 i
  mkdir -p "$dir"
  sed "s#=> ../..#=> $repo#" "$repo/examples/www/go.mod" >"$dir/go.mod"
  cp "$repo/examples/www/go.sum" "$dir/go.sum"
  for i in $(seq "$n"); do page "$dir/page$i.go" "$i" "$salt"; done
}
page() {
  cat >"$1" <<GO
package main

import (
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/response"
)

const salt = "$3"

// Application greets by the query's name.
func Application(req *request.Request) (*response.Response, error) {
	get, err := req.GET()
	if err != nil {
		return nil, err
	}
	resp := response.New()
	resp.SetContentType("text/plain")
	resp.SetText("page $2 says hello to " + get.Get("name") + " (" + salt + ")")
	return resp, nil
}
GO
}
# seconds CMD...: runs CMD, prints its wall time in seconds.
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'
}

P_MANY=$((BASE_PORT + 1)) P_RAW=$((BASE_PORT + 2)) P_SITE=$((BASE_PORT + 3))
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
if [ "${THROUGHPUT_ONLY:-0}" != 1 ]; then
  echo "warming the build cache (gowebob and the standard library)"
  docroot "$WORK/warm" 1 warm
  "$WORK/bin/gowebob" build -o "$WORK/bin/warm" "$WORK/warm"

  one=() many=() rebuild=()
  [ "${SKIP_BUILDS:-0}" = 1 ] && RUNS=1
  for r in $(seq "$RUNS"); do
    rm -rf "$WORK/one" "$WORK/many"
    docroot "$WORK/one" 1 "one$r$RANDOM"
    docroot "$WORK/many" 200 "many$r$RANDOM"
    one+=("$(seconds "$WORK/bin/gowebob" build -o "$WORK/bin/one" "$WORK/one")")
    many+=("$(seconds "$WORK/bin/gowebob" build -o "$WORK/bin/many" "$WORK/many")")
    page "$WORK/many/page100.go" 100 "edited$r$RANDOM"
    rebuild+=("$(seconds "$WORK/bin/gowebob" build -o "$WORK/bin/many" "$WORK/many")")
    echo "run $r: 1 page ${one[-1]} s, 200 pages ${many[-1]} s, rebuild after one edit ${rebuild[-1]} s"
  done
  m1=$(printf '%s\n' "${one[@]}" | median)
  m200=$(printf '%s\n' "${many[@]}" | median)
  mre=$(printf '%s\n' "${rebuild[@]}" | median)
  echo
  echo "| build | median s | ratio to 1 page |"
  echo "|---|---:|---:|"
  echo "| 1 page | $m1 | 1.00 |"
  awk -v a="$m200" -v b="$m1" 'BEGIN {printf "| 200 pages | %.2f | %.2f |\n", a, a / b}'
  awk -v a="$mre" -v b="$m1" 'BEGIN {printf "| 200 pages, after editing one | %.2f | %.2f |\n", a, a / b}'

  "$WORK/bin/many" -addr "127.0.0.1:$P_MANY" 2>/dev/null & pids+=($!)
  many_pid=$!
  for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$P_MANY/page1" 2>/dev/null && break; sleep 0.1; done
  for i in $(seq 200); do
    curl -fsS -o /dev/null "http://127.0.0.1:$P_MANY/page$i?name=x"
  done
  wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$P_MANY/page7?name=x" >/dev/null
  rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$many_pid/status")
  hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$many_pid/status")
  echo
  echo "200-page program after every page answered and 2 s of wrk on one: VmRSS $rss MB (peak $hwm MB)"
fi

"$WORK/bin/gowebob" build -o "$WORK/bin/www" "$repo/examples/www"
"$WORK/bin/nethttp" -addr "127.0.0.1:$P_RAW" >/dev/null 2>&1 & pids+=($!)
raw_pid=$!
# The program's log goes to /dev/null, or with LOG_TO=pipe through a pipe
# to a reader, as to journald or a container's log driver: a write then
# wakes the reader.
if [ "${LOG_TO:-null}" = pipe ]; then
  # shellcheck disable=SC2086 # SITE_FLAGS is a list of flags
  "$WORK/bin/www" -addr "127.0.0.1:$P_SITE" ${SITE_FLAGS:-} 2> >(cat >/dev/null) & pids+=($!)
else
  # shellcheck disable=SC2086 # SITE_FLAGS is a list of flags
  "$WORK/bin/www" -addr "127.0.0.1:$P_SITE" ${SITE_FLAGS:-} 2>/dev/null & pids+=($!)
fi
site_pid=$!
for p in $P_RAW $P_SITE; do
  for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$p/hello_webob" 2>/dev/null && break; sleep 0.1; done
done
# The same page but for its PATH_INFO: the twin is an application at the
# root (PATH_INFO /hello_webob), the page is mounted there (SCRIPT_NAME).
norm() { sed -e 's#127\.0\.0\.1:[0-9]*#HOST#g' -e 's#<p>Path info: .*</p>#<p>Path info: X</p>#'; }
a=$(curl -fsS "http://127.0.0.1:$P_RAW/hello_webob?firstname=Ada" | norm)
b=$(curl -fsS "http://127.0.0.1:$P_SITE/hello_webob?firstname=Ada" | norm)
[ "$a" = "$b" ] || { echo "hello_webob answers differently" >&2; exit 1; }
for p in $P_RAW $P_SITE; do wrk -t"$THREADS" -c"$CONNS" -d1s "http://127.0.0.1:$p/hello_webob" >/dev/null; done
for what in GET POST; do
  args=(); [ "$what" = POST ] && args=(-s "$here/post.lua")
  ratios=() cpus=()
  for r in $(seq "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
      raw=$(rps $raw_pid "${args[@]}" "http://127.0.0.1:$P_RAW/hello_webob"); site=$(rps $site_pid "${args[@]}" "http://127.0.0.1:$P_SITE/hello_webob")
    else
      site=$(rps $site_pid "${args[@]}" "http://127.0.0.1:$P_SITE/hello_webob"); raw=$(rps $raw_pid "${args[@]}" "http://127.0.0.1:$P_RAW/hello_webob")
    fi
    read -r raw_rps raw_cpu <<<"$raw"
    read -r site_rps site_cpu <<<"$site"
    ratios+=("$(awk -v s="$site_rps" -v r="$raw_rps" 'BEGIN {printf "%.3f", s / r}')")
    cpus+=("$(awk -v s="$site_cpu" -v r="$raw_cpu" 'BEGIN {printf "%.3f", r / s}')")
    echo "hello_webob $what round $r: raw net/http $raw_rps req/s ($raw_cpu us CPU), built program $site_rps req/s ($site_cpu us CPU): ratio ${ratios[-1]}, CPU ratio ${cpus[-1]}"
  done
  echo "hello_webob $what: median req/s ratio $(printf '%s\n' "${ratios[@]}" | median), median CPU ratio $(printf '%s\n' "${cpus[@]}" | median) (built program / raw net/http; CPU: raw's per request over the program's)"
done
