#!/usr/bin/env bash
# bench/import.sh — how fast `jixiao import-report` reads published reports, against the
# time pdftotext alone takes on the same PDF (pdftotext is the floor for a PDF: the import
# runs it, then reads its text).  Not a test: prints a table, writes nothing to docs/.
#
#   bench/import.sh [RUNS]          (default 200 runs per measurement)
#
# Inputs: the seed as text (tests/import/ebian-cppcc-2023.txt), the same text as a PDF
# made here by tests/tools/mkpdf.c (cairo + pango, one text line per line), and the Sichuan
# table fixture.  Environment: JIXIAO (default build/jixiao).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jixiao=${JIXIAO:-$root/build/jixiao}
runs=${1:-200}
[ -x "$jixiao" ] || { echo "bench/import.sh: no $jixiao (make build first)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "bench/import.sh: pdftotext is not installed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/mkpdf" "$root/tests/tools/mkpdf.c" $(pkg-config --cflags --libs pangocairo)
cp "$root/tests/import/ebian-cppcc-2023.txt" "$tmp/seed.txt"
cp "$root/tests/import/sichuan-project-water-supply.txt" "$tmp/sichuan.txt"
"$tmp/mkpdf" "$tmp/seed.txt" "$tmp/seed.pdf"
"$tmp/mkpdf" "$tmp/sichuan.txt" "$tmp/sichuan.pdf"
export LC_ALL=C.UTF-8 JIXIAO_FRAMEWORKS="$root/frameworks"

# seconds (wall) for RUNS runs of a command; the command is run once first (warm caches)
time_runs() {
  "$@" >/dev/null 2>&1 || true
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  echo "$start $end" | awk '{ printf "%.4f", $2 - $1 }'
}

row() { # label seconds
  awk -v l="$1" -v s="$2" -v n="$runs" 'BEGIN { printf "| %-44s | %8.2f | %8.2f |\n", l, n / s, 1000 * s / n }'
}

t_start=$(time_runs "$jixiao" --version)
t_txt=$(time_runs "$jixiao" import-report "$tmp/seed.txt" -o "$tmp/out.yaml")
t_pdf=$(time_runs "$jixiao" import-report "$tmp/seed.pdf" -o "$tmp/out.yaml")
t_p2t=$(time_runs pdftotext -q -enc UTF-8 "$tmp/seed.pdf" "$tmp/out.txt")
t_sc_pdf=$(time_runs "$jixiao" import-report "$tmp/sichuan.pdf" -o "$tmp/out.yaml")
t_sc_p2t=$(time_runs pdftotext -q -enc UTF-8 "$tmp/sichuan.pdf" "$tmp/out.txt")
t_audit=$(time_runs "$jixiao" audit "$tmp/seed.pdf")

echo "import-report, $runs runs each ($(nproc) CPUs, $(uname -m)); seed: $(wc -l <"$tmp/seed.txt") lines, PDF $(stat -c %s "$tmp/seed.pdf") bytes"
echo
echo "| what | per second | ms each |"
echo "| --- | --- | --- |"
row "jixiao --version (starting the process)" "$t_start"
row "import-report seed.txt (text)" "$t_txt"
row "import-report seed.pdf (pdftotext + import)" "$t_pdf"
row "pdftotext seed.pdf alone" "$t_p2t"
row "audit seed.pdf (import + check)" "$t_audit"
row "import-report sichuan.pdf (a one-table PDF)" "$t_sc_pdf"
row "pdftotext sichuan.pdf alone" "$t_sc_p2t"
echo
awk -v a="$t_pdf" -v b="$t_p2t" -v c="$t_txt" -v s="$t_start" 'BEGIN {
  printf "seed.pdf: import-report takes %.2fx the time of pdftotext alone.\n", a / b
  printf "Reading the seed'"'"'s text (import-report seed.txt less starting the process) takes %.1f%% of pdftotext'"'"'s time.\n", 100 * (c - s) / b }'
