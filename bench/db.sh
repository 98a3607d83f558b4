#!/usr/bin/env bash
# bench/db.sh — the collection's speed (not a test): import throughput into SQLite and
# PostgreSQL, against the sqlite3 command-line tool importing the same rows; ranking and
# disagreement queries on a whole province; peak memory during import.
#
#   bench/db.sh --smoke     500 department-years (a quick pass)
#   bench/db.sh --full      25,000 department-years × ~70 indicators (a province)
#
# Environment: JIXIAO (binary; default build/jixiao), BENCH_RESULTS (append one JSON line
# per headline figure), BENCH_SEED (default 2023), BENCH_CACHE (where generated provinces
# are kept between runs; default ${TMPDIR:-/tmp}/jixiao-bench-db), JX_BENCH_PG_URL (a
# PostgreSQL server to use; default: a throwaway one from scripts/pg-test-server.sh).
# Prints a Markdown section (heading, table, explanation) on stdout; progress on stderr.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args smoke "$@"
if [ "$MODE" = full ]; then N=25000; RSS_AT="1000 5000 25000"; QUERY_RUNS=20; else N=500; RSS_AT="100 250 500"; QUERY_RUNS=5; fi
SEED=${BENCH_SEED:-2023}
JIXIAO=${JIXIAO:-$ROOT/build/jixiao}
CACHE=${BENCH_CACHE:-${TMPDIR:-/tmp}/jixiao-bench-db}
export JIXIAO_FRAMEWORKS=${JIXIAO_FRAMEWORKS:-$ROOT/frameworks} LC_ALL=C.UTF-8 TZ=UTC
say() { printf 'bench/db: %s\n' "$*" >&2; }
die() { printf 'bench/db: error: %s\n' "$*" >&2; exit 1; }
[ -x "$JIXIAO" ] || die "no executable $JIXIAO (make build)"
command -v sqlite3 >/dev/null || die "the sqlite3 command-line tool is needed for the baseline"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for the peak RSS (apt install time; scripts/install-deps.sh --tests)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-db.XXXXXX")
PG_STARTED=""
cleanup() {
  [ -n "$PG_STARTED" ] && bash "$ROOT/scripts/pg-test-server.sh" stop bench-db >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }

# ---- the province --------------------------------------------------------------------
# The one place that makes department-years: `jixiao gen` (unique 单位编码 per unit,
# departments.csv with the hierarchy beside the files).
generate() { # N DIR
  "$JIXIAO" gen --departments "$1" --seed "$SEED" --faults 0 --projects 0 -o "$2" >&2
}
PROV=$CACHE/jixiao-gen-$N-$SEED
if [ ! -f "$PROV/.done" ]; then
  say "generating $N department-years (seed $SEED) into $PROV — once; kept for the next run"
  rm -rf "$PROV"
  mkdir -p "$PROV"
  generate "$N" "$PROV/files"
  touch "$PROV/.done"
fi
mapfile -t FILES < <(find "$PROV/files" -name '*.yaml' | sort)
[ "${#FILES[@]}" -ge "$N" ] || die "expected $N files in $PROV/files, found ${#FILES[@]}"
# The hierarchy: one bureau, one 主管部门 per 100 units.
{
  echo "code,name,parent,level"
  echo "S0,省财政厅,,bureau"
  for ((a = 0; a < (N + 99) / 100; a++)); do echo "S$((a + 1)),主管部门$((a + 1)),S0,authority"; done
  for ((i = 0; i < N; i++)); do printf 'P%05d,单位%05d,S%d,unit\n' "$i" "$i" $((i / 100 + 1)); done
} >"$WORK/departments.csv"
BYTES=$(cat "${FILES[@]}" | wc -c)
say "checking the files once (parse + evaluate, no database): the part of an import that is not storage"
t=$(now_ns)
"$JIXIAO" check "${FILES[@]}" >"$WORK/check.out" || true
CHECK_MS=$(ms_since "$t")

# ---- imports ------------------------------------------------------------------------------
import_into() { # TARGET LOG — prints milliseconds
  "$JIXIAO" db --db "$1" departments "$WORK/departments.csv" >/dev/null
  local t
  t=$(now_ns)
  "$JIXIAO" db --db "$1" import -q --user bench "${FILES[@]}" >"$2" 2>&1 || die "import into $1 failed: $(tail -n 3 "$2")"
  ms_since "$t"
}
say "importing into SQLite"
SQ_DB=$WORK/province.db
SQ_MS=$(import_into "$SQ_DB" "$WORK/sqlite.log")
ROWS=$(sqlite3 "$SQ_DB" "SELECT COUNT(*) FROM indicator")
DYS=$(sqlite3 "$SQ_DB" "SELECT COUNT(*) FROM department_year")
[ "$DYS" = "$N" ] || die "SQLite holds $DYS department-years, expected $N"

PG_URL=${JX_BENCH_PG_URL:-}
if [ -z "$PG_URL" ]; then
  if PG_URL=$(bash "$ROOT/scripts/pg-test-server.sh" start bench-db 2>/dev/null); then PG_STARTED=1; else PG_URL=""; fi
