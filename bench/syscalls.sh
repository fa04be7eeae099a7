#!/bin/bash
# syscalls.sh: the system calls per request of the program gowebob build
# makes of examples/www, on keep-alive hello_webob under one short wrk run,
# counted by perf's syscall tracepoints (no ptrace: strace -c slows every
# call, which makes concurrent writes look more common than they are). The
# program's log goes to a file, as to a journal.
#
#   ./syscalls.sh                               # built from this tree
#   SITE_FLAGS=-log-flush=1s ./syscalls.sh      # the program's own flags
#   WWW=/path/to/www ./syscalls.sh              # a program built already
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
DURATION=${DURATION:-3s}
PORT=${PORT:-39391}
WORK=${WORK:-/tmp/gowebob-syscalls}
mkdir -p "$WORK"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
www=${WWW:-$WORK/www}
if [ -z "${WWW:-}" ]; then
  (cd "$repo" && go build -o "$WORK/gowebob" ./cmd/gowebob)
  "$WORK/gowebob" build -o "$www" "$repo/examples/www"
fi
if (: >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "syscalls.sh: port $PORT is taken: set PORT" >&2
  exit 1
fi
# shellcheck disable=SC2086 # SITE_FLAGS are words
"$www" -addr "127.0.0.1:$PORT" ${SITE_FLAGS:-} 2>"$WORK/log" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/hello_webob" 2>/dev/null && break; sleep 0.1; done
kill -0 $pid 2>/dev/null || { echo "syscalls.sh: the program did not start:" >&2; cat "$WORK/log" >&2; exit 1; }
events=syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_futex,syscalls:sys_enter_nanosleep,task-clock
perf stat -x, -e "$events" -p "$pid" -o "$WORK/perf" &
perf_pid=$!
sleep 0.2
wrk -t2 -c32 -d"$DURATION" "http://127.0.0.1:$PORT/hello_webob" >"$WORK/wrk"
kill -INT $perf_pid
wait $perf_pid || true
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk")
echo "$requests requests (${SITE_FLAGS:-default flags})"
awk -F, -v n="$requests" '
  /sys_enter/ {sub(/syscalls:sys_enter_/, "", $3); printf "  %-12s %.2f per request\n", $3, $1 / n}
  /task-clock/ {printf "  CPU          %.1f us per request (with the idle ends of the window)\n", $1 * 1000 / n}' "$WORK/perf"
