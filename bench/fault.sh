#!/bin/bash
# fault.sh: checks gowebob serve's promise that a page process's death fails at most the requests
# it was executing and never a request no page executed. Runs the faultload command
# (internal/loadcheck/cmd/faultload) twice with its defaults, each run 15 s under 16 keep-alive
# connections: the page exiting on every 50th request it handles, then SIGKILLed every 3 s.
#
#   bash bench/fault.sh                 # from anywhere
#   ARGS='-duration 5s' bash bench/fault.sh
#
# Prints both summaries; exits 1 if either run had a failed request that no page executed.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
ARGS=${ARGS:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/faultload" ./internal/loadcheck/cmd/faultload || exit 2

status=0
for mode in exit kill; do
  echo "== -mode $mode"
  # shellcheck disable=SC2086 # ARGS is a list of flags
  "$tmp/faultload" -mode "$mode" $ARGS
  rc=$?
  case $rc in
    0) ;;
    1) status=1 ;;
    *) exit "$rc" ;;
  esac
  echo
done
exit "$status"
