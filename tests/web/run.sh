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
command -v node >/dev/null || { echo "skip: node is not installed (scripts/install-deps.sh --tests)"; exit 77; }
case "$3" in
  e2e*)
    [ -d "$root/web/node_modules/playwright-core" ] || { echo "skip: web/node_modules/playwright-core missing (npm ci in web/)"; exit 77; }
    [ -x "${JX_CHROMIUM:-/usr/bin/chromium}" ] || { echo "skip: no Chromium at ${JX_CHROMIUM:-/usr/bin/chromium}"; exit 77; }
    ;;
esac
if [ "${4:-}" = --pg ]; then
  [ -n "${JX_TEST_PG_URL:-}" ] || { echo "skip: no PostgreSQL test server (JX_TEST_PG_URL)"; exit 77; }
  export JX_PG_URL=$JX_TEST_PG_URL
fi
exec node --test --test-reporter=spec "$file"
