#!/usr/bin/env bash
# bench/desk.sh — the reviewer's desk over HTTP on a province (#19), not a test: the first
# page of 复核工作台 (GET /api/desk, 50 rows of 25,000, sorted and cut by the database) and
# its neighbours (sorted by score, only flagged rows, a far page, the ranking tab, the
# dashboard) against `jixiao serve` on SQLite and, when a PostgreSQL server is given, on
# PostgreSQL.  Target: the desk's first page under 200 ms.
#
#   bench/desk.sh --smoke     500 units (a quick pass)
#   bench/desk.sh --full      25,000 units (a province; the default)
#
# Environment: JIXIAO (binary; default build/jixiao), BENCH_SEED (default 2023), BENCH_CACHE
# (where the generated province and its SQLite database are kept between runs; default
# ${TMPDIR:-/tmp}/jixiao-bench-desk), JX_BENCH_PG_URL or JX_TEST_PG_URL (a PostgreSQL server:
# scripts/pg-test-server.sh; none: SQLite only).  Each figure is the best and the median of
# 15 requests (wall time seen by curl, a warm server, keep-alive off).  Prints a Markdown
# section on stdout; progress on stderr.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args full "$@"
if [ "$MODE" = full ]; then N=25000; else N=500; fi
SEED=${BENCH_SEED:-2023}
RUNS=15
JIXIAO=${JIXIAO:-$ROOT/build/jixiao}
CACHE=${BENCH_CACHE:-${TMPDIR:-/tmp}/jixiao-bench-desk}
PASSWORD=bench-password-1
export JIXIAO_FRAMEWORKS=${JIXIAO_FRAMEWORKS:-$ROOT/frameworks} LC_ALL=C.UTF-8 TZ=UTC
say() { printf 'bench/desk: %s\n' "$*" >&2; }
die() { printf 'bench/desk: error: %s\n' "$*" >&2; exit 1; }
[ -x "$JIXIAO" ] || die "no executable $JIXIAO (make build)"
command -v curl >/dev/null || die "curl is needed"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-desk.XXXXXX")
SERVE_PID=""
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- the province: `jixiao gen` (its departments.csv: bureau → 主管部门 → unit) --------------
PROV=$CACHE/gen-$N-$SEED
if [ ! -f "$PROV/.done" ]; then
  say "generating $N units (seed $SEED) into $PROV — once; kept for the next run"
  rm -rf "$PROV"
  mkdir -p "$PROV"
  "$JIXIAO" gen --departments "$N" --seed "$SEED" --faults 20 --projects 0 -q -o "$PROV/files"
  touch "$PROV/.done"
fi

load() { # TARGET — departments, every file, a deadline and a reviewer
  "$JIXIAO" db --db "$1" departments "$PROV/files/departments.csv" >/dev/null
  find "$PROV/files" -name '*.yaml' -print0 | sort -z | xargs -0 "$JIXIAO" db --db "$1" import -q --user bench >/dev/null 2>&1 || true
  "$JIXIAO" db --db "$1" deadline 2023 2024-03-31 --user bench >/dev/null
  echo "$PASSWORD" | "$JIXIAO" user add bench-reviewer --role reviewer --db "$1" >/dev/null 2>&1
}
SQ_DB=$CACHE/province-$N-$SEED.db
if [ ! -f "$SQ_DB.done" ]; then
  say "importing $N department-years into SQLite (once; kept for the next run)"
  rm -f "$SQ_DB"*
  load "$SQ_DB"
  touch "$SQ_DB.done"
fi

