#!/usr/bin/env bash
# run_decl.sh — the declarations scenario (decl_scenario.sh) against one backend; its output must be decl.expected.
#
#   tests/store/run_decl.sh JIXIAO sqlite|pg
#
# As run_store.sh: pg needs $JX_TEST_PG_URL (skipped, exit 77, without it unless CI=true);
# JX_UPDATE=1 rewrites decl.expected from the sqlite run (review the diff).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" decl "$1" "$2"
cp -r "$here/decl-data" "$here/decl_scenario.sh" "$tmp/"
cp -r "$here/../spec/locked" "$tmp/locked" # year-end files and their locked declaration
(cd "$tmp" && bash decl_scenario.sh) >"$tmp/actual" 2>&1
if [ "${JX_UPDATE:-0}" = 1 ] && [ "$backend" = sqlite ]; then
  cp "$tmp/actual" "$here/decl.expected"
  echo "updated decl.expected"
  exit 0
fi
if diff -u --label decl.expected --label "actual ($backend)" "$here/decl.expected" "$tmp/actual"; then
  echo "decl: $backend output identical to decl.expected ($(grep -c '^\$ jixiao' "$tmp/actual") commands)"
else
  exit 1
fi
