#!/bin/bash
# load.sh: loopback load test of raw net/http, gowebob in-process, gowebob serve, gin and the seed's
# Apache + mod_wsgi + WebOb with wrk. Everything listens on 127.0.0.1 and every run is bounded.
#
#   ./load.sh                      # 16 runs of 10 s: about 3 minutes
#   DURATION=5s ./load.sh          # shorter runs
#   APACHE=0 ./load.sh             # without the Apache peer
#   PHP=0 ./load.sh                # without the nginx + PHP-FPM peer (peer/php)
#   GOWEBOB=/path/to/gowebob ./load.sh  # serve with that gowebob binary (an older build, to compare)
#
# Each figure is printed with its ratio to raw net/http on the same request in the same run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
BASE_PORT=${BASE_PORT:-39100}
WORK=${WORK:-/tmp/gowebob-bench}
APACHE=${APACHE:-1}
PHP=${PHP:-1}
peer=$(cd "$here/.." && pwd)/peer # the repository's peer/: Apache + mod_wsgi + WebOb

mkdir -p "$WORK/bin" "$WORK/out"

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
fi

echo "building servers" >&2
(cd "$here" && go build -o "$WORK/bin/" ./cmd/nethttp ./cmd/gowebob ./cmd/gin)
if [ -n "${GOWEBOB:-}" ]; then
  cp "$GOWEBOB" "$WORK/bin/gowebob-cli"
else
  (cd "$here/.." && go build -o "$WORK/bin/gowebob-cli" ./cmd/gowebob)
fi

pids=()
apache_started=0
php_started=0
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$apache_started" = 1 ]; then RUN="$WORK/peer" "$peer/apache.sh" stop >/dev/null 2>&1 || true; fi
  if [ "$php_started" = 1 ]; then "$peer/php/php.sh" stop "$P_PHP" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# wait_up URL: waits up to 120 s (gowebob serve -preload builds its pages first).
wait_up() {
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2
  return 1
}

P_RAW=$((BASE_PORT + 1)) P_GW=$((BASE_PORT + 2)) P_SERVE=$((BASE_PORT + 3)) P_GIN=$((BASE_PORT + 4)) P_APACHE=$((BASE_PORT + 5))
P_PHP=$((BASE_PORT + 6))
"$WORK/bin/nethttp" -addr "127.0.0.1:$P_RAW" >"$WORK/out/nethttp.log" 2>&1 & pids+=($!)
"$WORK/bin/gowebob" -addr "127.0.0.1:$P_GW" >"$WORK/out/gowebob.log" 2>&1 & pids+=($!)
"$WORK/bin/gin" -addr "127.0.0.1:$P_GIN" >"$WORK/out/gin.log" 2>&1 & pids+=($!)
# gowebob serve logs one line per request (its access log) to stderr: a file here.
"$WORK/bin/gowebob-cli" serve -addr "127.0.0.1:$P_SERVE" -preload -cache "$WORK/cache" "$here/www" \
  >"$WORK/out/serve.out" 2>"$WORK/out/serve.log" & pids+=($!)
if [ "$APACHE" = 1 ]; then
  if "$peer/apache.sh" install >/dev/null 2>&1 && RUN="$WORK/peer" "$peer/apache.sh" start "$P_APACHE" >/dev/null 2>&1; then
    apache_started=1
  else
    echo "Apache + mod_wsgi + WebOb could not start: its rows are left out" >&2
    APACHE=0
  fi
fi
if [ "$PHP" = 1 ]; then
  if "$peer/php/php.sh" start "$P_PHP" >/dev/null 2>&1; then
    php_started=1
  else
    echo "nginx + PHP-FPM could not start: its rows are left out" >&2
    PHP=0
  fi
fi
for p in $P_RAW $P_GW $P_GIN; do wait_up "http://127.0.0.1:$p/hello"; done
wait_up "http://127.0.0.1:$P_SERVE/hello"
wait_up "http://127.0.0.1:$P_SERVE/form"
wait_up "http://127.0.0.1:$P_SERVE/hello_webob"

