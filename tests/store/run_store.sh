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
JIXIAO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
backend=$2
export JIXIAO LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-store.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case "$backend" in
sqlite) export JIXIAO_DB=$tmp/bureau.db ;;
pg)
  if [ -z "${JX_TEST_PG_URL:-}" ]; then
    if [ "${CI:-}" = true ]; then echo "run_store: CI=true but no PostgreSQL (JX_TEST_PG_URL unset)"; exit 1; fi
    echo "run_store: no PostgreSQL (JX_TEST_PG_URL unset): skipped"
    exit 77
  fi
  JIXIAO_DB=$(bash "$here/../../scripts/pg-test-server.sh" newdb "$JX_TEST_PG_URL" "scenario_$$") || exit 1
  export JIXIAO_DB
  ;;
*) echo "usage: $0 JIXIAO sqlite|pg" >&2; exit 2 ;;
esac
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
