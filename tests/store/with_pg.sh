#!/usr/bin/env bash
# with_pg.sh — give the store tests a PostgreSQL server (CTest fixture and wrapper).
#
#   with_pg.sh KEY --start     start the cluster of KEY (the build directory) unless
#                              $JX_TEST_PG_URL already names a server; exit 77 (skipped)
#                              when PostgreSQL is not installed — a failure when CI=true
#   with_pg.sh KEY --stop      stop it (nothing when $JX_TEST_PG_URL was given)
#   with_pg.sh KEY CMD ARGS…   run CMD with $JX_TEST_PG_URL set to that server when it runs
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server="$here/../../scripts/pg-test-server.sh"
key=$1
shift
case "${1:-}" in
--start)
  [ -n "${JX_TEST_PG_URL:-}" ] && { echo "using JX_TEST_PG_URL"; exit 0; }
  if url=$(bash "$server" start "$key"); then
    echo "PostgreSQL test server: $url"
    exit 0
  fi
  if [ "${CI:-}" = true ]; then
    echo "with_pg: CI=true and PostgreSQL could not be started: the store tests must run against it" >&2
    exit 1
  fi
  echo "with_pg: PostgreSQL not available: the store tests run against SQLite only" >&2
  exit 77
  ;;
--stop)
  [ -n "${JX_TEST_PG_URL:-}" ] && exit 0
  bash "$server" stop "$key"
  ;;
*)
  if [ -z "${JX_TEST_PG_URL:-}" ] && url=$(bash "$server" url "$key" 2>/dev/null); then
    export JX_TEST_PG_URL=$url
  fi
  exec "$@"
  ;;
esac