# ---- one server, its pages timed ------------------------------------------------------------
start() { # TARGET
  "$JIXIAO" serve --db "$1" --listen 127.0.0.1:0 --threads 2 2>"$WORK/serve.log" &
  SERVE_PID=$!
  for _ in $(seq 100); do
    URL=$(sed -n 's/.*正在监听 \(http:\/\/[^ ]*\)\/ .*/\1/p' "$WORK/serve.log" | head -n 1)
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || die "serve did not start: $(cat "$WORK/serve.log")"
  curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-reviewer\",\"password\":\"$PASSWORD\"}" "$URL/api/login" >/dev/null
}
stop() {
  kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=""
}
time_page() { # PATH — "best median rows" (ms, ms, rows on the page)
  local p=$1 times=() out rows
  out=$(curl -s -b "$WORK/cookies" "$URL$p")
  rows=$(printf '%s' "$out" | grep -o '"id":' | wc -l)
  [ "$rows" -gt 0 ] || rows=$(printf '%s' "$out" | grep -o '\],\[' | wc -l)
  for _ in $(seq "$RUNS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -b "$WORK/cookies" "$URL$p")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v r="$rows" '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f %d\n", t[1], t[int((NR + 1) / 2)], r }'
}
PAGES=(
  "/api/me|baseline: the session alone"
  "/api/desk?year=2023|the desk's first page (50 rows, by code)"
  "/api/desk?year=2023&sort=total&dir=desc|sorted by computed score"
  "/api/desk?year=2023&flags=1|only rows with a flag"
  "/api/desk?year=2023&sort=name&page=400|page 400 (rows 19,951–20,000)"
  "/api/desk?year=2023&sort=change&dir=desc|sorted by the change since the previous year"
  "/api/analysis?what=rank&year=2023|ranking tab, first page"
  "/api/dashboard?year=2023|dashboard (charts and drill-down)"
)
declare -A RESULT
measure() { # LABEL TARGET
  say "timing on $1"
  start "$2"
  for entry in "${PAGES[@]}"; do
    RESULT["$1|${entry%%|*}"]=$(time_page "${entry%%|*}")
  done
  stop
}
measure sqlite "$SQ_DB"
PG_URL=${JX_BENCH_PG_URL:-${JX_TEST_PG_URL:-}}
if [ -n "$PG_URL" ]; then
  PG_DB=$(bash "$ROOT/scripts/pg-test-server.sh" newdb "$PG_URL" "bench_desk_$$")
  say "importing $N department-years into PostgreSQL"
  load "$PG_DB"
  measure postgresql "$PG_DB"
else
  say "no PostgreSQL server (JX_BENCH_PG_URL / JX_TEST_PG_URL): PostgreSQL skipped"
fi

# ---- the report -------------------------------------------------------------------------------
DYS=$(sqlite3 "$SQ_DB" "SELECT COUNT(*) FROM department_year" 2>/dev/null || echo "$N")
echo "### The reviewer's desk over HTTP ($N units, $DYS department-years)"
echo
echo "Best and median of $RUNS requests each (ms, wall time seen by curl on loopback; \`jixiao serve --threads 2\`, a warm server)."
echo
if [ -n "$PG_URL" ]; then
  echo "| request | rows | SQLite best | SQLite median | PostgreSQL best | PostgreSQL median |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
else
  echo "| request | rows | SQLite best | SQLite median |"
  echo "| --- | ---: | ---: | ---: |"
fi
for entry in "${PAGES[@]}"; do
  p=${entry%%|*} what=${entry#*|}
  read -r sb sm rows <<<"${RESULT["sqlite|$p"]}"
  if [ -n "$PG_URL" ]; then
    read -r pb pm _ <<<"${RESULT["postgresql|$p"]}"
    echo "| $what \`$p\` | $rows | $sb | $sm | $pb | $pm |"
  else
    echo "| $what \`$p\` | $rows | $sb | $sm |"
  fi
done
echo
read -r _ first _ <<<"${RESULT["sqlite|/api/desk?year=2023"]}"
verdict=$(awk -v m="$first" 'BEGIN { print (m < 200 ? "under" : "OVER") }')
echo "Target: the desk's first page under 200 ms — SQLite median $first ms: $verdict."
