#!/usr/bin/env bash
# run_monitor.sh — the monitoring scenario (monitor_scenario.sh) against one backend; its output must be monitor.expected.
#
#   tests/store/run_monitor.sh JIXIAO sqlite|pg
#
# As run_store.sh: pg needs $JX_TEST_PG_URL (skipped, exit 77, without it unless CI=true);
# JX_UPDATE=1 rewrites monitor.expected from the sqlite run (review the diff).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" monitor "$1" "$2"
cp -r "$here/monitor-data" "$here/monitor_scenario.sh" "$tmp/"
(cd "$tmp" && bash monitor_scenario.sh) >"$tmp/actual" 2>&1
if [ "${JX_UPDATE:-0}" = 1 ] && [ "$backend" = sqlite ]; then
  cp "$tmp/actual" "$here/monitor.expected"
  echo "updated monitor.expected"
  exit 0
fi
if diff -u --label monitor.expected --label "actual ($backend)" "$here/monitor.expected" "$tmp/actual"; then
  echo "monitor: $backend output identical to monitor.expected ($(grep -c '^\$ jixiao' "$tmp/actual") commands)"
else
  exit 1
fi
