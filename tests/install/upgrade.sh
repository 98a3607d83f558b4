#!/usr/bin/env bash
# upgrade.sh — a collection made by the first schema (tests/install/data/schema-v1.sql:
# store 1, web 1, one department-year with two versions) is migrated when this program
# opens it, keeps its data and ends at the same schema versions as a new database; one
# whose schema is newer than the program (a downgrade) is refused with a message and left
# unchanged, by `db` and by `serve`.
set -euo pipefail
J=$1
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
sqlite3 old.db <"$here/data/schema-v1.sql"
[ "$(sqlite3 old.db "SELECT group_concat(component || '=' || version) FROM schema_version")" = "store=1,web=1" ] || fail "fixture"
"$J" db --db old.db list --csv >list.csv || fail "db list on the old schema"
cat list.csv
grep -q '^A1,升级测试单位,2023,部门整体,草稿,2,' list.csv || fail "the old department-year is not listed at version 2"
"$J" db --db new.db init >/dev/null
q="SELECT group_concat(component || '=' || version) FROM (SELECT * FROM schema_version ORDER BY component)"
[ "$(sqlite3 old.db "$q")" = "$(sqlite3 new.db "$q")" ] || fail "migrated: $(sqlite3 old.db "$q"), new: $(sqlite3 new.db "$q")"
echo "migrated to $(sqlite3 old.db "$q")"
# a downgrade: the schema is one ahead of the program
sqlite3 old.db "UPDATE schema_version SET version = version + 1 WHERE component = 'store'"
sum=$(sha256sum old.db)
if "$J" db --db old.db list 2>err.txt; then fail "a newer schema was opened"; fi
grep -q '请升级 jixiao' err.txt || { cat err.txt; fail "no clear message"; }
if "$J" serve --db old.db --listen 127.0.0.1:0 2>serve.txt; then fail "serve opened a newer schema"; fi
grep -q '请升级 jixiao' serve.txt || { cat serve.txt; fail "serve: no clear message"; }
[ "$(sha256sum old.db)" = "$sum" ] || fail "the newer database was changed"
cat err.txt
echo "ok: old schema migrated with its data; newer schema refused and untouched"
