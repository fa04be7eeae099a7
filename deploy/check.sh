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
go build -o "$tmp/deploycheck" ./internal/deploycheck
# shellcheck disable=SC2086 # ARGS is a list of flags
"$tmp/deploycheck" -bin "$tmp/www-site" -nginx "$nginx" -conf deploy/nginx.conf $ARGS
