#!/usr/bin/env bash
# run_remind.sh — the reminders scenario (remind_scenario.sh) against one backend with a local SMTP
# sink (tests/lib/smtp_sink.py); its output must be remind.expected.
#
#   tests/store/run_remind.sh JIXIAO sqlite|pg
#
# As run_store.sh: pg needs $JX_TEST_PG_URL (skipped, exit 77, without it unless CI=true);
# JX_UPDATE=1 rewrites remind.expected from the sqlite run (review the diff).  The sink needs
# only python3 (Debian 12: 3.11), which every test run has: it never skips.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" remind "$1" "$2"
cp -r "$here/remind-data" "$here/remind_scenario.sh" "$tmp/"
export SINK_DIR=$tmp/mail SINK_PY=$here/../lib/smtp_sink.py
python3 "$SINK_PY" serve "$SINK_DIR" --reject rejected@u21.example >"$tmp/sink.port" 2>"$tmp/sink.err" &
sink_pid=$!
trap 'kill "$sink_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  [ -s "$tmp/sink.port" ] && break
  sleep 0.1
done
SINK_PORT=$(head -1 "$tmp/sink.port")
if [ -z "$SINK_PORT" ]; then
  echo "the SMTP sink did not start:" >&2
  cat "$tmp/sink.err" >&2
  exit 1
fi
export SINK_PORT
(cd "$tmp" && bash remind_scenario.sh) >"$tmp/actual" 2>&1
if [ "${JX_UPDATE:-0}" = 1 ] && [ "$backend" = sqlite ]; then
  cp "$tmp/actual" "$here/remind.expected"
  echo "updated remind.expected"
  exit 0
fi
if diff -u --label remind.expected --label "actual ($backend)" "$here/remind.expected" "$tmp/actual"; then
  echo "remind: $backend output identical to remind.expected ($(grep -c '^\$ jixiao' "$tmp/actual") commands)"
else
  exit 1
fi
