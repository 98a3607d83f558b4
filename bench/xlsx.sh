#!/usr/bin/env bash
# bench/xlsx.sh — how fast `jixiao import` reads a filled self-evaluation template, in
# indicator rows per second, next to python3-openpyxl reading the same file.  Not a test.
#
#   bench/xlsx.sh --smoke    2,500-row sheet, 3 runs each: quick
#   bench/xlsx.sh --full     25,000-row sheet, 11 runs each (the figures in docs/excel.md)
#
# Workloads: a generated 70-indicator department (bench/gen.py) and a 25,000-indicator
# sheet (bench/xlsx/bigsheet.py), each written as a pre-filled selfeval template by
# `jixiao template`.  jixiao is timed as a whole process (start, unzip, XML, exact
# numbers, the model, the YAML written to a file); openpyxl in-process
# (bench/xlsx/openpyxl_read.py: read_only=True, values only, no interpreter start).
# Medians.  Prints a Markdown section to stdout; with $BENCH_RESULTS set, appends one JSON
# line per headline figure: {"workload":"xlsx-import","case":…,"value":…,"unit":"rows/s",
# "baseline":…,"ratio":…,"target":…}.  Environment: JIXIAO (default build/jixiao).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:---smoke}
case "$mode" in
--smoke) big=2500 runs=3 ;;
--full) big=25000 runs=11 ;;
*) echo "usage: bench/xlsx.sh --smoke|--full" >&2; exit 2 ;;
esac
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
"$py" "$root/bench/gen.py" --departments 1 --seed 2023 --quiet -o "$tmp/gen" >/dev/null
dept=$(ls "$tmp/gen"/*.yaml | head -n 1)
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

measure() { # label xlsx
  local label=$1 file=$2
  local t_j rows o
  t_j=$(median "$jixiao" import "$file" -o "$tmp/out.yaml")
  "$jixiao" import "$file" -o "$tmp/out.yaml" 2>/dev/null
  rows=$(rows_of "$tmp/out.yaml")
  o=$("$py" "$root/bench/xlsx/openpyxl_read.py" "$file" 绩效自评表 "$runs")
  local t_o=${o% *}
  awk -v l="$label" -v r="$rows" -v tj="$t_j" -v to="$t_o" -v kb="$(($(stat -c %s "$file") / 1024))" 'BEGIN {
    printf "| %s | %d | %d KB | %.1f ms | %.0f | %.1f ms | %.0f | %.2f× |\n", l, r, kb, tj * 1000, r / tj, to * 1000, r / to, (r / tj) / (r / to) }'
  if [ -n "${BENCH_RESULTS:-}" ]; then
    awk -v l="$label" -v r="$rows" -v tj="$t_j" -v to="$t_o" 'BEGIN {
      printf "{\"workload\":\"xlsx-import\",\"case\":\"%s\",\"value\":%.0f,\"unit\":\"rows/s\",\"baseline\":%.0f,\"ratio\":%.2f,\"target\":\"≥ openpyxl read_only values (ratio ≥ 1)\"}\n", l, r / tj, r / to, (r / tj) / (r / to) }' >>"$BENCH_RESULTS"
  fi
}

echo "### Excel import (bench/xlsx.sh $mode)"
echo
echo "| workload | indicator rows | file | jixiao import | rows/s | openpyxl | rows/s | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
measure "70-indicator department" "$tmp/dept.xlsx"
measure "$big-row sheet" "$tmp/big.xlsx"
echo
echo "Median of $runs runs on $(nproc) CPUs ($(uname -m)). jixiao is timed as a whole process — start, unzip, XML, exact decimal numbers, the model with a cell position per field, and the YAML written to a file — while python3-openpyxl (read_only=True, values only) is timed in-process, loading the workbook and visiting every row, without the interpreter's start or the import of openpyxl; openpyxl builds no model and parses no number exactly, so the comparison favours it. The files are pre-filled self-evaluation templates written by \`jixiao template\`."
