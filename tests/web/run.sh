#!/usr/bin/env bash
# run.sh — runs one of the web tests (node's built-in test runner) for CTest.
#   tests/web/run.sh JIXIAO SEED FILE.test.mjs [--pg]
# --pg: against the PostgreSQL server named by $JX_TEST_PG_URL (tests/store/with_pg.sh
# sets it; skipped without one).  Exit 77 (skipped) when node, the npm packages or Chromium are
# missing; artefacts (screenshots) go to $JX_ARTIFACTS.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JIXIAO=$1 JX_SEED=$2 JX_SOURCE_DIR=$root
file=$root/tests/web/$3
# shellcheck source=../lib/require.sh
. "$root/tests/lib/require.sh"
command -v node >/dev/null || jx_missing nodejs node
case "$3" in
  e2e*|targets*|monitor*|analysis*|year*)
    [ -d "$root/web/node_modules/playwright-core" ] || jx_missing "npm (then npm ci in web/)" "web/node_modules/playwright-core"
    case "$3" in monitor*|analysis*|year*|targets*) [ -f "$root/web/node_modules/axe-core/axe.min.js" ] || jx_missing "npm (then npm ci in web/)" "web/node_modules/axe-core" ;; esac
    [ -x "${JX_CHROMIUM:-/usr/bin/chromium}" ] || jx_missing chromium "Chromium at ${JX_CHROMIUM:-/usr/bin/chromium}"
    ;;
esac
if [ "${4:-}" = --pg ]; then
  [ -n "${JX_TEST_PG_URL:-}" ] || jx_missing postgresql "a PostgreSQL test server (JX_TEST_PG_URL)"
  export JX_PG_URL=$JX_TEST_PG_URL
fi
exec node --test --test-reporter=spec "$file"
