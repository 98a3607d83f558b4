# backend.sh — sourced by the store's test scripts: a fresh database of one backend.
#
#   . backend.sh NAME JIXIAO sqlite|pg
#
# Sets JIXIAO (absolute), backend, tmp (a private directory, removed at exit), JIXIAO_DB
# (a SQLite file in tmp, or a fresh schema of $JX_TEST_PG_URL's server) and sql() (runs
# one SQL text with the sqlite3 or psql tool).  Without $JX_TEST_PG_URL the pg case exits
# 77 (skipped) — 1 when CI=true: there PostgreSQL must be tested.
store_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
store_name=$1
JIXIAO=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
backend=$3
export JIXIAO LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-$store_name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case "$backend" in
sqlite)
  export JIXIAO_DB=$tmp/$store_name.db
  sql() { sqlite3 -batch -noheader "$JIXIAO_DB" "$1"; }
  ;;
pg)
  if [ -z "${JX_TEST_PG_URL:-}" ]; then
    # shellcheck source=../lib/require.sh
    . "$store_here/../lib/require.sh"
    jx_missing postgresql "$store_name: a PostgreSQL test server (JX_TEST_PG_URL)"
  fi
  JIXIAO_DB=$(bash "$store_here/../../scripts/pg-test-server.sh" newdb "$JX_TEST_PG_URL" "${store_name}_$$") || exit 1
  export JIXIAO_DB
  sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$JIXIAO_DB" -c "$1"; }
  ;;
*)
  echo "usage: $0 JIXIAO sqlite|pg" >&2
  exit 2
  ;;
esac
