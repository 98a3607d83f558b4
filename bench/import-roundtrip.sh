#!/usr/bin/env bash
# bench/import-roundtrip.sh — issue #16 as a benchmark: how many key figures survive a report written by
# jixiao and read back by `jixiao import-report`, per format, and how fast the import reads them.
#
#   bench/import-roundtrip.sh [--full]   200 departments (`jixiao gen`, seed 2023, no faults) and
#                                        their project files
#   bench/import-roundtrip.sh --smoke    3 departments
#
# Each department-year is written as md, html, docx and pdf by `jixiao report` (two processes at
# a time), the DOCX files go to PDF through LibreOffice in one soffice process with a private
# profile ("lo.pdf"), every report is imported back (`import-report FILE -o FILE.yaml`, two at a
# time through xargs -P2) and its key figures are compared with the source by jx_figures
# (tests/tools/figures.c: year, names, finance totals, every indicator's nature, target, unit,
# weight, actual and score, the stated total; exact).  pdftotext alone on the same PDFs, two at
# a time, is the floor the PDF import is compared with.  Timing: wall time of each whole batch
# and its CPU time (user + system of every process in it); reports per second from both.
#
# Prints a Markdown section on stdout (progress on stderr).  With $BENCH_RESULTS set, appends
# JSON lines to it (bench/run's contract): per format the share of key figures kept
# (target ≥ 98%) and the import's reports per second against pdftotext alone.
# Environment: JIXIAO (default build/jixiao), JX_FIGURES (default tests/jx_figures beside the
# jixiao binary, built if missing), ROUNDTRIP_N (departments; overrides the mode),
# BENCH_SEED (2023), BENCH_KEEP=1 (keep the work directory).  Not a test: it never fails on
# a low share; it exits non-zero only when a step cannot run.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args full "$@"
export LC_ALL=C.UTF-8 TZ=UTC JIXIAO_FRAMEWORKS="$ROOT/frameworks"
if [ "$MODE" = smoke ]; then n=${ROUNDTRIP_N:-3}; else n=${ROUNDTRIP_N:-200}; fi
seed=${BENCH_SEED:-2023}
say() { printf 'bench/import-roundtrip: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

jixiao=${JIXIAO:-$ROOT/build/jixiao}
[ -x "$jixiao" ] || die "no $jixiao (make build first)"
build=$(cd "$(dirname "$jixiao")" && pwd)
figures=${JX_FIGURES:-$build/tests/jx_figures}
if [ ! -x "$figures" ]; then
  say "building jx_figures"
  cmake --build "$build" --target jx_figures >&2 || die "cannot build jx_figures in $build"
fi
command -v pdftotext >/dev/null 2>&1 || die "pdftotext is not installed (poppler-utils)"
soffice=$(command -v soffice || command -v libreoffice || true)

work=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-roundtrip.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then say "work directory kept: $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/rep" "$work/lo" "$work/imp" "$work/fig" "$work/txt"

# timed NAME CMD... : runs CMD, its stderr to $work/NAME.err; "wall cpu" seconds to $work/NAME.time
timed() {
  local name=$1
  shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" 2>"$work/$name.err" >/dev/null; } 2>"$work/$name.t" || true
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/$name.t" >"$work/$name.time"
}
wall() { cut -d' ' -f1 "$work/$1.time"; }
cpu() { cut -d' ' -f2 "$work/$1.time"; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "—" }'; }

# ---- sources, reports, LibreOffice ---------------------------------------------------------------
say "jixiao gen: $n departments (seed $seed, no faults)"
"$jixiao" gen --departments "$n" --seed "$seed" --faults 0 -q -o "$work/gen" >&2
sources=()
for f in "$work"/gen/*.yaml; do sources+=("$(basename "$f" .yaml)"); done
nfiles=${#sources[@]}
nproj=$(printf '%s\n' "${sources[@]}" | grep -c '^proj-' || true)
say "jixiao report: $nfiles files as md, html, docx, pdf (xargs -P2)"
printf '%s\n' "${sources[@]}" | sed "s|.*|$work/gen/&.yaml|" >"$work/sources.list"
timed report xargs -P2 -I{} "$jixiao" report {} --format md,html,docx,pdf -o "$work/rep" <"$work/sources.list"
for s in "${sources[@]}"; do [ -s "$work/rep/$s.pdf" ] || die "jixiao report wrote no $s.pdf: $(tail -n 3 "$work/report.err")"; done

formats=(md html docx pdf)
lo_note="LibreOffice is not installed: no lo.pdf leg"
if [ -n "$soffice" ]; then
  say "LibreOffice: $nfiles DOCX → PDF in one soffice process"
  timed lo timeout 3600 "$soffice" "-env:UserInstallation=file://$work/lo-profile" --headless --convert-to pdf \
    --outdir "$work/lo" "$work"/rep/*.docx
  missing=0
  for s in "${sources[@]}"; do
    if [ -s "$work/lo/$s.pdf" ]; then mv "$work/lo/$s.pdf" "$work/rep/$s.lo.pdf"; else missing=$((missing + 1)); fi
  done
  [ "$missing" = 0 ] || die "LibreOffice wrote $((nfiles - missing)) of $nfiles PDFs: $(tail -n 3 "$work/lo.err")"
  formats+=(lo.pdf)
  lo_note="LibreOffice ($("$soffice" --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)) converted the $nfiles DOCX files in one process in $(wall lo) s wall ($(per_s "$nfiles" "$(wall lo)") files/s)"
fi
printf 'schema: jixiao/1\n' >"$work/nothing.yaml" # what a refused import is compared as

# ---- import, pdftotext, figures --------------------------------------------------------------------
: >"$work/table.md"
: >"$work/cats.md"
: >"$work/lost.md"
for fmt in "${formats[@]}"; do
  say "import-report: $nfiles $fmt files (xargs -P2)"
  for s in "${sources[@]}"; do printf '%s\n-o\n%s\n' "$work/rep/$s.$fmt" "$work/imp/$s.$fmt.yaml"; done >"$work/$fmt.args"
  timed "imp-$fmt" xargs -P2 -n3 -d '\n' "$jixiao" import-report <"$work/$fmt.args"
  ok=0
  for s in "${sources[@]}"; do
    src=$work/gen/$s.yaml imp=$work/imp/$s.$fmt.yaml
    if [ -s "$imp" ]; then ok=$((ok + 1)); else imp=$work/nothing.yaml; fi
    printf '%s\n%s\n%s\n' "$src" "$imp" "$work/fig/$s.$fmt"
  done >"$work/$fmt.figargs"
  # shellcheck disable=SC2016 # $0.. are sh's own
  xargs -P2 -n3 -d '\n' sh -c 'exec "$0" "$1" "$2" >"$3"' "$figures" <"$work/$fmt.figargs" ||
    die "jx_figures failed on some $fmt file"
  for s in "${sources[@]}"; do sed "s|^|$s |" "$work/fig/$s.$fmt"; done >"$work/fig/$fmt.all"
  read -r matched total cats < <(awk '
    $2 == "figures:" {
      m += $4; t += $6
      for (i = 8; i <= NF; i += 2) { split($(i + 1), a, "/"); name = $i
        cm[name] += a[1]; ct[name] += a[2]; if (!(name in seen)) { seen[name] = 1; order[++k] = name } }
    }
    END { s = ""; for (j = 1; j <= k; j++) s = s sprintf(" | %d/%d", cm[order[j]], ct[order[j]])
          printf "%d %d %s\n", m, t, s }' "$work/fig/$fmt.all")
  share=$(awk -v m="$matched" -v t="$total" 'BEGIN { if (t) printf "%.1f", int(1000 * m / t) / 10; else print "0" }')
  w=$(wall "imp-$fmt") c=$(cpu "imp-$fmt")
  base="" base_cpu=""
  case $fmt in *pdf)
    say "pdftotext alone: $nfiles $fmt files (xargs -P2)"
    for s in "${sources[@]}"; do printf '%s\n%s\n' "$work/rep/$s.$fmt" "$work/txt/$s.$fmt.txt"; done >"$work/$fmt.p2t"
    timed "p2t-$fmt" xargs -P2 -n2 -d '\n' pdftotext -q -enc UTF-8 <"$work/$fmt.p2t"
    base=$(wall "p2t-$fmt") base_cpu=$(cpu "p2t-$fmt")
    ;;
  esac
  printf '| %s | %d | %d | %d / %d | **%s%%** | %s s / %s s | %s / %s | %s |\n' "$fmt" "$nfiles" "$ok" "$matched" "$total" "$share" \
    "$w" "$c" "$(per_s "$nfiles" "$w")" "$(per_s "$nfiles" "$c")" \
    "$([ -n "$base" ] && echo "$(per_s "$nfiles" "$base") / $(per_s "$nfiles" "$base_cpu")" || echo "—")" >>"$work/table.md"
  printf '| %s %s |\n' "$fmt" "$cats" >>"$work/cats.md"
  {
    printf -- '- **%s**: ' "$fmt"
    grep -E '^[^ ]+ (缺失|不同) ' "$work/fig/$fmt.all" | cut -d' ' -f2- |
      sed -E 's/：源 .*//; s/\[[0-9]+\]「[^」]*」(（按位置对应导入的「[^」]*」）)?/[*]/g; s/「[^」]*」/「*」/g' |
      sort | uniq -c | sort -k1,1nr -k2 | head -n 8 | awk '{ printf "%s%s `%s` × %d", (NR > 1 ? "; " : ""), $2, $3, $1 }'
    echo
  } >>"$work/lost.md"
  if [ -n "${BENCH_RESULTS:-}" ]; then
    met=$([ $((matched * 100)) -ge $((98 * total)) ] && [ "$total" -gt 0 ] && echo true || echo false)
    printf '{"workload":"import-roundtrip %s: key figures kept","value":%s,"unit":"%%","baseline":null,"ratio":null,"target":"≥ 98%% of the key figures","met":%s}\n' \
      "$fmt" "$share" "$met" >>"$BENCH_RESULTS"
    if [ -n "$base" ]; then
      awk -v f="$fmt" -v n="$nfiles" -v c="$c" -v b="$base_cpu" 'BEGIN {
        printf "{\"workload\":\"import-report %s, reports/s (CPU)\",\"value\":%.1f,\"unit\":\"reports/s\",\"baseline\":%.1f,\"ratio\":%.3f,\"target\":\"\"}\n",
          f, n / c, n / b, b / c }' >>"$BENCH_RESULTS"
    fi
  fi
