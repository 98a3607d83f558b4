#!/usr/bin/env bash
# scenario.sh — one bureau's year through `jixiao db`, every step's output and exit code printed.
# Run by run_store.sh against SQLite and PostgreSQL: both must print exactly scenario.expected.
# Environment: JIXIAO (binary), JIXIAO_DB (database), the current directory is tests/store/.
set -uo pipefail
step() { # NOW COMMAND... — run `jixiao COMMAND...` at time NOW, print it, its output and exit code
  local now=$1
  shift
  echo "\$ jixiao $*"
  JIXIAO_NOW=$now ${JX_SPEC_WRAPPER:-} "$JIXIAO" "$@" 2>&1
  echo "[exit $?]"
}
T1=2024-03-01T09:00:00Z
step $T1 db init | sed 's/（sqlite）$/（后端名）/; s/（postgresql）$/（后端名）/' # the one line that names the backend
step $T1 db departments departments.csv
step $T1 db departments bad-departments.csv # opens with a UTF-8 BOM (skipped); one code holds a quote and a space
# a code that is not 1-63 letters, digits, - _ . is refused on every way in (docs/format.md)
step $T1 db import --user 张会计 --department 'A1"; x' data/A001-2023.yaml
step $T1 db departments --csv
step $T1 db import --user 张会计 data/A001-2023.yaml data/A002-2023.yaml data/B001-2023.yaml data/A001-2022.yaml data/B001-2022.yaml
# the same bytes again: nothing changes
step 2024-03-02T09:00:00Z db import --user 张会计 data/A001-2023.yaml
# an edit based on version 1: version 2 with its field history; a second edit based on version 1 is stale
step 2024-03-03T10:00:00Z db import --user 张会计 --expect-version 1 data/A001-2023-v2.yaml
step 2024-03-03T10:05:00Z db import --user 李会计 --expect-version 1 data/A001-2023.yaml
step 2024-03-03T10:06:00Z db history A001 2023
echo '$ jixiao db export A001 2023 --version 1 | cmp - data/A001-2023.yaml'
JIXIAO_NOW=$T1 "$JIXIAO" db export A001 2023 --version 1 | cmp - data/A001-2023.yaml && echo "byte-identical"
echo '$ jixiao db export A001 2023 -o exported.yaml && jixiao check exported.yaml'
"$JIXIAO" db export A001 2023 -o exported.yaml && "$JIXIAO" check exported.yaml | tail -n 1
rm -f exported.yaml
# the review workflow
step $T1 db deadline 2024 2024-31-03
step $T1 db deadline 2023 2024-03-31
step 2024-03-20T08:00:00Z db submit --user 张会计 A001 2023
step 2024-04-03T16:00:00Z db submit --user 王会计 A002 2023
step 2024-04-03T16:00:00Z db approve --user 财政局 B001 2023
step 2024-04-05T09:00:00Z db return --user 财政局 A001 2023
step 2024-04-05T09:00:00Z db return --user 财政局 A001 2023 --comment "建设高标准农田=请补充验收报告" --comment "佐证材料不全"
step 2024-04-06T09:00:00Z db import --user 张会计 data/A001-2023-bad.yaml
step 2024-04-06T09:10:00Z db submit --user 张会计 A001 2023
step 2024-04-07T09:00:00Z db import --user 张会计 -q data/A001-2023-v2.yaml
step 2024-04-07T10:00:00Z db submit --user 张会计 --expect-version 3 A001 2023
step 2024-04-07T10:00:00Z db submit --user 张会计 --expect-version 4 A001 2023
step 2024-04-08T09:00:00Z db import --user 张会计 data/A001-2023.yaml
# the approval chain by level: 单位审核, 主管部门审核 (A001's is G01), 财政局审核; a publish too early is refused
step 2024-04-08T10:00:00Z db approve --user 单位负责人 A001 2023
step 2024-04-08T10:00:00Z db publish --user 财政局 A001 2023
step 2024-04-08T11:00:00Z db approve --user 主管部门 A001 2023
step 2024-04-08T12:00:00Z db approve --user 财政局 A001 2023
# a higher level withdraws a lower level's approval: a reason is required; the year awaits that level again
step 2024-04-08T13:00:00Z db unapprove --user 财政局 --level authority A001 2023
step 2024-04-08T13:00:00Z db unapprove --user 财政局 --level authority A001 2023 --comment "主管部门未核实验收报告"
step 2024-04-08T14:00:00Z db approve --user 主管部门 A001 2023
step 2024-04-08T15:00:00Z db approve --user 财政局 A001 2023
step 2024-04-09T10:00:00Z db publish --user 财政局 A001 2023
step 2024-04-09T11:00:00Z db approve --user 单位负责人 A002 2023
step 2024-04-09T11:00:00Z db approve --user 主管部门 A002 2023
step 2024-04-09T11:00:00Z db approve --user 财政局 A002 2023
step 2024-04-09T11:00:00Z db publish --user 财政局 A002 2023
# published data is read-only; a correction is a new, visible version
step 2024-05-01T09:00:00Z db import --user 张会计 data/A001-2023.yaml
step 2024-05-01T09:00:00Z db import --user 张会计 --correction "高标准农田面积按验收报告更正" data/A001-2023.yaml
step 2024-05-02T09:00:00Z db rectify --user 财政局 A001 2023 "佐证材料归档不规范"
step 2024-05-02T09:00:00Z db rectify --user 财政局 B001 2023 "未公开的年度"
step 2024-06-01T09:00:00Z db rectify-close --user 张会计 1 "已按档案管理办法重新归档"
step 2024-06-01T09:00:00Z db rectify-close --user 张会计 1 "再关一次"
step $T1 db show A001 2023
step $T1 db history A001 2023
step $T1 db rectifications
step $T1 db status --year 2023
step $T1 db list
# what a bureau asks
step $T1 db rank --year 2023
step $T1 db rank --year 2023 --level authority
step $T1 db rank --year 2023 --by 目标管理 --csv
step $T1 db rank --year 2023 --under G02 --json
step $T1 db stats --year 2023
step $T1 db flags --year 2023
step $T1 db yoy --year 2023
step $T1 db missing --year 2023
step $T1 db totals --year 2023
step $T1 db totals --year 2023 --under G02 --csv
# a project self-evaluation is a department-year of its own kind
step $T1 db import --user 项目办 data/project-599001-2023.yaml
step $T1 db list --year 2023 --under 599001 --json
echo '$ jixiao db export 599001 2023 --kind project:599001-2023-WH-0012 | cmp - data/project-599001-2023.yaml'
"$JIXIAO" db export 599001 2023 --kind project:599001-2023-WH-0012 | cmp - data/project-599001-2023.yaml && echo "byte-identical"
step $T1 db export 599001 2023
step $T1 db opendata opendata-out
echo '$ head -c 600 opendata-out/scores.csv; wc -l opendata-out/*.csv'
head -c 600 opendata-out/scores.csv
(cd opendata-out && wc -l ./*.csv)
rm -rf opendata-out
# an incomplete department-year (one actual left out: 未计分) has no total and no grade: rank and stats
# leave it out and say so, list and show print 不完整
step $T1 db import --user 档案馆 data/C001-2023.yaml
step $T1 db rank --year 2023
step $T1 db rank --year 2023 --level authority
step $T1 db stats --year 2023
step $T1 db list --year 2023 --under G01
step $T1 db list --year 2023 --under C001 --json
step $T1 db show C001 2023
# usage errors
step $T1 db rank
step $T1 db frobnicate
step $T1 db export A001 2023 --version 9
step $T1 db show Z999 2023
