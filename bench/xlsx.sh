#!/usr/bin/env bash
# bench/xlsx.sh — how fast `jixiao import` reads a filled self-evaluation template, in
# indicator rows per second, next to python3-openpyxl reading the same file.  Not a test.
#
#   bench/xlsx.sh --smoke    2,500-row sheet, 3 runs each: quick
#   bench/xlsx.sh --full     25,000-row sheet, 11 runs each (the figures in docs/excel.md)
#
# Workloads: a generated 70-indicator department (jixiao gen) and a 25,000-indicator
# sheet (bench/xlsx/bigsheet.py), each written as a pre-filled selfeval template by
# `jixiao template`.  jixiao is timed as a whole process (start, unzip, XML, exact
# numbers, the model, the YAML written to a file); openpyxl in-process
# (bench/xlsx/openpyxl_read.py: read_only=True, values only, no interpreter start).
# Medians, wall and CPU time (perf stat task-clock when perf is installed; the headline
# uses CPU time then).  Prints a Markdown section to stdout; with $BENCH_RESULTS set,
# appends one JSON line per headline figure: {"workload":"xlsx-import","case":…,
# "value":…,"unit":"rows/s","baseline":…,"ratio":…,"target":…}.
# Environment: JIXIAO (default build/jixiao).
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args smoke "$@"
root=$ROOT
mode=--$MODE
if [ "$MODE" = full ]; then big=25000 runs=11; else big=2500 runs=3; fi
jixiao=${JIXIAO:-$root/build/jixiao}
[ -x "$jixiao" ] || { echo "bench/xlsx.sh: no $jixiao (make build first)" >&2; exit 2; }
py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "bench/xlsx.sh: python3-openpyxl is not installed" >&2; exit 2; }
export LC_ALL=C.UTF-8 TZ=UTC JIXIAO_FRAMEWORKS="$root/frameworks"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-xlsx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# the generated department-year with the most indicators (about 70) of a small province
"$jixiao" gen --departments 40 --seed 2023 -o "$tmp/gen" >/dev/null 2>&1
dept=$(grep -c '^ *nature:' "$tmp/gen"/dept-*.yaml | sort -t: -k2 -n | tail -n 1 | cut -d: -f1)
"$py" "$root/bench/xlsx/bigsheet.py" "$big" "$tmp/big.yaml"
"$jixiao" template --kind selfeval -o "$tmp/dept.xlsx" "$dept" 2>/dev/null
"$jixiao" template --kind selfeval -o "$tmp/big.xlsx" "$tmp/big.yaml" 2>/dev/null

# median wall seconds of RUNS runs of a command (after one warm-up run)
median() {
  "$@" >/dev/null 2>&1 || { echo "bench/xlsx.sh: failed: $*" >&2; exit 1; }
  local i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.6f", v[int((NR + 1) / 2)] / 1e6 }'
}

rows_of() { grep -c '^  - level1:' "$1"; }

# median CPU seconds (user + system, perf's task-clock) of RUNS runs; "" without perf
cpu_median() {
  command -v perf >/dev/null 2>&1 || return 0
  local i
  for ((i = 0; i < runs; i++)); do
    perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '$3 == "task-clock" { print $1 / 1000 }'
  done | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.6f", v[int((NR + 1) / 2)] }'
}

measure() { # label xlsx
  local label=$1 file=$2
  local t_j c_j rows o
  t_j=$(median "$jixiao" import "$file" -o "$tmp/out.yaml")
  c_j=$(cpu_median "$jixiao" import "$file" -o "$tmp/out.yaml")
  "$jixiao" import "$file" -o "$tmp/out.yaml" 2>/dev/null
  rows=$(rows_of "$tmp/out.yaml")
  o=$("$py" "$root/bench/xlsx/openpyxl_read.py" "$file" 绩效自评表 "$runs")
  local t_o c_o
  read -r t_o c_o _ <<<"$o"
  # the headline is CPU time when perf can measure it (wall time on a shared machine
  # mostly measures the other processes), else wall time
  local hj=${c_j:-$t_j} ho=$c_o basis=CPU
  [ -n "$c_j" ] || { ho=$t_o; basis=wall; }
  awk -v l="$label" -v r="$rows" -v tj="$t_j" -v cj="${c_j:-0}" -v to="$t_o" -v co="$c_o" -v hj="$hj" -v ho="$ho" \
      -v kb="$(($(stat -c %s "$file") / 1024))" 'BEGIN {
    printf "| %s | %d | %d KB | %.1f ms | %.1f ms | %.0f | %.1f ms | %.1f ms | %.0f | %.2f× |\n", l, r, kb, tj * 1000, cj * 1000, r / hj, to * 1000, co * 1000, r / ho, (r / hj) / (r / ho) }'
  if [ -n "${BENCH_RESULTS:-}" ]; then
    awk -v l="$label" -v r="$rows" -v hj="$hj" -v ho="$ho" -v b="$basis" 'BEGIN {
      printf "{\"workload\":\"xlsx-import\",\"case\":\"%s\",\"value\":%.0f,\"unit\":\"rows/s\",\"baseline\":%.0f,\"ratio\":%.2f,\"target\":\"≥ openpyxl read_only values (ratio ≥ 1), %s time\"}\n", l, r / hj, r / ho, (r / hj) / (r / ho), b }' >>"$BENCH_RESULTS"
  fi
}

echo "### Excel import (bench/xlsx.sh $mode)"
echo
echo "| workload | indicator rows | file | jixiao wall | jixiao CPU | rows/s | openpyxl wall | openpyxl CPU | rows/s | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
measure "70-indicator department" "$tmp/dept.xlsx"
measure "$big-row sheet" "$tmp/big.xlsx"
echo
echo "Medians of $runs runs on $(nproc) CPUs ($(uname -m)); rows/s and the ratio are from CPU time (user + system: perf's task-clock for jixiao, time.process_time for openpyxl) when perf is installed — on a shared machine wall time mostly measures the other processes — else from wall time. jixiao is timed as a whole process — start, unzip, XML, exact decimal numbers, the model with a cell position per field, and the YAML written to a file — while python3-openpyxl (read_only=True, values only) is timed in-process, loading the workbook and visiting every row, without the interpreter's start or the import of openpyxl; openpyxl builds no model and parses no number exactly, so the comparison favours it. The files are pre-filled self-evaluation templates written by \`jixiao template\`."
