#!/usr/bin/env bash
# bench/monitor.sh — the speed of 绩效运行监控 in the collection (#18), not a test: a bulk
# sheet of one checkpoint for N units imported by `jixiao db monitor import` against the
# sqlite3 command-line tool's `.import --csv` of the same CSV into a fresh table (the
# target: jixiao at most 1.43× its time), then `jixiao db alerts` over the N units on SQLite
# and, when JX_TEST_PG_URL is set, on PostgreSQL (target: under 100 ms).
#
#   bench/monitor.sh [N]     N units (default 25000); best of 3 runs (alerts: best of 5)
#
# Environment: JIXIAO (default build/jixiao), JX_TEST_PG_URL (a PostgreSQL server, as the
# tests use: scripts/pg-test-server.sh).  Prints a Markdown section on stdout (for
# docs/performance.md, "Monitoring import and alerts"); progress on stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-25000}
JIXIAO=${JIXIAO:-$ROOT/build/jixiao}
JIXIAO=$(cd "$(dirname "$JIXIAO")" && pwd)/$(basename "$JIXIAO")
[ -x "$JIXIAO" ] || { echo "bench/monitor.sh: no $JIXIAO (make build first)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench/monitor.sh: the sqlite3 tool is needed for the baseline" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/monitor.sh: /usr/bin/time is needed (apt install time; scripts/install-deps.sh --tests)" >&2; exit 2; }
export LC_ALL=C.UTF-8 TZ=UTC JIXIAO_NOW=2023-07-05T09:00:00Z
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-monitor.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
say() { printf 'bench/monitor: %s\n' "$*" >&2; }

# ---- the inputs: a departments table and one bulk sheet ----------------------------------
awk -v n="$N" 'BEGIN {
  print "code,name,parent,level" > "departments.csv"
  print "B00,市财政局,,bureau" > "departments.csv"
  for (a = 0; a < 50; a++) printf "A%03d,主管部门%d,B00,authority\n", a, a > "departments.csv"
  print "单位编码,单位名称,资金来源,全年预算数,累计执行数,全年预计执行数,偏差原因,纠偏措施" > "bulk.csv"
  srand(2023)
  for (i = 0; i < n; i++) {
    printf "U%06d,单位%d,A%03d,unit\n", i, i, i % 50 > "departments.csv"
    b = 100 + int(rand() * 4900); e = int(b * (0.25 + rand() * 0.35)); f = b
    cause = ""; fix = ""
    if (e * 100 < b * 35) { cause = "项目招标延后"; fix = "加快采购进度" }
    printf "U%06d,单位%d,财政拨款,%d.00,%d.00,%d.00,%s,%s\n", i, i, b, e, f, cause, fix > "bulk.csv"
  }
}'
say "$N units, bulk.csv $(du -k bulk.csv | cut -f1) KB"
JIXIAO_DB=prepared.db "$JIXIAO" db departments departments.csv >/dev/null
JIXIAO_DB=prepared.db "$JIXIAO" db checkpoint set --year 2023 --user bench >/dev/null

# best of 3: "wall cpu" in ms, of a command run in a fresh copy each time
best() { # SETUP-COMMAND COMMAND...
  local setup=$1 bw=999999 bc=999999
  shift
  for _ in 1 2 3; do
    eval "$setup"
    /usr/bin/time -f "%e %U %S" -o t.out "$@" >/dev/null 2>err.out || { cat err.out >&2; exit 1; }
    read -r w u s <t.out
    w=$(awk -v x="$w" 'BEGIN { printf "%d", x * 1000 }')
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')
    [ "$w" -lt "$bw" ] && bw=$w
    [ "$c" -lt "$bc" ] && bc=$c
  done
  echo "$bw $bc"
}
say "sqlite3 .import"
read -r sw sc < <(best 'rm -f base.db' sqlite3 base.db '.import --csv bulk.csv t')
say "jixiao db monitor import"
read -r jw jc < <(best 'rm -f x.db*; cp prepared.db x.db' env JIXIAO_DB=x.db "$JIXIAO" db monitor import -q --year 2023 \
  --checkpoint 06-30 --user bench bulk.csv)
JIXIAO_DB=x.db "$JIXIAO" db monitor import -q --year 2023 --checkpoint 06-30 --user bench bulk.csv >/dev/null 2>&1 || true

alerts_ms() { # best of 5, wall ms
  local b=999999
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    JIXIAO_DB=$1 "$JIXIAO" db alerts --year 2023 >/dev/null
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    [ "$ms" -lt "$b" ] && b=$ms
  done
  echo "$b"
}
say "alerts (sqlite)"
as=$(alerts_ms x.db)
ap="—"
if [ -n "${JX_TEST_PG_URL:-}" ]; then
  say "alerts (postgresql)"
  url=$(bash "$ROOT/scripts/pg-test-server.sh" newdb "$JX_TEST_PG_URL" "bench_monitor_$$")
  JIXIAO_DB=$url "$JIXIAO" db departments departments.csv >/dev/null
  JIXIAO_DB=$url "$JIXIAO" db checkpoint set --year 2023 --user bench >/dev/null
  t0=$(date +%s%N)
  JIXIAO_DB=$url "$JIXIAO" db monitor import -q --year 2023 --checkpoint 06-30 --user bench bulk.csv >/dev/null
  pgi=$((($(date +%s%N) - t0) / 1000000))
  ap=$(alerts_ms "$url")
  say "postgresql import ${pgi} ms (one run)"
fi

ratio=$(awk -v a="$jw" -v b="$sw" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
ratioc=$(awk -v a="$jc" -v b="$sc" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
cat <<EOF
## Monitoring import and alerts

| workload | units | jixiao wall | jixiao CPU | sqlite3 wall | sqlite3 CPU | ratio (wall / CPU) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| bulk sheet of one checkpoint (CSV) vs \`sqlite3 .import --csv\` | $N | ${jw} ms | ${jc} ms | ${sw} ms | ${sc} ms | ${ratio}× / ${ratioc}× |

| query | units | SQLite | PostgreSQL |
| --- | ---: | ---: | ---: |
| \`jixiao db alerts --year 2023\` (all lights, text) | $N | ${as} ms | ${ap}$([ "$ap" = "—" ] || echo " ms") |

\`bench/monitor.sh $N\`: best of 3 runs (alerts: best of 5), wall and CPU (user + system) of
the whole process.  jixiao reads the CSV, builds one report per unit with the model's
builders, computes its lights, checks it against the year (unit, checkpoint, lock, the
earlier checkpoint's cumulative figure) and inserts it as its figures (the report file is
written when it is read), with one history row for the sheet, all in one transaction with
prepared statements; a red light also opens a follow-up.  sqlite3 only splits the CSV into a table of text columns.
Target: jixiao at most 1.43× sqlite3's time (70% of its speed); alerts under 100 ms.
EOF
