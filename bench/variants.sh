#!/bin/bash
# variants.sh: hello_webob through the built program (examples/www) in several configurations
# against the raw net/http twin, all in one run, so that what each layer or setting costs is
# read from ratios taken minutes apart rather than from runs an hour apart (this machine's
# absolute figures move by 10-30 %). Each server's CPU time per request is printed too: it
# moves less than req/s from round to round. Every server is started once; then each round runs wrk
# against each in turn, and the median req/s of each, with its ratio to the raw twin's, is
# printed.
#
#   ./variants.sh                         # the default set below, 7 rounds of 3 s
#   ROUNDS=9 DURATION=5s ./variants.sh
#   ./variants.sh 'no log;built;;-access-log=false' 'raw, GOGC=400;raw;GOGC=400;'
#
# A variant is NAME;PROGRAM;ENV;FLAGS: PROGRAM is built (examples/www's program, built from this
# checkout), raw (the twin) or the absolute path of another build of a program (an older
# checkout's, to compare), ENV is empty or one VAR=value for its environment, FLAGS its flags.
# The first server is always the raw twin as the environment has it, which the ratios are to.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
repo=$(cd "$here/.." && pwd)
ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-3s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
BASE_PORT=${BASE_PORT:-39160}
WORK=${WORK:-/tmp/gowebob-variants}
mkdir -p "$WORK/bin"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

if [ $# -eq 0 ]; then
  set -- 'defaults;built;;' \
    'no access log;built;;-access-log=false' \
    'no access log, request timeout, page bound;built;;-access-log=false -request-timeout=-1ns -max-requests-per-page=-1' \
    'raw, GOGC=400;raw;GOGC=400;' \
    'defaults, GOGC=400;built;GOGC=400;'
fi

(cd "$repo" && go build -o "$WORK/bin/gowebob" ./cmd/gowebob)
(cd "$here" && go build -o "$WORK/bin/" ./cmd/nethttp)
"$WORK/bin/gowebob" build -o "$WORK/bin/www" "$repo/examples/www"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
names=("raw net/http") ports=("$BASE_PORT")
"$WORK/bin/nethttp" -addr "127.0.0.1:$BASE_PORT" >/dev/null 2>&1 & pids+=($!)
i=0
for v in "$@"; do
  i=$((i + 1))
  IFS=';' read -r name program env flags <<<"$v"
  port=$((BASE_PORT + i))
  bin=$WORK/bin/www
  [ "$program" = raw ] && bin=$WORK/bin/nethttp
  [[ $program == /* ]] && bin=$program
  # shellcheck disable=SC2086 # ENV and FLAGS are words
  env $env "$bin" -addr "127.0.0.1:$port" $flags >/dev/null 2>&1 & pids+=($!)
  names+=("$name") ports+=("$port")
done
for p in "${ports[@]}"; do
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$p/hello_webob" && break; sleep 0.1; done
  wrk -t"$THREADS" -c"$CONNS" -d1s "http://127.0.0.1:$p/hello_webob" >/dev/null
done

declare -A all us
for r in $(seq "$ROUNDS"); do
  for k in "${!ports[@]}"; do
    p=${ports[$k]}
    read -r v c <<<"$(rps "${pids[$k]}" "http://127.0.0.1:$p/hello_webob")"
    all[$p]+="$v"$'\n' us[$p]+="$c"$'\n'
  done
  echo "round $r of $ROUNDS done" >&2
done
base=$(median <<<"${all[$BASE_PORT]}")
base_us=$(median <<<"${us[$BASE_PORT]}")
echo "hello_webob GET, wrk -t$THREADS -c$CONNS -d$DURATION, median of $ROUNDS alternating rounds"
echo "(CPU: the server's user + system time per request; its ratio is the twin's over the variant's):"
for k in "${!ports[@]}"; do
  m=$(median <<<"${all[${ports[$k]}]}")
  c=$(median <<<"${us[${ports[$k]}]}")
  printf '  %-48s %9.0f req/s  ratio %.3f  CPU %5.1f us  ratio %.3f\n' "${names[$k]}" "$m" \
    "$(awk -v a="$m" -v b="$base" 'BEGIN{print a/b}')" "$c" "$(awk -v a="$c" -v b="$base_us" 'BEGIN{print b/a}')"
done
