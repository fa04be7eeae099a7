#!/usr/bin/env bash
# check.sh: two instances of examples/www built with gowebob build, behind
# deploy/nginx.conf on loopback, under a load of GET and POST requests
# from a client that never retries, each instance restarted in turn (one
# by a SIGHUP upgrade, one by SIGTERM and a new start while its socket is
# held as systemd's socket activation holds it): exits 1 if any request
# failed. Installs Debian's nginx when it is missing (root and apt).
#
#   bash deploy/check.sh
#   ARGS='-phase 5s -workers 16' bash deploy/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=${ARGS:-}

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  apt-get install -y -qq nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gowebob" ./cmd/gowebob
"$tmp/gowebob" build -o "$tmp/www-site" examples/www

# What deploy/Dockerfile relies on, without a container engine (CI has no
# registry to pull its base image from): the binary is static (the
# scratch image has no loader), and it serves, with its static files,
# run as nobody (65534) from / with an empty environment: no toolchain,
# no docroot, no home.
if [ "$(uname -s)" = Linux ]; then
  if od -An -c -N 4096 "$tmp/www-site" | tr -d ' \n' | grep -q 'ld-linux'; then
    echo "check.sh: $tmp/www-site asks for a dynamic loader: the Dockerfile's scratch image has none" >&2
    exit 1
  fi
  run=$(mktemp -d /tmp/gowebob-run.XXXXXX)
  chmod 755 "$run"
  install -m 755 "$tmp/www-site" "$run/site"
  port=$((20000 + RANDOM % 20000))
  (cd / && exec env -i setpriv --reuid=65534 --regid=65534 --clear-groups "$run/site" -addr "127.0.0.1:$port" -log-format json) >"$run/log" 2>&1 &
  site=$!
  ok=
  for _ in $(seq 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/hello_webob"; then ok=1; break; fi
    sleep 0.1
  done
  static=$(curl -fsS -o /dev/null -w '%{http_code}' -H 'Range: bytes=0-3' "http://127.0.0.1:$port/style.css" || true)
  kill "$site"; wait "$site" || true
  rm -rf "$run"
  if [ -z "$ok" ] || [ "$static" != 206 ]; then
    echo "check.sh: the binary run as nobody from / with no environment did not serve (page: ${ok:-no}, static Range: $static)" >&2
    exit 1
  fi
  echo "check.sh: static binary, served as nobody from / with an empty environment"
fi

go build -o "$tmp/deploycheck" ./internal/deploycheck
# shellcheck disable=SC2086 # ARGS is a list of flags
"$tmp/deploycheck" -bin "$tmp/www-site" -nginx "$nginx" -conf deploy/nginx.conf $ARGS