# The servers must answer alike before their speed means anything.
form=$(sed -n 's/^wrk.body = "\(.*\)"$/\1/p' "$here/post.lua")
body() { curl -fsS "$@" | sed 's#127\.0\.0\.1:[0-9]*#HOST#g'; } # the page may name its own address
same() { # same WHAT URL...: every URL answers the same body
  local what=$1 first; shift
  first=$(body "${@:1:1}" "${EXTRA[@]}")
  for u in "${@:2}"; do
    [ "$(body "$u" "${EXTRA[@]}")" = "$first" ] || { echo "$what: $u answers differently from $1" >&2; exit 1; }
  done
}
EXTRA=()
same hello "http://127.0.0.1:$P_RAW/hello" "http://127.0.0.1:$P_GW/hello" "http://127.0.0.1:$P_SERVE/hello" "http://127.0.0.1:$P_GIN/hello"
[ "$APACHE" = 0 ] || [ "$(body "http://127.0.0.1:$P_APACHE/hello.py")" = "$(body "http://127.0.0.1:$P_RAW/hello")" ] ||
  { echo "hello.py answers differently" >&2; exit 1; }
EXTRA=(-d "$form" -H "Content-Type: application/x-www-form-urlencoded")
same form "http://127.0.0.1:$P_RAW/form" "http://127.0.0.1:$P_GW/form" "http://127.0.0.1:$P_SERVE/form" "http://127.0.0.1:$P_GIN/form"
same hello_webob "http://127.0.0.1:$P_RAW/hello_webob" "http://127.0.0.1:$P_GW/hello_webob"
EXTRA=()
same hello_webob "http://127.0.0.1:$P_RAW/hello_webob?firstname=Ada&lastname=Lovelace" \
  "http://127.0.0.1:$P_GW/hello_webob?firstname=Ada&lastname=Lovelace"

# Warm every server up (first connections, page programs, mod_wsgi daemons).
for u in "$P_RAW/hello" "$P_GW/hello" "$P_SERVE/hello" "$P_SERVE/form" "$P_SERVE/hello_webob" "$P_GIN/hello"; do
  wrk -t"$THREADS" -c"$CONNS" -d1s "http://127.0.0.1:$u" >/dev/null
done
[ "$APACHE" = 0 ] || for u in hello.py hello_webob.py; do wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$P_APACHE/$u" >/dev/null; done
[ "$PHP" = 0 ] || wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$P_PHP/hello_webob.php" >/dev/null

# measure NAME URL [LUA [HEADER]]: one wrk run; sets RPS and P99 (ms).
measure() {
  local name=$1 url=$2 out="$WORK/out/$1.txt"
  local args=(-t"$THREADS" -c"$CONNS" -d"$DURATION" --latency)
  [ -n "${3:-}" ] && args+=(-s "$3")
  [ -n "${4:-}" ] && args+=(-H "$4")
  timeout 120 wrk "${args[@]}" "$url" >"$out"
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  P99=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$out")
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then
    echo "warning: $name: $(grep -e 'Non-2xx' -e 'Socket errors' "$out" | tr -s ' ')" >&2
  fi
}

results="$WORK/results.md"
: >"$results"
say() { echo "$*" | tee -a "$results"; }
# scenario TITLE ROW... where ROW is "name|url|lua|header"; the first row is the raw net/http baseline.
scenario() {
  local title=$1; shift
  say ""
  say "### $title"
  say ""
  say "| server | req/s | ratio | p99 ms | p99 ratio |"
  say "|---|---:|---:|---:|---:|"
  local base_rps="" base_p99="" row name url lua hdr
  for row in "$@"; do
    IFS='|' read -r name url lua hdr <<<"$row"
    measure "$(echo "$title-$name" | tr -c 'a-zA-Z0-9\n' '_')" "$url" "$lua" "$hdr"
    [ -n "$base_rps" ] || { base_rps=$RPS base_p99=$P99; }
    say "$(awk -v n="$name" -v r="$RPS" -v p="$P99" -v br="$base_rps" -v bp="$base_p99" \
      'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f |", n, r, r / br, p, p / bp }')"
    eval "RPS_$(echo "$title-$name" | tr -c 'a-zA-Z0-9\n' '_')=$RPS"
  done
}

lua="$here/post.lua"
say "wrk -t$THREADS -c$CONNS -d$DURATION --latency, 127.0.0.1; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
say "ratio = req/s / raw net/http's req/s in the same scenario (p99 ratio likewise: lower is better)"
A=(); [ "$APACHE" = 0 ] || A=("Apache+mod_wsgi+WebOb hello.py|http://127.0.0.1:$P_APACHE/hello.py|")
scenario "hello (GET)" \
  "raw net/http|http://127.0.0.1:$P_RAW/hello|" \
  "gowebob in-process|http://127.0.0.1:$P_GW/hello|" \
  "gowebob serve|http://127.0.0.1:$P_SERVE/hello|" \
  "gin|http://127.0.0.1:$P_GIN/hello|" "${A[@]}"
