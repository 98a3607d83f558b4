#!/usr/bin/env bash
# backup.sh — `jixiao db backup` under write load, then `db restore`: every import
# acknowledged before the backup started is in the restored database; restore refuses an
# existing database without --force.
#   tests/install/backup.sh JIXIAO sqlite|pg
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../store/backend.sh" backup "$1" "$2"
fail() { echo "backup ($backend): FAIL: $*"; exit 1; }
src=$here/../store/data/A001-2023.yaml
for i in $(seq -w 1 80); do sed "s/^  code: \"A001\"/  code: \"B0$i\"/" "$src" >"$tmp/B0$i.yaml"; done
"$JIXIAO" db init >/dev/null || fail "db init"
if [ "$backend" = pg ]; then
  # pg_dump takes a whole database: a database of its own (not a schema of the shared one)
  base=${JX_TEST_PG_URL%%\?*}
  dbname=jx_backup_$$
  psql -X -q "$base" -c "DROP DATABASE IF EXISTS $dbname" -c "CREATE DATABASE $dbname" || fail "create database"
  JIXIAO_DB=${base%/*}/$dbname
  restored=${base%/*}/${dbname}_r
  psql -X -q "$base" -c "DROP DATABASE IF EXISTS ${dbname}_r" -c "CREATE DATABASE ${dbname}_r" || fail "create database"
  trap 'psql -X -q "$base" -c "DROP DATABASE IF EXISTS $dbname" -c "DROP DATABASE IF EXISTS ${dbname}_r" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
  export JIXIAO_DB
  "$JIXIAO" db init >/dev/null || fail "db init"
else
  restored=$tmp/restored.db
fi
# the writer: one import after another; a line in acked for each one it was told is stored
touch "$tmp/acked"
( for i in $(seq -w 1 80); do
    "$JIXIAO" db import -q "$tmp/B0$i.yaml" >/dev/null 2>&1 && echo "B0$i" >>"$tmp/acked"
  done ) &
writer=$!
for _ in $(seq 1 200); do [ "$(wc -l <"$tmp/acked" 2>/dev/null || echo 0)" -ge 10 ] && break; sleep 0.1; done
cp "$tmp/acked" "$tmp/before"          # acknowledged before the backup started
"$JIXIAO" db backup "$tmp/backup.bin" || fail "db backup while writing"
n_before=$(wc -l <"$tmp/before")
wait "$writer"
[ "$(wc -l <"$tmp/acked")" -eq 80 ] || fail "the writer's imports failed during the backup"
# restore: refused over the live database, accepted into an empty one
if "$JIXIAO" db --db "$JIXIAO_DB" restore "$tmp/backup.bin" 2>"$tmp/refused"; then fail "restore over a database without --force"; fi
grep -q -- '--force' "$tmp/refused" || { cat "$tmp/refused"; fail "the refusal does not say --force"; }
"$JIXIAO" db --db "$restored" restore "$tmp/backup.bin" || fail "db restore"
"$JIXIAO" db --db "$restored" list --csv | cut -d, -f1 | grep '^B0' | sort >"$tmp/have"
missing=$(sort "$tmp/before" | comm -23 - "$tmp/have")
[ -z "$missing" ] || fail "acknowledged before the backup, missing after restore: $missing"
n_have=$(wc -l <"$tmp/have")
# and --force replaces it
"$JIXIAO" db --db "$restored" restore --force "$tmp/backup.bin" || fail "restore --force"
"$JIXIAO" db backup "$tmp/backup.bin" 2>/dev/null && fail "backup over an existing file without --force"
"$JIXIAO" db backup --force "$tmp/backup.bin" || fail "backup --force"
echo "backup ($backend): $n_before imports acknowledged before the backup, $n_have in the restored copy, none lost; --force required"
