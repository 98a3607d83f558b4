#!/usr/bin/env bash
# monitor_scenario.sh — 绩效运行监控 in the collection through `jixiao db checkpoint|monitor|alerts|followup|missing`:
# checkpoints set by the bureau, reports of each light, follow-ups opened by red and closed by a
# later green or by the bureau, every refusal (unknown unit or checkpoint, a decreasing cumulative
# figure, executed above budget, after deadline and grace), a reopening, bulk sheets (a bad one
# stores nothing), alerts and overdue units.  Every step's output and exit code printed; run by
# run_monitor.sh against SQLite and PostgreSQL, both must print monitor.expected.
# Environment: JIXIAO (binary), JIXIAO_DB (database); the current directory holds monitor-data/.
set -uo pipefail
step() { # NOW COMMAND... — run `jixiao COMMAND...` at time NOW, print it, its output and exit code
  local now=$1
  shift
  local shown="$*"
  echo "\$ jixiao ${shown//"$JIXIAO_DB"/\$JIXIAO_DB}" # the database's path or URL differs by run
  JIXIAO_NOW=$now ${JX_SPEC_WRAPPER:-} "$JIXIAO" "$@" 2>&1
  echo "[exit $?]"
}
cd monitor-data
T=2023-07-05T09:00:00Z
step $T db departments departments.csv
# the bureau sets the checkpoints: the rules' default set, a quarterly year, an explicit list
step $T db checkpoint set --year 2023 --user 财政局
step $T db checkpoint set --year 2024 --preset quarterly --deadline-days 15 --grace-days 3 --user 财政局
step $T db checkpoint set --year 2025 05-31 10-31 --user 财政局
step $T db checkpoint set --year 2025 02-30 --user 财政局
step $T db checkpoint list --year 2024
# refused: an unknown unit, a checkpoint the year does not have
step $T db monitor import --user 张会计 unknown-unit.yaml
step $T db monitor import --user 张会计 unknown-checkpoint.yaml
# 06-30: one report of each light; the red one opens a follow-up
step $T db monitor import --user 张会计 u11-0630-red.yaml u12-0630-yellow.yaml u21-0630-green.yaml
step 2023-07-06T09:00:00Z db monitor import --user 张会计 u12-0630-yellow.yaml
step 2023-07-08T09:00:00Z db monitor import --user 张会计 u12-0630-yellow-v2.yaml
step 2023-07-08T09:00:00Z db followup list --year 2023
step 2023-07-08T09:00:00Z db alerts --year 2023
# 09-30: the first school's green figures close its follow-up; the hospital turns red
step 2023-10-09T09:00:00Z db monitor import --user 张会计 u11-0930-green.yaml
step 2023-10-09T09:00:00Z db monitor import --user 李会计 u21-0930-decrease.yaml
step 2023-10-09T09:00:00Z db monitor import --user 李会计 u21-0930-red.yaml
step 2023-10-09T09:00:00Z db followup list --year 2023 --open
# executed above the budget without an adjustment; then after deadline and grace: locked
step 2023-10-09T09:00:00Z db monitor import --user 王会计 u12-0930-over.yaml
sed 's/executed: 520.00/executed: 360.00/' u12-0930-over.yaml >u12-0930.yaml
step 2023-10-20T09:00:00Z db monitor import --user 王会计 u12-0930.yaml
step 2023-10-20T09:00:00Z db monitor reopen U12 --year 2023 --checkpoint 09-30 --user 财政局
step 2023-10-20T09:00:00Z db monitor reopen U12 --year 2023 --checkpoint 09-30 --reason 系统故障未能按时报送 --user 财政局
step 2023-10-20T09:00:00Z db monitor import --user 王会计 u12-0930.yaml
sed 's/executed: 360.00/executed: 365.00/' u12-0930.yaml >u12-0930-again.yaml
step 2023-10-21T09:00:00Z db monitor import --user 王会计 u12-0930-again.yaml
step 2023-10-21T09:00:00Z db monitor history U12 --year 2023
step 2023-10-21T09:00:00Z db monitor show U11 --year 2023 --checkpoint 06-30
# 11-30 by bulk sheet: a sheet with errors stores nothing; then a good one
step 2023-12-05T09:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk-bad.csv
step 2023-12-05T09:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk-unknown.csv
step 2023-12-05T09:00:00Z db alerts --year 2023 --checkpoint 11-30
step 2023-12-05T09:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk.csv
step 2023-12-05T09:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk.csv
# a sheet's reports are kept as figures: shown as any report (two sources), and a changed
# sheet updates only the changed unit, whose history then has its sheet submission and the change
step 2023-12-05T09:00:00Z db monitor show U11 --year 2023 --checkpoint 11-30
step 2023-12-05T09:00:00Z db monitor history U21 --year 2023
step 2023-12-05T10:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk-v2.csv
step 2023-12-05T09:00:00Z db alerts --year 2023
step 2023-12-05T09:00:00Z db alerts --year 2023 --under A20
step 2023-12-05T09:00:00Z db alerts --year 2023 --light 红 --json
step 2023-12-05T09:00:00Z db alerts --year 2023 --checkpoint 06-30 --light 黄
# the bureau closes the hospital's follow-up
step 2023-12-06T09:00:00Z db followup close 2 --user 财政局
step 2023-12-06T09:00:00Z db followup close 2 --reason 已约谈并调整支出计划 --user 财政局
step 2023-12-06T09:00:00Z db followup close 2 --reason 再次关闭 --user 财政局
step 2023-12-06T09:00:00Z db followup list
step 2023-12-06T09:00:00Z db monitor history U21 --year 2023
# the units that did not report by a checkpoint's deadline
step 2023-12-20T09:00:00Z db missing --year 2023
# a sheet after the lock: every row refused, the one problem said once with its lines
step 2023-12-20T09:00:00Z db monitor import --year 2023 --checkpoint 11-30 --user 财政局 bulk-late.csv
step 2023-12-20T09:00:00Z db checkpoint list --year 2023
# the year end reads the records: the seed's claims (6、9、11月执行进度 ≥ 85%; 监控未发现问题)
# are checked against U11's stored checkpoints, and against none for a unit without reports
sed 's/code: "511132001"/code: "U11"/' seed.yaml >u11-2023.yaml
step 2024-02-01T09:00:00Z db import --user 王会计 u11-2023.yaml
sed 's/code: "511132001"/code: "U22"/' seed.yaml >u22-2023.yaml
step 2024-02-01T09:00:00Z db import --user 王会计 u22-2023.yaml
# a sheet longer than one statement: 75 units (rows go 32, 8, 2 and 1 to a statement, 45
# follow-ups with them), then a changed sheet (15 new versions) and the next checkpoint's
# green figures closing every follow-up; the long outputs are shown by their head and tail
stepsum() { # NOW LINES COMMAND... — as step, the output's first LINES lines, its last two and its line count
  local now=$1 lines=$2
  shift 2
  echo "\$ jixiao $*"
  JIXIAO_NOW=$now ${JX_SPEC_WRAPPER:-} "$JIXIAO" "$@" >out.txt 2>&1
  local rc=$?
  head -n "$lines" out.txt
  echo "…"
  tail -n 2 out.txt
  echo "（共 $(wc -l <out.txt) 行）"
  echo "[exit $rc]"
}
awk 'BEGIN { print "code,name,parent,level"; for (i = 1; i <= 75; i++) printf "U5%03d,学校%d,A10,unit\n", i, i }' >more.csv
cat departments.csv >all.csv
tail -n +2 more.csv >>all.csv
step 2026-07-05T09:00:00Z db departments all.csv
step 2026-07-05T09:00:00Z db checkpoint set --year 2026 --user 财政局
sheet() { # EXECUTED-OF-RED — the 75 units' sheet: i%5 in 0..2 red (unless EXECUTED-OF-RED is green), 3 yellow, 4 green
  awk -v red="$1" 'BEGIN {
    print "单位编码,单位名称,资金来源,全年预算数,累计执行数,全年预计执行数,偏差原因,纠偏措施"
    for (i = 1; i <= 75; i++) {
      k = i % 5; e = k <= 2 ? red : k == 3 ? 400 : 500
      printf "U5%03d,学校%d,财政拨款,1000,%d,1000,%s,%s\n", i, i, e, k <= 3 ? "采购延后" : "", k <= 3 ? "加快进度" : ""
    }
  }'
}
sheet 200 >big.csv
awk -F, -v OFS=, 'NR > 1 && substr($1, 3) % 5 == 0 { $5 = 210 } { print }' big.csv >big-v2.csv
stepsum 2026-07-05T09:00:00Z 3 db monitor import --year 2026 --checkpoint 06-30 --user 财政局 big.csv
stepsum 2026-07-05T09:00:00Z 4 db followup list --year 2026 --open
stepsum 2026-07-06T09:00:00Z 3 db monitor import --year 2026 --checkpoint 06-30 --user 财政局 big-v2.csv
stepsum 2026-07-06T09:00:00Z 4 db alerts --year 2026 --checkpoint 06-30
step 2026-07-06T09:00:00Z db monitor history U5005 --year 2026
sheet 800 | sed 's/,400,/,800,/; s/,500,/,800,/' >big-0930.csv
stepsum 2026-10-05T09:00:00Z 3 db monitor import --year 2026 --checkpoint 09-30 --user 财政局 big-0930.csv
stepsum 2026-10-05T09:00:00Z 4 db followup list --year 2026
step 2026-10-05T09:00:00Z db followup list --year 2026 --open
