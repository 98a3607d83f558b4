#!/usr/bin/env bash
# bench/decl-import.sh — how fast `jixiao import` reads a budget system's export of
# declarations (#17), in indicator rows per second, against python3-openpyxl loading the
# same workbook (read_only=True) and visiting every cell.  Not a test.
#
#   bench/decl-import.sh --smoke   the real export 3 runs, a 10,000-row export 1 run
#   bench/decl-import.sh --full    the real export 10 runs, a 100,000-row export 3 runs
#
# Inputs: the real Shenzhen Songgang export (tests/decl-import/, 118 projects, 1,193
# indicator rows, two sheets and a joined one) and a synthetic export (projects × 20
# indicator rows, the same shapes of 指标值) that this script writes with openpyxl, as XLSX
# (two sheets) and as CSV (joined layout).  rows/s are from CPU time (user + system of the
# whole process, as bash's `time` counts it: for jixiao its start, the workbook module,
# unzip and XML, the model, every 指标值 read and one YAML file written per project; for
# openpyxl the interpreter's start and import too); on a shared machine wall time mostly
# measures the other processes.  Prints a Markdown section to stdout (bench/run puts it in
# docs/performance.md, "Declaration import").  Environment: JIXIAO (default build/jixiao).
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args smoke "$@"
root=$ROOT
if [ "$MODE" = full ]; then runs=10 big_runs=3 big_projects=5000; else runs=3 big_runs=1 big_projects=500; fi
big_rows=$((big_projects * 20))
jixiao=${JIXIAO:-$root/build/jixiao}
py=/usr/bin/python3
[ -x "$jixiao" ] || { echo "bench/decl-import.sh: no $jixiao (make build first)" >&2; exit 2; }
"$py" -c 'import openpyxl' 2>/dev/null || { echo "bench/decl-import.sh: $py has no openpyxl" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-decl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 JIXIAO_FRAMEWORKS="$root/frameworks"
cp "$root/tests/decl-import/shenzhen-songgang-targets-2021-2022.xlsx" "$tmp/real.xlsx"

"$py" - "$tmp" "$big_projects" <<'PY'
import csv, sys
import openpyxl
tmp, projects = sys.argv[1], int(sys.argv[2])
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
    for p in range(projects):
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

t_real=$(time_runs "$runs" "$jixiao" import "$tmp/real.xlsx" -o "$tmp/out-real")
t_real_py=$(time_runs "$runs" openpyxl_read "$tmp/real.xlsx")
t_big=$(time_runs "$big_runs" "$jixiao" import "$tmp/big.xlsx" -o "$tmp/out-big")
t_big_csv=$(time_runs "$big_runs" "$jixiao" import "$tmp/big.csv" -o "$tmp/out-csv")
t_big_py=$(time_runs "$big_runs" openpyxl_read "$tmp/big.xlsx")
files=$(find "$tmp/out-big" -name '*.yaml' | wc -l)

kb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else printf "%.0f KB", b / 1024 }'; }
line() { # label rows runs "wall cpu" ["wall cpu" of openpyxl]
  set -- "$1" "$2" "$3" $4 ${5:-}
  awk -v l="$1" -v r="$2" -v n="$3" -v w="$4" -v c="$5" -v pw="${6:-}" -v pc="${7:-}" 'BEGIN {
    js = r * n / c
    if (pc != "") { ps = sprintf("%.0f", r * n / pc); ratio = sprintf("%.1f×", js / (r * n / pc)) } else { ps = "—"; ratio = "—" }
    printf "| %s | %d | %.0f | %s | %s | %.0f ms |\n", l, r, js, ps, ratio, 1000 * w / n }'
}

echo "| input | rows | jixiao rows/s (CPU) | openpyxl rows/s (CPU) | ratio | jixiao wall per run |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
line "Shenzhen export (xlsx, $(kb "$tmp/real.xlsx"))" 1193 "$runs" "$t_real" "$t_real_py"
line "synthetic (xlsx, $(kb "$tmp/big.xlsx"))" "$big_rows" "$big_runs" "$t_big" "$t_big_py"
line "synthetic (csv, $(kb "$tmp/big.csv"), joined)" "$big_rows" "$big_runs" "$t_big_csv"
echo
echo "\`bench/decl-import.sh --$MODE\` on $(nproc) CPUs ($(uname -m)): $runs runs on the real export, $big_runs on the"
echo "synthetic one ($big_projects projects × 20 indicator rows; $files files written). The real"
echo "workbook also holds the same rows joined in a sheet \`data\` and the review sheet 审核信息,"
echo "which jixiao parses but does not read into declarations (openpyxl reads them too)."
echo "rows/s are from CPU time of the whole process (user + system): jixiao's start, the"
echo "workbook module, unzip and XML, the model, every 指标值 read and one YAML file written"
echo "per project; openpyxl's interpreter start and import, loading (read_only) and visiting"
echo "every cell. Wall time is per run; on a shared machine it mostly measures the other"
echo "processes, and for the synthetic export much of it goes to creating and renaming one"
echo "file per project (kernel file-system functions lead a \`perf\` profile, not the reading)."