done

# ---- the section ---------------------------------------------------------------------------------------
cat <<EOF
### Report import round trip (bench/import-roundtrip.sh --$MODE)

$nfiles files from \`jixiao gen --departments $n --seed $seed --faults 0\` ($((nfiles - nproj)) department files,
$nproj project files), each written by \`jixiao report\` as md, html, docx and pdf ($(wall report) s wall for all
of them, two processes at a time); lo.pdf is LibreOffice's PDF of the DOCX. Each report is read back by
\`jixiao import-report\` and its key figures compared exactly with the source by \`jx_figures\`
(tests/tools/figures.c): the year, the department's and the project's name, the finance totals and
their parts, every indicator's nature, target, unit, weight, actual and typed score, and the stated
total. A report the import refuses counts as all its figures missing. The target (issue #16) is
at least 98% per format.

| format | files | imported | key figures matched | share | import: wall / CPU | reports/s: wall / CPU | pdftotext alone, reports/s: wall / CPU |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(cat "$work/table.md")

Two processes at a time (\`xargs -P2\`) on $(nproc) CPUs; wall time is that of the whole batch,
CPU time the user + system time of all its processes (what a shared machine disturbs less).
pdftotext alone is run the same way on the same PDFs, writing a text file: the floor of a PDF
import, which runs it and then reads its text. ${lo_note}.

Key figures matched, by kind:

| format | year | name | finance | nature | target | unit | weight | actual | score | total |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(cat "$work/cats.md")

Most frequent losses (figure kind × files·indicators; \`[*]\` stands for every indicator):

$(cat "$work/lost.md")
EOF
