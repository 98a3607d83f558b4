#!/usr/bin/env bash
# bench/decl-import.sh — how fast `jixiao import` reads a budget system's export of
# declarations (#17), in indicator rows per second, against openpyxl only loading the same
# workbook and walking its cells (python3 -c 'openpyxl.load_workbook(…)').  Not a test:
# prints a table, writes nothing to docs/ (docs/performance.md, "Declaration import",
# holds numbers it printed).
#
# rows/s are given from CPU time (user + system, of the whole process: start, unzip, XML,
# the model, the reading of every 指标值 and the files written) and from wall time (on a
# shared machine wall time mostly measures the other processes).  openpyxl is timed as a
# whole process too (interpreter start and import included).
#
#   bench/decl-import.sh [RUNS]      (default 10 runs per measurement on the real export,
#                                     3 on the large one)
#
# Inputs: the real Shenzhen Songgang export (tests/decl-import/, 118 projects, 1,193
# indicator rows, two sheets and a joined one) and a synthetic export of 100,000 indicator
# rows (5,000 projects × 20 rows, two sheets, the same shapes of 指标值) that this script
# writes with openpyxl, as XLSX and as CSV (joined layout).  Environment: JIXIAO (default
# build/jixiao).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jixiao=${JIXIAO:-$root/build/jixiao}
runs=${1:-10}
big_runs=3
py=/usr/bin/python3
[ -x "$jixiao" ] || { echo "bench/decl-import.sh: no $jixiao (make build first)" >&2; exit 2; }
"$py" -c 'import openpyxl' 2>/dev/null || { echo "bench/decl-import.sh: $py has no openpyxl" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-decl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 JIXIAO_FRAMEWORKS="$root/frameworks"
cp "$root/tests/decl-import/shenzhen-songgang-targets-2021-2022.xlsx" "$tmp/real.xlsx"

"$py" - "$tmp" <<'PY'
import csv, sys
import openpyxl
tmp = sys.argv[1]
values = ["≥95%", "不超过28万元", "11月底前完成", "得到提升", "不适用", None, "约6.6万人次", "≧6场", "3个工作日", "100%\n",
          "总成本不超过42万元/年", "及时", "》90%", "2023年12月30日前", "不适用\t\n", None, "≤26万元\t\n", "13个社区", "良好", "满意度达到90%"]
pairs = [("产出", "数量"), ("产出", "质量"), ("产出", "时效"), ("产出", "成本"), ("效益", "经济效益"), ("效益", "社会效益"),
         ("效益", "生态效益"), ("效益", "可持续影响"), ("满意度", "服务对象满意度"), ("满意度", "其他满意度")]
ph = ["项目编码", "项目名称", "申请单位", "一级预算单位", "项目总金额", "本年金额", "政策依据", "测算依据", "年度目标"]
ih = ["项目编码", "一级指标", "二级指标", "三级指标", "指标值", "指标解释"]
wb = openpyxl.Workbook(write_only=True)
ps, ins = wb.create_sheet("项目信息"), wb.create_sheet("指标信息")
ps.append(ph); ins.append(ih)
with open(tmp + "/big.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(ph + ih[1:])
    for p in range(5000):
        code = "4403062213903%08d" % p
        prow = [code, "项目%d" % p, "某街道办事处", "某区", "900000", "300000", "依据" * 20, "2023年度申报预算包括1个支出事项。" * 3, "目标" * 30]
        ps.append(prow)
        for k in range(20):
            l1, l2 = pairs[k % 10]
            irow = [code, l1, l2, "指标%d" % k, values[k], "说明%d" % k]
            ins.append(irow)
            w.writerow(prow + irow[1:])
wb.save(tmp + "/big.xlsx")
PY

# "WALL CPU" seconds for N runs of a command (CPU: user + system of it and its children);
# the command is run once first (warm caches)
time_runs() {
  local n=$1
  shift
  "$@" >/dev/null 2>&1 || true
  local TIMEFORMAT='%R %U %S' t
  t=$( { time (for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 || true; done) ; } 2>&1 )
  echo "$t" | awk '{ printf "%.4f %.4f", $1, $2 + $3 }'
}

openpyxl_read() { # load the workbook and touch every cell's value, as a reader must
  "$py" -c 'import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = sum(1 for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)' "$1"
}

row() { # label rows runs "wall cpu"
  set -- "$1" "$2" "$3" $4
  awk -v l="$1" -v r="$2" -v n="$3" -v w="$4" -v c="$5" 'BEGIN { printf "| %-44s | %7d | %9.0f | %9.0f | %8.1f |\n", l, r, r * n / c, r * n / w, 1000 * w / n }'
}

t_real=$(time_runs "$runs" "$jixiao" import "$tmp/real.xlsx" -o "$tmp/out-real")
t_real_py=$(time_runs "$runs" openpyxl_read "$tmp/real.xlsx")
t_big=$(time_runs "$big_runs" "$jixiao" import "$tmp/big.xlsx" -o "$tmp/out-big")
t_big_csv=$(time_runs "$big_runs" "$jixiao" import "$tmp/big.csv" -o "$tmp/out-csv")
t_big_py=$(time_runs "$big_runs" openpyxl_read "$tmp/big.xlsx")

echo "declaration import ($(nproc) CPUs, $(uname -m)); real: $(stat -c %s "$tmp/real.xlsx") bytes, big: $(stat -c %s "$tmp/big.xlsx") bytes (xlsx), $(stat -c %s "$tmp/big.csv") bytes (csv)"
echo "| input                                        | rows    | rows/s CPU | rows/s wall | ms/run wall |"
echo "| -------------------------------------------- | ------- | --------- | --------- | -------- |"
row "jixiao import, Shenzhen export (xlsx)" 1193 "$runs" "$t_real"
row "openpyxl load + read, Shenzhen export" 1193 "$runs" "$t_real_py"
row "jixiao import, 100,000 rows (xlsx)" 100000 "$big_runs" "$t_big"
row "jixiao import, 100,000 rows (csv, joined)" 100000 "$big_runs" "$t_big_csv"
row "openpyxl load + read, 100,000 rows (xlsx)" 100000 "$big_runs" "$t_big_py"
echo "(the real export's workbook also holds the joined sheet data and 审核信息, which openpyxl reads and jixiao skips after their headers)"
ls "$tmp/out-big" | wc -l | awk '{ print "files written for the 100,000-row export: " $1 }'