A=(); [ "$APACHE" = 0 ] || A=("Apache+mod_wsgi+WebOb hello_webob.py|http://127.0.0.1:$P_APACHE/hello_webob.py|$lua")
scenario "form POST (10 urlencoded fields)" \
  "raw net/http|http://127.0.0.1:$P_RAW/form|$lua" \
  "gowebob in-process|http://127.0.0.1:$P_GW/form|$lua" \
  "gowebob serve|http://127.0.0.1:$P_SERVE/form|$lua" \
  "gin|http://127.0.0.1:$P_GIN/form|$lua" "${A[@]}"
A=(); [ "$APACHE" = 0 ] || A=("Apache+mod_wsgi+WebOb hello_webob.py|http://127.0.0.1:$P_APACHE/hello_webob.py|$lua")
scenario "hello_webob POST (the same form)" \
  "raw net/http|http://127.0.0.1:$P_RAW/hello_webob|$lua" \
  "gowebob in-process|http://127.0.0.1:$P_GW/hello_webob|$lua" \
  "gowebob serve|http://127.0.0.1:$P_SERVE/hello_webob|$lua" "${A[@]}"
q="?firstname=Ada&lastname=Lovelace"
A=(); [ "$APACHE" = 0 ] || A=("Apache+mod_wsgi+WebOb hello_webob.py|http://127.0.0.1:$P_APACHE/hello_webob.py$q|")
[ "$PHP" = 0 ] || A+=("nginx+PHP-FPM hello_webob.php|http://127.0.0.1:$P_PHP/hello_webob.php$q|")
scenario "hello_webob GET$q" \
  "raw net/http|http://127.0.0.1:$P_RAW/hello_webob$q|" \
  "gowebob in-process|http://127.0.0.1:$P_GW/hello_webob$q|" \
  "gowebob serve|http://127.0.0.1:$P_SERVE/hello_webob$q|" "${A[@]}"
# Every request on a connection of its own: what a page program's start of
# a connection costs (gowebob serve lends each one to the page's program).
A=(); [ "$APACHE" = 0 ] || A=("Apache+mod_wsgi+WebOb hello_webob.py|http://127.0.0.1:$P_APACHE/hello_webob.py$q||Connection: close")
[ "$PHP" = 0 ] || A+=("nginx+PHP-FPM hello_webob.php|http://127.0.0.1:$P_PHP/hello_webob.php$q||Connection: close")
scenario "hello_webob GET$q, a new connection per request" \
  "raw net/http|http://127.0.0.1:$P_RAW/hello_webob$q||Connection: close" \
  "gowebob in-process|http://127.0.0.1:$P_GW/hello_webob$q||Connection: close" \
  "gowebob serve|http://127.0.0.1:$P_SERVE/hello_webob$q||Connection: close" "${A[@]}"

# rps TITLE NAME: the req/s of row NAME in scenario TITLE.
rps() { eval echo "\$RPS_$(echo "$1-$2" | tr -c 'a-zA-Z0-9\n' '_')"; }
if [ "$APACHE" = 1 ] || [ "$PHP" = 1 ]; then
  say ""
  say "gowebob serve / each peer, hello_webob GET req/s (keep-alive; a new connection per request):"
  for p in "$([ "$APACHE" = 1 ] && echo "Apache+mod_wsgi+WebOb hello_webob.py")" "$([ "$PHP" = 1 ] && echo "nginx+PHP-FPM hello_webob.php")"; do
    [ -n "$p" ] || continue
    say "$(awk -v p="$p" -v a="$(rps "hello_webob GET$q" "gowebob serve")" -v b="$(rps "hello_webob GET$q" "$p")" \
      -v c="$(rps "hello_webob GET$q, a new connection per request" "gowebob serve")" \
      -v d="$(rps "hello_webob GET$q, a new connection per request" "$p")" \
      'BEGIN { printf "- %s: %.1fx; %.1fx", p, a / b, c / d }')"
  done
fi
if [ "$APACHE" = 1 ]; then
  say ""
  say "gowebob in-process / Apache+mod_wsgi+WebOb, req/s:"
  for s in "hello (GET)|hello.py" "hello_webob POST (the same form)|hello_webob.py" "hello_webob GET$q|hello_webob.py"; do
    IFS='|' read -r t page <<<"$s"
    gw=$(eval echo "\$RPS_$(echo "$t-gowebob in-process" | tr -c 'a-zA-Z0-9\n' '_')")
    ap=$(eval echo "\$RPS_$(echo "$t-Apache+mod_wsgi+WebOb $page" | tr -c 'a-zA-Z0-9\n' '_')")
    say "$(awk -v t="$t" -v g="$gw" -v a="$ap" 'BEGIN { printf "- %s: %.1fx", t, g / a }')"
  done
fi
say ""
say "(wrk outputs in $WORK/out; this table in $results)"
