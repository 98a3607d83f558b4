#!/usr/bin/env bash
# run_store.sh — the end-to-end scenario (scenario.sh) against one backend; its output must be scenario.expected.
#
#   tests/store/run_store.sh JIXIAO sqlite|pg
#
# pg needs $JX_TEST_PG_URL (a server: scripts/pg-test-server.sh); without it the pg case is
# skipped (exit 77) — unless CI=true, where that is a failure.  JX_UPDATE=1 rewrites
# scenario.expected from the sqlite run (review the diff).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" scenario "$1" "$2"
# a private copy of the inputs: the scenario writes files next to them
cp -r "$here/data" "$here"/*.csv "$here/scenario.sh" "$tmp/"
(cd "$tmp" && bash scenario.sh) >"$tmp/actual" 2>&1
if [ "${JX_UPDATE:-0}" = 1 ] && [ "$backend" = sqlite ]; then
  cp "$tmp/actual" "$here/scenario.expected"
  echo "updated scenario.expected"
  exit 0
fi
if diff -u --label scenario.expected --label "actual ($backend)" "$here/scenario.expected" "$tmp/actual"; then
  echo "scenario: $backend output identical to scenario.expected ($(grep -c '^\$ jixiao' "$tmp/actual") commands)"
else
  exit 1
fi