fi
PG_MS=""
if [ -n "$PG_URL" ]; then
  PG_DB=$(bash "$ROOT/scripts/pg-test-server.sh" newdb "$PG_URL" "bench_$$")
  say "importing into PostgreSQL"
  PG_MS=$(import_into "$PG_DB" "$WORK/pg.log")
else
  say "no PostgreSQL server: PostgreSQL figures skipped"
fi

# ---- the baseline: the sqlite3 tool importing the same rows as CSV -------------------------
# (a) the indicator rows alone, into a table of the same columns and key (not STRICT: .import
#     writes empty cells as '', which STRICT refuses), WAL, one transaction: the floor of
#     writing these rows; (b) the same data jixiao stores — the indicator rows plus every
#     file's bytes — which is the fair comparison for an import that keeps the exact file.
say "baseline: sqlite3 .import"
sqlite3 -csv "$SQ_DB" "SELECT version, seq, project, level1, level2, name, nature, target, unit, weight, actual,
  actual_value, self_score, score, met, attainment FROM indicator ORDER BY version, seq" >"$WORK/indicators.csv"
sqlite3 -csv "$SQ_DB" "SELECT d.department, d.year, v.content FROM department_year d JOIN version v ON v.dy = d.id" >"$WORK/files.csv"
baseline() { # WITH_FILES — prints milliseconds
  rm -f "$WORK/base.db"*
  {
    echo "PRAGMA journal_mode=WAL;"
    echo "CREATE TABLE indicator (version INTEGER NOT NULL, seq INTEGER NOT NULL, project TEXT, level1 TEXT, level2 TEXT,
      name TEXT NOT NULL, nature TEXT, target TEXT, unit TEXT, weight INTEGER, actual TEXT, actual_value INTEGER,
      self_score INTEGER, score INTEGER, met INTEGER, attainment TEXT, PRIMARY KEY (version, seq));"
    echo "CREATE TABLE file (department TEXT, year INTEGER, content TEXT);"
    echo ".mode csv"
    echo ".import $WORK/indicators.csv indicator"
    [ "$1" = 1 ] && echo ".import $WORK/files.csv file"
  } >"$WORK/base.sql"
  local t
  t=$(now_ns)
  sqlite3 "$WORK/base.db" <"$WORK/base.sql" >/dev/null
  ms_since "$t"
}
BASE_ROWS_MS=$(baseline 0)
BASE_ALL_MS=$(baseline 1)

