#!/usr/bin/env bash
# decl_scenario.sh — 绩效目标申报 in the collection through `jixiao db decl` and `jixiao db library`:
# import, versions, the review steps with returns and roles, locking at 批复, an approved
# adjustment, the indicator library growing from imports.  Every step's output and exit code
# printed; run by run_decl.sh against SQLite and PostgreSQL, both must print decl.expected.
# Environment: JIXIAO (binary), JIXIAO_DB (database); the current directory holds decl-data/.
set -uo pipefail
step() { # NOW COMMAND... — run `jixiao COMMAND...` at time NOW, print it, its output and exit code
  local now=$1
  shift
  local shown="$*"
  echo "\$ jixiao ${shown//"$JIXIAO_DB"/\$JIXIAO_DB}" # the database's path or URL differs by run
  JIXIAO_NOW=$now ${JX_SPEC_WRAPPER:-} "$JIXIAO" "$@" 2>&1
  echo "[exit $?]"
}
cd decl-data
T=2022-03-01T09:00:00Z
P1=440306221390300100101
step $T db departments departments.csv
# the common frame is there before any declaration; nothing declared yet
step $T db library frame
step $T db library search 满意度
# an unknown 申报单位 is refused and nothing is stored
step $T db decl import --user 张会计 unknown-unit.yaml
step $T db decl import --user 张会计 --department NOPE p1.yaml
step $T db decl list
# a declaration, the same bytes again, a changed version
step $T db decl import --user 张会计 p1.yaml
step 2022-03-02T09:00:00Z db decl import --user 张会计 p1.yaml
step 2022-03-03T09:00:00Z db decl import --user 张会计 p1-v2.yaml
step $T db decl import --user 王会计 p2.yaml
# the library grew from both: 培训场次 twice, 产出指标/数量指标 written long falls under 产出/数量
step $T db library search 培训
step $T db library search 满意度 --level2 服务对象满意度
step $T db library search 培训 场次 --limit 1
# the workflow: each step by its role; returns need a comment
step 2022-03-10T09:00:00Z db decl review $P1 --year 2022 --user 张会计 --role officer --department SG001
step 2022-03-10T09:00:00Z db decl return $P1 --year 2022 --user 李科长 --role head --department SG000
step 2022-03-10T09:00:00Z db decl return $P1 --year 2022 --user 李科长 --role head --department SG000 --comment "培训出勤率请写明统计口径"
step 2022-03-10T09:05:00Z db decl review $P1 --year 2022 --user 李科长 --role head --department SG000
# the same file again declares it again (resubmitted as it is)
step 2022-03-11T09:00:00Z db decl import --user 张会计 p1-v2.yaml
step 2022-03-12T09:00:00Z db decl review $P1 --year 2022 --user 赵科长 --role head --department XX000
step 2022-03-12T09:00:00Z db decl review $P1 --year 2022 --user 李科长 --role head --department SG000
step 2022-03-12T10:00:00Z db decl import --user 张会计 p1.yaml
step 2022-03-15T09:00:00Z db decl review $P1 --year 2022 --user 李科长 --role head --department SG000
step 2022-03-15T09:00:00Z db decl approve $P1 --year 2022 --user 王复核 --role reviewer
step 2022-03-15T09:00:00Z db decl review $P1 --year 2022 --user 王复核 --role reviewer
step 2022-03-16T09:00:00Z db decl return $P1 --year 2022 --user 王复核 --role reviewer --comment "成本测算依据不足"
step 2022-03-17T09:00:00Z db decl import --user 张会计 p1.yaml
step 2022-03-18T09:00:00Z db decl review $P1 --year 2022 --user 李科长 --role head --department SG000
step 2022-03-19T09:00:00Z db decl review $P1 --year 2022 --user 王复核 --role reviewer
step 2022-03-20T09:00:00Z db decl approve $P1 --year 2022 --user 王复核 --role reviewer --comment "同意"
# locked: a different version is refused and nothing is stored
step 2022-04-01T09:00:00Z db decl import --user 张会计 p1-adjusted.yaml
step 2022-04-01T09:00:00Z db decl return $P1 --year 2022 --user 王复核 --comment "再退回"
step 2022-04-01T09:00:00Z db decl list --status approved
# an approved adjustment: a new locked version with the changes computed
step 2022-07-01T09:00:00Z db decl adjust p1-adjusted.yaml --user 张会计 --role officer --department SG001 --date 2022-07-01 --reason 疫情停训两个月 --approver 宝安区财政局
step 2022-07-01T09:00:00Z db decl adjust p1-adjusted.yaml --user 王复核 --date 2022-07-01 --approver 宝安区财政局
step 2022-07-01T09:00:00Z db decl adjust p1-adjusted.yaml --user 王复核 --date 2022-07-01 --reason 疫情停训两个月 --approver 宝安区财政局
step 2022-07-02T09:00:00Z db decl adjust p1-adjusted.yaml --user 王复核 --date 2022-07-02 --reason 再调一次 --approver 宝安区财政局
echo "\$ jixiao db decl export $P1 --year 2022 | sed -n '/^adjustments:/,\$p'"
"$JIXIAO" db decl export $P1 --year 2022 | sed -n '/^adjustments:/,$p'
echo "\$ jixiao db decl export $P1 --year 2022 --version 2 | cmp - p1-v2.yaml"
"$JIXIAO" db decl export $P1 --year 2022 --version 2 | cmp - p1-v2.yaml && echo "byte-identical"
step $T db decl show $P1 --year 2022
step $T db decl show $P1 --year 2022 --version 1 --csv
step $T db decl history $P1 --year 2022
step $T db decl list --year 2022 --under SG000
step $T db decl summary --year 2022
# the adjustment took back 培训场次 ≥6场 and added ≥4场
step $T db library search 培训场次
# a budget system's export: every project in one transaction, all or nothing
step $T import export-unknown-unit.csv --db "$JIXIAO_DB" --user 导入员 --year 2022
step $T db decl list --year 2022 --csv
step $T import export.csv --db "$JIXIAO_DB" --user 导入员 --year 2022
step $T import export.csv --db "$JIXIAO_DB" --user 导入员 --year 2022
step $T db decl list --year 2022 --csv
# an organisation's own library: a bad file writes nothing, a good one adds to the counts
step $T db library import library-bad.csv
step $T db library import library.csv
step $T db library search 培训场次
step $T db library search 安全感
step $T db library frame
step $T db library export
# the library as XLSX: a file is required (no XLSX on stdout); a fresh database that
# imports it exports the same CSV
step $T db library export --format xlsx
step $T db library export --format xml -o library.xml
step $T db library export --format xlsx -o library-out.xlsx
"$JIXIAO" db library export -o library-out.csv 2>/dev/null
echo "\$ JIXIAO_DB=fresh.db jixiao db library import --user 图书馆 library-out.xlsx"
JIXIAO_DB=fresh.db "$JIXIAO" db library import --user 图书馆 library-out.xlsx 2>&1
echo "[exit $?]"
echo "\$ JIXIAO_DB=fresh.db jixiao db library export | cmp - library-out.csv"
JIXIAO_DB=fresh.db "$JIXIAO" db library export | cmp - library-out.csv && echo "byte-identical"
# a year-end file against its locked declaration: db import compares the targets (JX83x)
# once the declaration is approved, not before (tests/spec/locked/ holds the files)
step $T db departments qingxi-departments.csv
step $T db decl import --user 图书馆 ../locked/library.decl.yaml
step 2023-12-20T09:00:00Z db import --user 图书馆 ../locked/differs.yaml
step 2023-03-01T09:00:00Z db decl review 599001-2023-WH-0012 --year 2023 --user 文旅局
step 2023-03-02T09:00:00Z db decl review 599001-2023-WH-0012 --year 2023 --user 王复核
step 2023-03-03T09:00:00Z db decl approve 599001-2023-WH-0012 --year 2023 --user 王复核
step 2023-12-21T09:00:00Z db import --user 图书馆 ../locked/agrees.yaml
step 2023-12-22T09:00:00Z db import --user 图书馆 ../locked/differs.yaml
