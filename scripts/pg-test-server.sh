#!/usr/bin/env bash
# pg-test-server.sh — a throwaway PostgreSQL cluster for the tests, on loopback.
#
#   scripts/pg-test-server.sh start [KEY]   start it (idempotent); prints the URL
#   scripts/pg-test-server.sh url [KEY]     print the URL of a running one (exit 1 if none)
#   scripts/pg-test-server.sh stop [KEY]    stop it and remove its directory
#   scripts/pg-test-server.sh newdb URL NAME  create a fresh schema NAME in the cluster of
#                                           URL and print a URL whose search_path is it
#
# KEY (default: this checkout's path) names the cluster: one per build directory, so that
# `make test`, `make asan` and `make valgrind` — and two worktrees — never share a data
# directory or a port.  The cluster lives in ${TMPDIR:-/tmp}/jixiao-pg-<hash of KEY>, listens on
# 127.0.0.1 only, on a port derived from the hash (the next free one if taken, also when
# it is taken between the check and the server's start), with
# trust authentication for loopback connections, and holds one database, jixiao_test.
# initdb refuses to run as root: as root the cluster is run by the `postgres` user.
# PostgreSQL binaries: $PG_BIN, else /usr/lib/postgresql/*/bin, else $PATH.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:-}
key=${2:-$root}

pg_bin=${PG_BIN:-}
if [ -z "$pg_bin" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin=$d; done
fi
if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then pg_bin=$(dirname "$(command -v initdb)"); fi

hash=$(printf '%s' "$key" | cksum | cut -d' ' -f1)
dir=${TMPDIR:-/tmp}/jixiao-pg-$hash
data=$dir/data

as_owner() { # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
db_user() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

url_of() { echo "postgresql://$(db_user)@127.0.0.1:$(cat "$dir/port")/jixiao_test?sslmode=disable"; }

running() { [ -f "$dir/port" ] && [ -f "$data/postmaster.pid" ] && as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
start)
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || {
    echo "pg-test-server: PostgreSQL server binaries not found (apt-get install postgresql-15, or set PG_BIN)" >&2
    exit 1
  }
  if running; then url_of; exit 0; fi
  # A leftover of an interrupted run: start afresh.
  if [ -d "$dir" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$pg_bin/initdb" -D "$data" -U "$(db_user)" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # Below Linux's ephemeral range (32768–60999), which other processes' connections take
  # from; a port taken between the check and the server's bind is tried again on the next.
  port=$((20000 + hash % 12000))
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "include_if_exists = 'port.conf'"
    echo "unix_socket_directories = '$dir'"
    echo "fsync = off"            # a throwaway cluster: durability is not what is tested here
    echo "full_page_writes = off"
    echo "max_connections = 100"
    echo "shared_buffers = 64MB"
  } | as_owner tee -a "$data/postgresql.conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_owner tee "$data/pg_hba.conf" >/dev/null
  started=0
  for _ in $(seq 1 50); do
    port_free "$port" || { port=$((port + 1)); continue; }
    echo "port = $port" | as_owner tee "$data/port.conf" >/dev/null
    if as_owner "$pg_bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
      started=1
      break
    fi
    grep -q 'could not bind\|Address already in use' "$dir/server.log" || break
    port=$((port + 1))
  done
  if [ "$started" -ne 1 ]; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "$port" >"$dir/port"
  as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U "$(db_user)" jixiao_test
  url_of
  ;;
url)
  running || { echo "pg-test-server: not running ($dir)" >&2; exit 1; }
  url_of
  ;;
stop)
  if [ -d "$data" ]; then as_owner "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
newdb)
  base=${2:?URL}
  name=${3:?NAME}
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "pg-test-server: bad schema name $name" >&2; exit 2; }
  psql -q -X -v ON_ERROR_STOP=1 "$base" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $name CASCADE; CREATE SCHEMA $name;" >/dev/null
  sep='?'
  case "$base" in *\?*) sep='&' ;; esac
  echo "${base}${sep}options=-csearch_path%3D$name"
  ;;
*)
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
  ;;
esac