# ---- queries ---------------------------------------------------------------------------------
median_ms() { # COMMAND... — median wall time of QUERY_RUNS runs, in ms (one decimal)
  local i times=()
  "$@" >/dev/null 2>&1 || die "query failed: $*"
  for ((i = 0; i < QUERY_RUNS; i++)); do
    local t
    t=$(now_ns)
    "$@" >/dev/null
    times+=($(( ($(now_ns) - t) / 100000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 10 }'
}
say "queries on the province"
Q_RANK_SQ=$(median_ms "$JIXIAO" db --db "$SQ_DB" rank --year 2023)
Q_FLAGS_SQ=$(median_ms "$JIXIAO" db --db "$SQ_DB" flags --year 2023)
Q_RANKA_SQ=$(median_ms "$JIXIAO" db --db "$SQ_DB" rank --year 2023 --level authority)
ONE_CODE=$(sed -n 's/^  code: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$(ls "$PROV"/files/dept-*.yaml | head -n 1)" | head -n 1)
Q_START=$(median_ms "$JIXIAO" db --db "$SQ_DB" show "$ONE_CODE" 2023)
if [ -n "$PG_MS" ]; then
  Q_RANK_PG=$(median_ms "$JIXIAO" db --db "$PG_DB" rank --year 2023)
  Q_FLAGS_PG=$(median_ms "$JIXIAO" db --db "$PG_DB" flags --year 2023)
fi

# ---- memory: peak RSS importing 1/5, 1/25 … of the province -----------------------------------
say "peak RSS during import"
RSS=()
for k in $RSS_AT; do
  rm -f "$WORK/rss.db"*
  "$JIXIAO" db --db "$WORK/rss.db" init >/dev/null
  /usr/bin/time -f %M -o "$WORK/rss.txt" "$JIXIAO" db --db "$WORK/rss.db" import -q --user bench "${FILES[@]:0:$k}" >/dev/null 2>&1
  RSS+=("$k files: $(tail -n 1 "$WORK/rss.txt") KB")
done

# ---- report ------------------------------------------------------------------------------------
SQ_DYS=$(rate "$N" "$SQ_MS")
SQ_ROWS=$(rate "$ROWS" "$SQ_MS")
STORE_MS=$((SQ_MS - CHECK_MS))
[ "$STORE_MS" -ge 1 ] || STORE_MS=1
SQ_STORE_ROWS=$(rate "$ROWS" "$STORE_MS")
BASE_ROWS=$(rate "$ROWS" "$BASE_ROWS_MS")
BASE_ALL=$(rate "$ROWS" "$BASE_ALL_MS")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
FAIR=$(rate "$ROWS" $((CHECK_MS + BASE_ALL_MS)))
R_FAIR=$(ratio "$SQ_ROWS" "$FAIR")
R_ROWS=$(ratio "$SQ_ROWS" "$BASE_ROWS")
R_ALL=$(ratio "$SQ_ROWS" "$BASE_ALL")
R_STORE=$(ratio "$SQ_STORE_ROWS" "$BASE_ALL")
if [ -n "$PG_MS" ]; then PG_DYS=$(rate "$N" "$PG_MS"); PG_ROWS=$(rate "$ROWS" "$PG_MS"); fi

echo "### Collection: import and queries ($N department-years, $ROWS indicator rows, $((BYTES / 1048576)) MB)"
echo
echo "| measure | SQLite | PostgreSQL | baseline / target |"
echo "| --- | --: | --: | --- |"
echo "| import, department-years/s | $SQ_DYS | ${PG_DYS:-–} | |"
echo "| import, indicator rows/s (end to end: parse, check, score, store) | $SQ_ROWS | ${PG_ROWS:-–} | the same work with the stock tools — \`jixiao check\` + sqlite3 \`.import\` of the rows and file bytes: $FAIR rows/s → **${R_FAIR}×** (target ≥ 0.70) |"
echo "| against \`.import\` alone | | | rows + file bytes: $BASE_ALL rows/s → ${R_ALL}×; rows only: $BASE_ROWS rows/s → ${R_ROWS}× |"
echo "| storage alone (import − \`check\` of the same files, ${CHECK_MS} ms) | $SQ_STORE_ROWS rows/s | | ${R_STORE}× the rows + bytes baseline |"
echo "| \`db rank --year 2023\` (whole process) | ${Q_RANK_SQ} ms | ${Q_RANK_PG:-–} ms | < 50 ms |"
echo "| \`db flags --year 2023\` (whole process) | ${Q_FLAGS_SQ} ms | ${Q_FLAGS_PG:-–} ms | < 50 ms |"
echo "| \`db rank --level authority\` | ${Q_RANKA_SQ} ms | | |"
echo "| \`db show $ONE_CODE 2023\`: one department-year (process start, open, lookups) | ${Q_START} ms | | |"
echo "| peak RSS of the import process | $(printf '%s; ' "${RSS[@]}" | sed 's/; $//') | | flat |"
echo
echo "Each file is parsed, checked and scored exactly as \`jixiao check\` does, then written all or nothing"
echo "(SQLite: a savepoint per department-year, 256 files per transaction; PostgreSQL: 64 files per"
echo "transaction, sent in pipeline mode, one round trip per file, a batch that fails is imported again):"
echo "its exact bytes, ~70 indicator rows, money, scores and history. The sqlite3 tool's"
echo "\`.import\` cannot read the files, so the fair baseline is the same work done with the stock tools:"
echo "\`jixiao check\` on the files (${CHECK_MS} ms), then \`.import\` of the same rows and the file bytes"
echo "(${BASE_ALL_MS} ms); \`.import\` alone is the floor of writing those rows. Queries are timed as whole processes"
echo "(start, load the backend module, open, check the schema version, query, print), median of"
echo "$QUERY_RUNS runs; ranking and flags read one row per department-year, in code order through the"
echo "index \`department_year_code\` (scores and names are kept on \`department_year\`, migration 4), and print"
echo "every department-year."

if [ -n "${BENCH_RESULTS:-}" ]; then
  {
    printf '{"workload":"db-import-sqlite","value":%s,"unit":"indicator rows/s","baseline":%s,"ratio":%s,"target":"≥ 0.70"}\n' "$SQ_ROWS" "$FAIR" "$R_FAIR"
    printf '{"workload":"db-import-sqlite-dy","value":%s,"unit":"department-years/s","baseline":null,"ratio":null,"target":null}\n' "$SQ_DYS"
    [ -n "$PG_MS" ] && printf '{"workload":"db-import-pg","value":%s,"unit":"indicator rows/s","baseline":%s,"ratio":%s,"target":"≥ 0.70"}\n' "$PG_ROWS" "$FAIR" "$(ratio "$PG_ROWS" "$FAIR")"
    printf '{"workload":"db-rank-sqlite","value":%s,"unit":"ms","baseline":null,"ratio":null,"target":"< 50 ms"}\n' "$Q_RANK_SQ"
    printf '{"workload":"db-flags-sqlite","value":%s,"unit":"ms","baseline":null,"ratio":null,"target":"< 50 ms"}\n' "$Q_FLAGS_SQ"
    [ -n "$PG_MS" ] && printf '{"workload":"db-rank-pg","value":%s,"unit":"ms","baseline":null,"ratio":null,"target":"< 50 ms"}\n' "$Q_RANK_PG"
    [ -n "$PG_MS" ] && printf '{"workload":"db-flags-pg","value":%s,"unit":"ms","baseline":null,"ratio":null,"target":"< 50 ms"}\n' "$Q_FLAGS_PG"
  } >>"$BENCH_RESULTS"
fi
exit 0
